"""Every generated method takes the arguments the official SDK's method takes, the same way.

Drop-in compatibility means a call written for `openai` works unchanged, so for each operation the
generated method must have the SDK's positional parameters (in order: only the last path
parameter is positional, as in `messages.retrieve(message_id, thread_id=...)`), the same set of
argument names and the same required ones. The official SDK is used here only as an oracle.
"""

from __future__ import annotations

import inspect
import warnings
from typing import Any

import pytest

from tests.api_resources._plan import Call, calls
from tests.api_resources.test_conformance import method_of
from tests.api_resources.test_sdk_tree import OURS_ONLY, Parity

CALLS = calls()
PER_CALL_OPTIONS = {"self", "extra_headers", "extra_query", "extra_body", "timeout"}


def _shape(method: Any) -> tuple[list[str], set[str], set[str]]:
    """(positional names in order, all argument names, required names)."""
    parameters = [
        p for p in inspect.signature(method).parameters.values() if p.name not in PER_CALL_OPTIONS
    ]
    positional = [
        p.name for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    required = {p.name for p in parameters if p.default is inspect.Parameter.empty}
    return positional, {p.name for p in parameters}, required


@pytest.fixture(scope="module")
def clients() -> tuple[Any, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the SDK flags the Assistants API
        import openai

        from typed_openai import OpenAI

        return openai.OpenAI(api_key="test-key"), OpenAI(api_key="test-key")


@pytest.mark.parametrize("call", CALLS, ids=lambda c: c.id)
def test_signature_matches_the_official_sdk(clients: tuple[Any, Any], call: Call) -> None:
    sdk_client, our_client = clients
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        sdk_positional, sdk_names, sdk_required = _shape(method_of(sdk_client, call))
    positional, names, required = _shape(method_of(our_client, call))
    assert positional == [p for p in sdk_positional if p in names]
    only_sdk, only_ours = _unexplained(call, sdk_names - names, names - sdk_names)
    assert not only_sdk and not only_ours, f"only in the SDK: {only_sdk}; only ours: {only_ours}"
    assert required <= sdk_required | _required_by_spec(call)


def _unexplained(call: Call, only_sdk: set[str], only_ours: set[str]) -> tuple[set[str], set[str]]:
    """Drop the differences test_sdk_tree lists with a reason (parameters newer than upstream)."""
    where = ".".join((*call.resource, call.method))
    listed = Parity()
    return (
        {name for name in only_sdk if listed.allowed(f"{where}({name})") is None},
        {name for name in only_ours if f"{where}({name})" not in OURS_ONLY},
    )


def _required_by_spec(call: Call) -> set[str]:
    """The spec may require more than the SDK enforces (e.g. one of `file_ids` / `files`)."""
    return {arg.name for arg in call.arguments if arg.required}


@pytest.mark.parametrize("call", CALLS, ids=lambda c: c.id)
def test_spec_arguments_match_the_official_sdk(clients: tuple[Any, Any], call: Call) -> None:
    """Independent of the generator: the spec offers exactly the SDK method's arguments."""
    sdk_client, _ = clients
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        _, sdk_names, _ = _shape(method_of(sdk_client, call))
    names = {arg.name for arg in call.arguments}
    only_sdk, only_ours = _unexplained(call, sdk_names - names, names - sdk_names)
    assert not only_sdk and not only_ours, f"only in the SDK: {only_sdk}; only ours: {only_ours}"
