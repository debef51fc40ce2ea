"""The official SDK, used as an oracle, agrees with spec/openapi.yml on every operation.

The same calls as the conformance suite, made through `openai` against Prism: Prism validates what
the SDK sends against our spec (a field or enum value the SDK sends that our spec does not allow
fails), and the SDK's own response types must hold Prism's spec-built answers completely (no
value of the wrong type; fields newer than the SDK release are allowed). This checks the spec and
the config's type and page names independently of our generator.
"""

from __future__ import annotations

import builtins
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from tests.api_resources._plan import Call, calls
from tests.api_resources._returns import return_type, type_arguments
from tests.api_resources._types import assert_matches_type, page_origin
from tests.api_resources.test_conformance import method_of

pytestmark = pytest.mark.prism

# The SDK asks for downloads with `Accept: application/binary`; the spec's media type is octet-stream.
BINARY_ACCEPT = {"Accept": "application/octet-stream"}


def _sdk_has(target: Any, call: Call) -> bool:
    try:
        method_of(target, call)
    except AttributeError:
        return False
    return True


def _sdk_calls() -> list[Call]:
    import openai

    # one client for every look-up (building one per operation cost ~0.1 s each at collection)
    with openai.OpenAI(api_key="k", base_url="http://127.0.0.1:9/v1") as target:
        return [call for call in calls() if _sdk_has(target, call)]


# operations the official SDK does not expose are placed and checked by the layout's SDK-tree test
CALLS = _sdk_calls()


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

    with OpenAI(api_key="k", admin_api_key="k", base_url="http://127.0.0.1:9/v1") as client:
        yield client


_ORACLE_OLDER = "the spec is newer than openai 3.57.0"
_PRISM = "Prism cannot answer this valid request"

# Calls the oracle cannot judge (older SDK, Prism, SDK and spec disagree): each is a strict xfail limited to
# the exception it raises, so a call that starts passing (or fails another way) fails the suite.
# Keys are `<call id>-required_args|all_args`; "*" stands for both.
ORACLE_LIMITS: dict[str, tuple[str, str]] = {
    # the SDK's signature lacks arguments the spec declares
    "beta.realtime.sessions.create-all_args": (
        "TypeError",
        f"{_ORACLE_OLDER}: Sessions.create() has no `truncation` argument",
    ),
    # Prism's spec-built answers hold values the SDK's older types reject
    "beta.realtime.transcription_sessions.create-*": (
        "AssertionError",
        f"{_ORACLE_OLDER}: transcription `model` is any string in the spec, a 3-value Literal in the SDK",
    ),
    **{
        f"{name}-{variant}": (
            "AssertionError",
            f"{_ORACLE_OLDER}: Response/BetaResponse members (error code, output content) "
            "the SDK's unions do not know",
        )
        for name, variant in (
            ("beta.responses.create", "*"),
            ("beta.responses.retrieve", "*"),
            ("beta.responses.compact", "*"),
            ("responses.compact", "*"),
        )
    },
    **{
        f"containers.files.{name}-*": (
            "AssertionError",
            f"{_ORACLE_OLDER}: `object` is any string in the spec, Literal['container.file'] in the SDK",
        )
        for name in ("create", "retrieve", "list")
    },
    # the SDK's request differs from the spec (both upstream's): Prism answers 404/406
    "evals.runs.cancel-*": (
        "NotFoundError",
        "openai 3.57.0 posts to /evals/{id}/runs/{run_id}/cancel; the spec (as upstream's) "
        "cancels with POST /evals/{id}/runs/{run_id}, so Prism answers 404",
    ),
    **{
        f"{name}-*": (
            "APIStatusError",
            "the SDK asks with Accept: application/binary, a media type the spec does not "
            "declare for this download, so Prism answers 406",
        )
        for name in (
            "videos.download_content",
            "skills.content.retrieve",
            "skills.versions.content.retrieve",
        )
    },
    # Prism answers a valid request with an error
    "realtime.calls.create-all_args": (
        "UnprocessableEntityError",
        f"{_PRISM}: 422 for the multipart body with every argument",
    ),
}


def _oracle_params() -> list[Any]:
    import openai

    params: list[Any] = []
    for call in CALLS:
        for everything, variant in ((False, "required_args"), (True, "all_args")):
            test_id = f"{call.id}-{variant}"
            limit = ORACLE_LIMITS.get(test_id) or ORACLE_LIMITS.get(f"{call.id}-*")
            marks = ()
            if limit is not None:
                error_name, reason = limit
                error = getattr(openai, error_name, None) or getattr(builtins, error_name)
                marks = (pytest.mark.xfail(strict=True, raises=error, reason=reason),)
            params.append(pytest.param(call, everything, id=test_id, marks=marks))
    return params


def test_every_oracle_limit_names_a_call() -> None:
    ids = {f"{c.id}-{v}" for c in CALLS for v in ("required_args", "all_args", "*")}
    assert set(ORACLE_LIMITS) <= ids, set(ORACLE_LIMITS) - ids


@pytest.mark.parametrize(("call", "everything"), _oracle_params())
def test_official_sdk_call_is_valid_and_parses(
    sdk_client: Any, our_client: Any, call: Call, everything: bool
) -> None:
    args, kwargs = call.call_args(everything=everything)
    if call.expect.media == BINARY_ACCEPT["Accept"]:
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
    ours = page_origin(return_type(method_of(our_client, call)))
    if ours is not None:
        # the page kind our client declares is the SDK's
        assert type(result).__name__.split("[")[0] == ours.__name__
        (item_type,) = type_arguments(declared)
        assert result.data
        for i, item in enumerate(result.data):
            assert_matches_type(item_type, item, f"data[{i}]", allow_extra_fields=True)
        return
    # the spec follows the live API, which has fields this SDK release has not caught up with
    assert_matches_type(declared, result, allow_extra_fields=True)
