"""The official SDK, used as an oracle, agrees with spec/openapi.yml on every operation.

The same calls as the conformance suite, made through `openai` against Prism: Prism validates what
the SDK sends against our spec (a field or enum value the SDK sends that our spec does not allow
fails), and the SDK's own response types must hold Prism's spec-built answers completely (no
value of the wrong type; fields newer than the SDK release are allowed). This checks the spec and
the config's type and page names independently of our generator.
"""

from __future__ import annotations

import typing
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from tests.api_resources._plan import Call, calls
from tests.api_resources._returns import return_type, type_arguments
from tests.api_resources._types import assert_matches_type
from tests.api_resources.test_conformance import method_of

pytestmark = pytest.mark.prism

# The SDK asks for downloads with `Accept: application/binary`; the spec's media type is octet-stream.
BINARY_ACCEPT = {"Accept": "application/octet-stream"}


def _sdk_has(call: Call) -> bool:
    import openai

    target: Any = openai.OpenAI(api_key="k", base_url="http://127.0.0.1:9/v1")
    try:
        method_of(target, call)
    except AttributeError:
        return False
    return True


# operations the official SDK does not expose are placed and checked by the layout's SDK-tree test
CALLS = [call for call in calls() if _sdk_has(call)]


@pytest.fixture(scope="module")
def sdk_client(prism_url: str) -> Iterator[Any]:
    import openai

    with openai.OpenAI(
        api_key="test-key", admin_api_key="test-admin-key", base_url=prism_url, max_retries=0
    ) as client:
        yield client


@pytest.fixture(scope="module")
def our_client() -> Iterator[Any]:
    from typed_openai import OpenAI

    with OpenAI(api_key="k", base_url="http://127.0.0.1:9/v1") as client:
        yield client


@pytest.mark.parametrize("everything", [False, True], ids=["required_args", "all_args"])
@pytest.mark.parametrize("call", CALLS, ids=lambda c: c.id)
def test_official_sdk_call_is_valid_and_parses(
    sdk_client: Any, our_client: Any, call: Call, everything: bool
) -> None:
    args, kwargs = call.call_args(everything=everything)
    if call.expect.kind == "binary":
        kwargs["extra_headers"] = BINARY_ACCEPT
    method = method_of(sdk_client, call)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the SDK flags the Assistants API
        result = method(*args, **kwargs)
    if call.expect.kind == "binary":
        assert result.content
        return
    if call.expect.kind == "none":
        assert result is None
        return
    declared = return_type(method)
    ours = typing.get_origin(return_type(method_of(our_client, call)))
    if ours is not None and ours.__name__.endswith("Page"):
        # the page kind our client declares is the SDK's
        assert type(result).__name__.split("[")[0] == ours.__name__
        (item_type,) = type_arguments(declared)
        assert result.data
        for i, item in enumerate(result.data):
            assert_matches_type(item_type, item, f"data[{i}]", allow_extra_fields=True)
        return
    # the spec follows the live API, which has fields this SDK release has not caught up with
    assert_matches_type(declared, result, allow_extra_fields=True)
