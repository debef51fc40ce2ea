"""The computer-use modules have the official SDK's public names and call signatures (parameter
names, kinds and defaults), so code written for ``openai.lib.computer`` runs unchanged."""

from __future__ import annotations

import inspect
from typing import Any

import openai.lib.computer
import openai.lib.tool_diagnostics
import pytest

import typed_openai.lib.computer
import typed_openai.lib.tool_diagnostics

CLASSES = ["ComputerToolset", "AsyncComputerToolset"]


def _parameters(function: Any) -> list[tuple[str, Any, Any]]:
    return [
        (parameter.name, parameter.kind, parameter.default)
        for parameter in inspect.signature(function).parameters.values()
    ]


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (typed_openai.lib.computer, openai.lib.computer),
        (typed_openai.lib.tool_diagnostics, openai.lib.tool_diagnostics),
    ],
)
def test_the_modules_export_the_same_names(ours: Any, theirs: Any) -> None:
    assert sorted(ours.__all__) == sorted(theirs.__all__)


@pytest.mark.parametrize("name", ["ToolDiagnostic", "ToolDiagnosticUsage"])
def test_diagnostics_have_the_same_keys(name: str) -> None:
    ours = getattr(typed_openai.lib.tool_diagnostics, name)
    theirs = getattr(openai.lib.tool_diagnostics, name)
    assert ours.__annotations__.keys() == theirs.__annotations__.keys()


@pytest.mark.parametrize("name", CLASSES)
@pytest.mark.parametrize("method", ["__init__", "run", "execute", "close"])
def test_toolset_methods_take_the_same_parameters(name: str, method: str) -> None:
    ours = getattr(getattr(typed_openai.lib.computer, name), method)
    theirs = getattr(getattr(openai.lib.computer, name), method)
    assert _parameters(ours) == _parameters(theirs)
    assert inspect.iscoroutinefunction(ours) == inspect.iscoroutinefunction(theirs)


@pytest.mark.parametrize("name", ["ComputerDriver", "AsyncComputerDriver"])
def test_drivers_have_the_same_methods(name: str) -> None:
    def methods(protocol: Any) -> dict[str, list[tuple[str, Any, Any]]]:
        return {
            member: _parameters(getattr(protocol, member))
            for member in dir(protocol)
            if not member.startswith("_")
        }

    assert methods(getattr(typed_openai.lib.computer, name)) == methods(
        getattr(openai.lib.computer, name)
    )


def test_computer_use_error_keeps_the_response() -> None:
    error = typed_openai.lib.computer.ComputerUseError("stopped")
    assert isinstance(error, RuntimeError) and error.response is None and str(error) == "stopped"
