"""The client-event methods of each websocket connection against the official SDK's (the oracle,
introspected): every method the SDK has at the same path, the same group class names, and the same
keyword-only parameters in the same order with the same defaults (a left-out argument: our
``NOT_GIVEN``, the SDK's ``omit``, both sent as nothing). Where the SDK is newer than the spec
(an event or a property the document lacks), the difference is listed below with its reason."""

from __future__ import annotations

import importlib
import inspect
from typing import Any

import pytest

from typed_openai._core._event_groups import EventGroup

# (our generated module, the SDK's module and connection class)
INTERFACES = {
    "ga": ("ga", "openai.resources.realtime.realtime", "RealtimeConnection"),
    "beta": ("beta", "openai.resources.beta.realtime.realtime", "RealtimeConnection"),
    "translations": (
        "translations",
        "openai.resources.realtime.translations.translations",
        "TranslationsConnection",
    ),
    "responses": ("responses", "openai.resources.responses.responses", "ResponsesConnection"),
    "beta_responses": (
        "beta_responses",
        "openai.resources.beta.responses.responses",
        "ResponsesConnection",
    ),
}
# the SDK (openai 3.57.0) is newer than the upstream document here: `response.steer` is not in it
# (the SDK's newer `response.create` properties are built: `x-sdk-newer` in spec/openapi.yml,
# `generate` too)
SDK_ONLY_METHODS = {"responses": {"response.steer"}, "beta_responses": {"response.steer"}}
SDK_ONLY_PARAMS: dict[tuple[str, str], set[str]] = {}


def _signature(method: Any, leave_out: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    """(name, kind, default) of each parameter after ``self``; a left-out default as "left out"."""
    found = []
    for p in list(inspect.signature(method).parameters.values())[1:]:
        if p.name in leave_out:
            continue
        if p.default is p.empty:
            default = "required"
        elif type(p.default).__name__ in ("NotGiven", "Omit"):  # ours, or the SDK's
            default = "left out"
        else:
            default = repr(p.default)
        found.append((p.name, p.kind.name, default))
    return found


def _methods(root: Any, is_group: Any) -> dict[str, tuple[str, Any]]:
    """Every event method under the connection's groups: dotted path -> (group class, method)."""
    found: dict[str, tuple[str, Any]] = {}

    def walk(node: Any, path: tuple[str, ...]) -> None:
        for name in dir(type(node)) if path else dir(node):
            if name.startswith("_"):
                continue
            value = getattr(node, name)
            if is_group(value):
                walk(value, (*path, name))
            elif path and inspect.ismethod(value):
                found[".".join((*path, name))] = (type(node).__name__, value.__func__)

    walk(root, ())
    return found


def _ours(module: str) -> dict[str, tuple[str, Any]]:
    events = importlib.import_module(f"typed_openai._generated.event_methods.{module}")

    class Connection(events.ClientEventMethods):  # type: ignore[name-defined]
        def _send_event(self, event: dict[str, object]) -> None:
            raise AssertionError("not sent")

    return _methods(Connection(), lambda v: isinstance(v, EventGroup))


def _sdk(module: str, connection: str) -> dict[str, tuple[str, Any]]:
    sdk_connection = getattr(importlib.import_module(module), connection)(object())
    return _methods(sdk_connection, lambda v: type(v).__name__.endswith("Resource"))


@pytest.mark.parametrize("interface", sorted(INTERFACES))
def test_event_methods_are_the_sdks(interface: str) -> None:
    pytest.importorskip("openai")
    ours_module, sdk_module, sdk_connection = INTERFACES[interface]
    ours, sdk = _ours(ours_module), _sdk(sdk_module, sdk_connection)
    # an event the spec has and the SDK lacks may be a method here (a superset breaks no caller)
    assert sorted(set(sdk) - set(ours)) == sorted(SDK_ONLY_METHODS.get(interface, set()))
    for path, (sdk_class, sdk_method) in sdk.items():
        if path not in ours:
            continue
        our_class, our_method = ours[path]
        assert our_class == sdk_class, path
        listed = frozenset(SDK_ONLY_PARAMS.get((interface, path), set()))
        theirs = _signature(sdk_method, listed)
        ours_all = _signature(our_method)
        assert listed.isdisjoint(name for name, *_ in ours_all), f"{path}: stale SDK-only entry"
        # a property the spec adds and the SDK lacks may be an argument here, as for methods
        shared = [p for p in ours_all if p[0] in {name for name, *_ in theirs}]
        assert shared == theirs, path
