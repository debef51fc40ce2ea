"""Every operation, called through the generated client against Prism (request validation on).

Each method the config places is called sync and async, once with only its required arguments and
once with every argument it takes, passed as SDK users pass them (the last path parameter
positionally, everything else by keyword); the result must be the declared type all the way down. Prism
rejects a request that breaks the spec with 422, which the client raises, so such a call fails.
Stream variants (`stream=True`) are checked against the local server in `test_stream_conformance`,
because Prism answers them with plain JSON.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import pytest

from tests.api_resources._plan import Call, calls
from tests.api_resources._returns import return_type
from tests.api_resources._types import assert_matches_type, page_origin
from tests.support.deprecations import calls_deprecated_operations
from typed_openai._core._pagination import AsyncPaginator, BasePage

pytestmark = [pytest.mark.prism, *calls_deprecated_operations]

CALLS = calls()
ARGUMENT_SETS = {"required_args": False, "all_args": True}


def method_of(client: Any, call: Call) -> Any:
    target = client
    for part in call.resource:
        target = getattr(target, part)
    return getattr(target, call.method)


def check_result(call: Call, method: Any, result: Any) -> None:
    """The result is what the method is annotated to return, all the way down."""
    kind = call.expect.kind
    if kind == "binary":
        assert isinstance(result.content, bytes) and result.content
        return
    if kind == "none":
        assert result is None
        return
    declared = return_type(method)
    if typing.get_origin(declared) is AsyncPaginator:
        declared = typing.get_args(declared)[1]  # awaiting it gives the first page
    origin = page_origin(declared)
    if origin is not None:
        # a page: of our page classes, with items (each checked, as the page's other fields, by
        # assert_matches_type against the parametrized class `SyncCursorPage[FileObject]`)
        assert issubclass(origin, BasePage), f"{declared} is not one of our pages"
        assert result.data, "Prism answers every list with at least one item"
    assert_matches_type(declared, result)


@pytest.fixture(scope="module")
def client(prism_url: str) -> Iterator[Any]:
    from typed_openai import OpenAI

    with OpenAI(
        api_key="test-key", admin_api_key="test-admin-key", base_url=prism_url, max_retries=0
    ) as client:
        yield client


@pytest.fixture
async def async_client(prism_url: str) -> Any:
    from typed_openai import AsyncOpenAI

    async with AsyncOpenAI(
        api_key="test-key", admin_api_key="test-admin-key", base_url=prism_url, max_retries=0
    ) as client:
        yield client


# Calls that fail today, each for a bug this suite found or a request Prism cannot judge
# (strict: once fixed, the mark must go).
KNOWN_FAILURES: dict[tuple[str, str], str] = {
    ("realtime.calls.create", "all_args"): (
        "Prism answers 422 to the multipart body whose `session` part is typed application/json "
        "(as the spec's encoding says): it gets the official SDK's identical request wrong too "
        "(test_sdk_oracle's ORACLE_LIMITS); tests/drop_in/test_runtime_wire_all.py compares it"
    ),
}


def _cases() -> list[Any]:
    return [
        pytest.param(
            call,
            everything,
            id=f"{call.id}-{name}",
            marks=[pytest.mark.xfail(reason=KNOWN_FAILURES[(call.id, name)], strict=True)]
            if (call.id, name) in KNOWN_FAILURES
            else [],
        )
        for call in CALLS
        for name, everything in ARGUMENT_SETS.items()
    ]


@pytest.mark.parametrize(("call", "everything"), _cases())
def test_sync(client: Any, call: Call, everything: bool) -> None:
    args, kwargs = call.call_args(everything=everything)
    method = method_of(client, call)
    check_result(call, method, method(*args, **kwargs))


@pytest.mark.anyio
@pytest.mark.parametrize(("call", "everything"), _cases())
async def test_async(async_client: Any, call: Call, everything: bool) -> None:
    args, kwargs = call.call_args(everything=everything)
    method = method_of(async_client, call)
    check_result(call, method, await method(*args, **kwargs))


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
    outcomes = {"passed": 0, "failed": 0, "xfailed": 0}
    for outcome in outcomes:
        for report in stats.get(outcome, ()):
            nodeid = getattr(report, "nodeid", "")
            is_call = getattr(report, "when", "call") == "call"
            if is_call and ("::test_sync[" in nodeid or "::test_async[" in nodeid):
                outcomes[outcome] += 1
    total = sum(outcomes.values())
    if not total:
        return None
    return (
        f"Prism conformance: {len(CALLS)} operations x sync/async x required/all arguments = "
        f"{total} calls: {outcomes['passed']} passed, {outcomes['failed']} failed, "
        f"{outcomes['xfailed']} known failures ({len(KNOWN_FAILURES)} listed)"
    )
