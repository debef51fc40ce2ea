"""Every operation, called through the generated client against Prism (request validation on).

Each method the config places is called sync and async, once with only its required arguments and
once with every argument it takes, passed as SDK users pass them (the last path parameter
positionally, everything else by keyword); the result must be the declared type all the way down. Prism
rejects a request that breaks the spec with 422, which the client raises, so such a call fails.
Stream variants (`stream=True`) are checked against the local server in `test_stream_conformance`,
because Prism answers them with plain JSON.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from typing import Any

import pytest

from tests.api_resources._plan import Call, calls, config
from tests.api_resources._types import assert_matches_type

pytestmark = pytest.mark.prism

CALLS = calls()
ARGUMENT_SETS = {"required_args": False, "all_args": True}
PAGE_CLASSES = {
    "cursor": ("SyncCursorPage", "AsyncCursorPage"),
    "single": ("SyncPage", "AsyncPage"),
}


@cache
def declared_type(schema: str) -> Any:
    """The SDK-named type the config gives a schema, from its public module."""
    entry = config()["types"][schema]
    dotted = entry["module"].replace("/", ".")
    for module in (f"typed_openai.types.{dotted}", f"typed_openai._generated.types.{dotted}"):
        try:
            return getattr(importlib.import_module(module), entry["name"])
        except (ImportError, AttributeError):
            continue
    raise AssertionError(f"{entry['name']} is not importable from typed_openai.types.{dotted}")


def method_of(client: Any, call: Call) -> Any:
    target = client
    for part in call.resource:
        target = getattr(target, part)
    return getattr(target, call.method)


def check_result(call: Call, result: Any, *, is_async: bool) -> None:
    expect = call.expect
    if expect.kind == "binary":
        assert isinstance(result.content, bytes) and result.content
        return
    assert expect.type_schema is not None
    if expect.kind == "page":
        assert expect.page is not None
        assert type(result).__name__.split("[")[0] == PAGE_CLASSES[expect.page][is_async]
        assert result.data, "Prism answers every list with at least one item"
        for i, item in enumerate(result.data):
            assert_matches_type(declared_type(expect.type_schema), item, f"data[{i}]")
        return
    assert_matches_type(declared_type(expect.type_schema), result)


@pytest.fixture(scope="module")
def client(prism_url: str) -> Iterator[Any]:
    from typed_openai import OpenAI

    with OpenAI(api_key="test-key", base_url=prism_url, max_retries=0) as client:
        yield client


@pytest.fixture
async def async_client(prism_url: str) -> Any:
    from typed_openai import AsyncOpenAI

    async with AsyncOpenAI(api_key="test-key", base_url=prism_url, max_retries=0) as client:
        yield client


@pytest.mark.parametrize("everything", ARGUMENT_SETS.values(), ids=ARGUMENT_SETS.keys())
@pytest.mark.parametrize("call", CALLS, ids=lambda c: c.id)
def test_sync(client: Any, call: Call, everything: bool) -> None:
    args, kwargs = call.call_args(everything=everything)
    result = method_of(client, call)(*args, **kwargs)
    check_result(call, result, is_async=False)


@pytest.mark.anyio
@pytest.mark.parametrize("everything", ARGUMENT_SETS.values(), ids=ARGUMENT_SETS.keys())
@pytest.mark.parametrize("call", CALLS, ids=lambda c: c.id)
async def test_async(async_client: Any, call: Call, everything: bool) -> None:
    args, kwargs = call.call_args(everything=everything)
    result = await method_of(async_client, call)(*args, **kwargs)
    check_result(call, result, is_async=True)


def test_every_operation_is_planned() -> None:
    from tests.api_resources._plan import spec

    planned = {call.operation_id for call in CALLS}
    in_spec = {
        op["operationId"]
        for item in spec()["paths"].values()
        for method, op in item.items()
        if method in ("get", "post", "put", "patch", "delete")
    }
    assert planned == in_spec


def test_a_call_that_breaks_the_spec_fails(client: Any) -> None:
    """Request validation is on: a message role the spec does not know is rejected."""
    from typed_openai import UnprocessableEntityError

    with pytest.raises(UnprocessableEntityError):
        client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "narrator", "content": "hi"}]
        )


def coverage_line(stats: Mapping[str, Sequence[Any]]) -> str | None:
    """`N operations, M calls: P passed, F failed` for the terminal summary, or None if none ran."""
    outcomes = {"passed": 0, "failed": 0}
    for outcome in outcomes:
        for report in stats.get(outcome, ()):
            nodeid = getattr(report, "nodeid", "")
            is_call = getattr(report, "when", "call") == "call"
            if is_call and ("::test_sync[" in nodeid or "::test_async[" in nodeid):
                outcomes[outcome] += 1
    total = sum(outcomes.values())
    if not total:
        return None
    from tests.api_resources._plan import UNPLANNED

    unplanned = (
        f"; {len(UNPLANNED)} operations not planned: {sorted(UNPLANNED)}" if UNPLANNED else ""
    )
    return (
        f"Prism conformance: {len(CALLS)} operations x sync/async x required/all arguments = "
        f"{total} calls: {outcomes['passed']} passed, {outcomes['failed']} failed{unplanned}"
    )
