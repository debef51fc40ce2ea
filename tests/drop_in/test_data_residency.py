"""The ``data_residency`` client option (``typed_openai.DataResidency``) as the official SDK has it:
a region's name selects its base URL, in place of ``base_url`` and ``OPENAI_BASE_URL``; it cannot be
combined with ``base_url`` or ``websocket_base_url``; ``copy()`` keeps the chosen endpoint and a new
name replaces it. Run against both SDKs; what is compared is what a user can observe."""

from __future__ import annotations

import typing
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

import typed_openai

from .conftest import API_KEY, official, run_both

REGIONS = ["global", "us", "eu", "ae", "au", "in", "jp"]


def test_the_names_are_the_sdks() -> None:
    assert typing.get_args(typed_openai.DataResidency) == typing.get_args(official().DataResidency)
    assert list(typing.get_args(typed_openai.DataResidency)) == REGIONS
    assert "DataResidency" in typed_openai.__all__


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("kind", ["OpenAI", "AsyncOpenAI"])
def test_each_region_selects_its_base_url(region: str, kind: str) -> None:
    def observe(sdk: ModuleType) -> str:
        return str(getattr(sdk, kind)(api_key=API_KEY, data_residency=region).base_url)

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours == f"https://{'' if region == 'global' else region + '.'}api.openai.com/v1/"


def test_it_wins_over_the_environments_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:1/v1")

    def observe(sdk: ModuleType) -> tuple[str, str]:
        regional = sdk.OpenAI(api_key=API_KEY, data_residency="eu")
        return str(regional.base_url), str(sdk.OpenAI(api_key=API_KEY).base_url)

    ours, theirs = run_both(observe)
    assert ours == theirs == ("https://eu.api.openai.com/v1/", "http://127.0.0.1:1/v1/")


@pytest.mark.parametrize(
    "arguments",
    [
        {"data_residency": "eu", "base_url": "http://127.0.0.1:1/v1"},
        {"data_residency": "eu", "base_url": None},
        {"data_residency": "eu", "websocket_base_url": "ws://127.0.0.1:1"},
        {"data_residency": "mars"},
        {"data_residency": "EU"},
    ],
)
def test_conflicts_and_unknown_names_are_value_errors(arguments: dict[str, Any]) -> None:
    def observe(sdk: ModuleType) -> str:
        with pytest.raises(ValueError) as info:
            sdk.OpenAI(api_key=API_KEY, **arguments)
        return type(info.value).__name__

    assert run_both(observe) == ("ValueError", "ValueError")
    message = _message(lambda: typed_openai.OpenAI(api_key=API_KEY, **arguments))
    if "mars" in str(arguments) or "EU" in str(arguments):
        assert message.startswith("Invalid `data_residency`") and "'jp'" in message
    else:
        other = next(name for name in arguments if name != "data_residency")
        assert message == f"The `data_residency` and `{other}` arguments are mutually exclusive"


def _message(make: Callable[[], object]) -> str:
    with pytest.raises(ValueError) as info:
        make()
    return str(info.value)


def test_copies_keep_the_endpoint_and_a_new_name_replaces_it() -> None:
    def observe(sdk: ModuleType) -> list[Any]:
        client = sdk.OpenAI(api_key=API_KEY, data_residency="eu")
        with_ws = sdk.OpenAI(api_key=API_KEY, websocket_base_url="ws://127.0.0.1:1")
        out: list[Any] = [
            str(client.copy().base_url),
            str(client.with_options(timeout=3).base_url),
            str(client.copy(data_residency="jp").base_url),
            str(client.copy(base_url="http://127.0.0.1:1/v1").base_url),
            # a region replaces the inherited WebSocket endpoint too
            with_ws.copy(data_residency="us").websocket_base_url,
            str(with_ws.copy(data_residency="us").base_url),
        ]
        for arguments in (
            {"data_residency": "us", "base_url": "http://127.0.0.1:1/v1"},
            {"data_residency": "us", "websocket_base_url": "ws://127.0.0.1:2"},
            {"data_residency": "moon"},
        ):
            with pytest.raises(ValueError):
                client.copy(**arguments)
        return out

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours == [
        "https://eu.api.openai.com/v1/",
        "https://eu.api.openai.com/v1/",
        "https://jp.api.openai.com/v1/",
        "http://127.0.0.1:1/v1/",
        None,
        "https://us.api.openai.com/v1/",
    ]
