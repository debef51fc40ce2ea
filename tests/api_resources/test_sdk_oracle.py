"""The official SDK, used as an oracle, agrees with spec/openapi.yml on every operation.

The same calls as the conformance suite, made through `openai` against Prism: Prism validates what
the SDK sends against our spec (a field or enum value the SDK sends that our spec does not allow
fails), and the SDK's own response types must hold Prism's spec-built answers completely (no
field of ours the SDK lacks, no value of the wrong type). This checks the spec and the config's
type names independently of our generator.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from tests.api_resources._plan import Call, calls, config
from tests.api_resources._types import assert_matches_type
from tests.api_resources.test_conformance import PAGE_CLASSES, method_of

pytestmark = pytest.mark.prism

CALLS = calls()
# The SDK asks for downloads with `Accept: application/binary`; the spec's media type is octet-stream.
BINARY_ACCEPT = {"Accept": "application/octet-stream"}


def sdk_type(schema: str) -> Any:
    entry = config()["types"][schema]
    module = importlib.import_module("openai.types." + entry["module"].replace("/", "."))
    return getattr(module, entry["name"])


@pytest.fixture(scope="module")
def sdk_client(prism_url: str) -> Iterator[Any]:
    import openai

    with openai.OpenAI(api_key="test-key", base_url=prism_url, max_retries=0) as client:
        yield client


@pytest.mark.parametrize("everything", [False, True], ids=["required_args", "all_args"])
@pytest.mark.parametrize("call", CALLS, ids=lambda c: c.id)
def test_official_sdk_call_is_valid_and_parses(
    sdk_client: Any, call: Call, everything: bool
) -> None:
    args, kwargs = call.call_args(everything=everything)
    if call.expect.kind == "binary":
        kwargs["extra_headers"] = BINARY_ACCEPT
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the SDK flags the Assistants API
        result = method_of(sdk_client, call)(*args, **kwargs)
    expect = call.expect
    if expect.kind == "binary":
        assert result.content
    elif expect.kind == "page":
        assert expect.type_schema is not None and expect.page is not None
        # the page kind the plan expects of our client is the SDK's
        assert type(result).__name__.split("[")[0] == PAGE_CLASSES[expect.page][0]
        assert result.data
        for i, item in enumerate(result.data):
            assert_matches_type(sdk_type(expect.type_schema), item, f"data[{i}]")
    else:
        assert expect.type_schema is not None
        assert_matches_type(sdk_type(expect.type_schema), result)
