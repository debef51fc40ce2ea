"""Fields and request keys of the official SDK (openai 3.57.0) newer than the upstream API document,
which spec/openapi.yml carries marked `x-sdk-newer: true`: read, printed and sent as with the SDK.

Code written for the SDK reads them (``response.tool_usage.web_search.num_requests``), builds
models and params with them, and prints or dumps whole objects, so each is compared on the same
answers and calls against the loopback server with either package.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import client_of, run_both
from .test_real_world_apps import (
    function_call,
    output_message,
    response_events,
    response_object,
    sse,
)

DIAGNOSTICS = [
    {
        "type": "cache_miss",
        "reason": "tools_changed",
        "cache_missed_tokens": 812,
        "comparison_reusable_tokens": 1024,
    },
    {"type": "cache_hit"},
    {"type": "comparison_response_not_found"},
    {"type": "unavailable"},
]
TOOL_USAGE = {
    "image_gen": {
        "input_tokens": 50,
        "input_tokens_details": {"image_tokens": 40, "text_tokens": 10},
        "output_tokens": 1056,
        "total_tokens": 1106,
        "cached_tokens": 8,
        "cached_tokens_details": {"cached_image_tokens": 6, "cached_text_tokens": 2},
        "output_tokens_details": {"image_tokens": 1000, "text_tokens": 56},
    },
    "web_search": {"num_requests": 3},
}


def newer_response(diagnostics: dict[str, Any]) -> dict[str, Any]:
    call = {**function_call("lookup", {"q": "x"}, "c1"), "async": True}
    custom = {
        "id": "ctc_1",
        "type": "custom_tool_call",
        "call_id": "c2",
        "name": "patch",
        "input": "diff",
        "async": False,
    }
    answer = response_object(
        [output_message("Hi"), call, custom],
        access_programs={"cyber": "daybreak_blue"},
        image={"context_compression": "enabled"},
        input_transformations=[
            {"id": "rs_1", "action": "removed", "reason": "model_mismatch", "type": "reasoning"}
        ],
        prompt_cache_diagnostics=diagnostics,
        prompt_cache_options={"mode": "explicit", "ttl": "30m", "comparison_response_id": "r0"},
        tool_usage=TOOL_USAGE,
    )
    answer["usage"]["input_tokens_details"] = {
        "cached_tokens": 0,
        "cache_write_tokens": 30,
        "cache_write_tokens_details": {"ttl_12h_tokens": 20, "ttl_30m_tokens": 10},
    }
    return answer


@pytest.mark.parametrize("resource", ["responses", "beta.responses"])
@pytest.mark.parametrize("diagnostics", DIAGNOSTICS, ids=[d["type"] for d in DIAGNOSTICS])
def test_a_response_reads_prints_and_dumps_its_newer_fields_as_the_sdk(
    server: ScriptedServer, resource: str, diagnostics: dict[str, Any]
) -> None:
    def observed(sdk: ModuleType) -> Any:
        server.reply(Reply.json(newer_response(diagnostics)))
        with client_of(sdk, server.url + "/v1") as client:
            api = client.beta.responses if resource.startswith("beta") else client.responses
            response = api.create(model="gpt-5", input="hi")
        usage = response.tool_usage
        read = (
            response.access_programs.cyber,
            response.image.context_compression,
            [(t.id, t.reason) for t in response.input_transformations],
            type(response.prompt_cache_diagnostics).__name__,
            response.prompt_cache_diagnostics.type,
            getattr(response.prompt_cache_diagnostics, "reason", None),
            response.prompt_cache_options.comparison_response_id,
            usage.web_search.num_requests,
            usage.image_gen.input_tokens_details.image_tokens,
            usage.image_gen.cached_tokens_details.cached_text_tokens,
            usage.image_gen.output_tokens_details.text_tokens,
            type(usage).__name__,
            type(usage.image_gen).__name__,
            response.usage.input_tokens_details.cache_write_tokens_details.ttl_12h_tokens,
            [getattr(item, "async_", "-") for item in response.output],
        )
        return read, repr(response), response.model_dump(), response.model_dump_json()

    ours, theirs = run_both(observed)
    assert ours[0][0] == "daybreak_blue" and ours[0][-1] == ["-", True, False]
    assert ours == theirs


def test_newer_models_build_by_hand_as_with_the_sdk() -> None:
    """Test fakes build the models from the answer's keys (``async``, as a server sends it)."""

    def built(sdk: ModuleType) -> Any:
        from importlib import import_module

        types = import_module(f"{sdk.__name__}.types.responses")
        response_module = import_module(f"{sdk.__name__}.types.responses.response")
        call = types.ResponseFunctionToolCall(
            arguments="{}", call_id="c", name="f", type="function_call", **{"async": True}
        )
        usage = response_module.ToolUsage(
            image_gen=response_module.ToolUsageImageGen(
                input_tokens=1,
                input_tokens_details={"image_tokens": 0, "text_tokens": 1},
                output_tokens=2,
                total_tokens=3,
            ),
            web_search=response_module.ToolUsageWebSearch(num_requests=0),
        )
        miss = response_module.PromptCacheDiagnosticsCacheMiss(
            type="cache_miss", reason="input_changed", cache_missed_tokens=5
        )
        return (
            repr(call),
            call.model_dump(by_alias=True, exclude_none=True),
            repr(usage),
            miss.model_dump(),
        )

    ours, theirs = run_both(built)
    assert ours[1]["async"] is True
    assert ours == theirs


def test_a_call_with_async_goes_back_as_input_with_its_wire_name(server: ScriptedServer) -> None:
    """A stateless agent re-sends the output items it got: ours sends ``async`` as the server
    sent it; the SDK dumps the model by attribute name, ``async_`` (a key the API does not know;
    the same as a json_schema format's ``schema_``, tests/drop_in/test_real_world_n_known.py).
    Everything else goes out the same."""

    def sent(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.reply(Reply.json(newer_response(DIAGNOSTICS[1])), Reply.json(response_object([])))
        with client_of(sdk, server.url + "/v1") as client:
            first = client.responses.create(model="gpt-5", input="hi")
            client.responses.create(
                model="gpt-5",
                input=[
                    *first.output[1:],
                    {"type": "function_call_output", "call_id": "c1", "output": "ok"},
                ],
            )
        return server.requests[1].json()["input"]

    ours, theirs = run_both(sent)
    assert [item.get("async") for item in ours] == [True, False, None]
    assert [item.get("async_") for item in theirs] == [True, False, None]
    renamed = [{("async" if k == "async_" else k): v for k, v in item.items()} for item in theirs]
    assert ours == renamed


NEWER_CREATE_KEYS = {
    "access_programs": {"cyber": "daybreak_red"},
    "background_options": {"completion_window": "8h", "continuation_id": "batch-7"},
    "image": {"context_compression": "disabled"},
}


@pytest.mark.parametrize("method", ["create", "parse", "stream", "beta.create"])
def test_the_newer_create_arguments_go_out_as_with_the_sdk(
    server: ScriptedServer, method: str
) -> None:
    """``responses.create(access_programs=..., background_options=..., image=...)`` (and parse,
    stream, the beta create): the same request body with either package."""

    def sent(sdk: ModuleType) -> Any:
        server.requests.clear()
        item = output_message("Hi")
        if method == "stream":
            server.reply(sse(response_events(response_object([item]), item)))
        else:
            server.reply(Reply.json(response_object([item])))
        with client_of(sdk, server.url + "/v1") as client:
            if method == "stream":
                with client.responses.stream(model="gpt-5", input="hi", **NEWER_CREATE_KEYS) as s:
                    s.get_final_response()
            elif method == "beta.create":
                client.beta.responses.create(model="gpt-5", input="hi", **NEWER_CREATE_KEYS)
            else:
                getattr(client.responses, method)(model="gpt-5", input="hi", **NEWER_CREATE_KEYS)
        return server.requests[0].path, server.requests[0].json()

    ours, theirs = run_both(sent)
    assert {k: ours[1][k] for k in NEWER_CREATE_KEYS} == NEWER_CREATE_KEYS
    assert ours == theirs


ASYNC_FUNCTION = {
    "type": "function",
    "name": "slow_lookup",
    "parameters": {"type": "object", "properties": {}},
    "strict": True,
    "async": True,
}
SVG_IMAGE_TOOL = {
    "type": "image_generation",
    "complexity": "high",
    "frame_count": 12,
    "frame_duration_ms": 80,
    "svg": {"model": "gpt-5", "reasoning": {"effort": "low"}},
}
NAMESPACE = {
    "type": "namespace",
    "name": "crm",
    "description": "CRM tools",
    "tools": [{"type": "function", "name": "find", "async": False}],
}
CUSTOM = {"type": "custom", "name": "patch", "async": True}


@pytest.mark.parametrize("resource", ["responses", "beta.responses"])
def test_newer_tool_options_go_out_and_read_back_as_with_the_sdk(
    server: ScriptedServer, resource: str
) -> None:
    """A function, custom or namespace tool's ``async`` and the image generation tool's
    complexity, frames and SVG options: sent as given, read back from the response's ``tools``."""
    tools = [ASYNC_FUNCTION, SVG_IMAGE_TOOL, NAMESPACE, CUSTOM]

    def observed(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.reply(Reply.json(response_object([output_message("Hi")], tools=tools)))
        with client_of(sdk, server.url + "/v1") as client:
            api = client.beta.responses if resource.startswith("beta") else client.responses
            response = api.create(model="gpt-5", input="hi", tools=tools)
        function, image, namespace, custom = response.tools
        read = (
            function.async_,
            (image.complexity, image.frame_count, image.frame_duration_ms),
            (image.svg.model, image.svg.reasoning.effort, type(image.svg).__name__),
            namespace.tools[0].async_,
            custom.async_,
        )
        return server.requests[0].json()["tools"], read, repr(response.tools)

    ours, theirs = run_both(observed)
    assert ours[0] == tools
    assert ours[1][0] is True and ours[1][3] is False
    assert ours == theirs


MISALIGNMENT = {
    "detailed_explanation": "The request would send private files to an unknown host.",
    "error_type": "potentially_unintended_data_transfer",
    "review_target": "rev_1",
    "steer": {"message": "Ask the user before uploading."},
}


@pytest.mark.parametrize("resource", ["responses", "beta.responses"])
def test_a_failed_response_reads_its_misalignment_as_with_the_sdk(
    server: ScriptedServer, resource: str
) -> None:
    def observed(sdk: ModuleType) -> Any:
        error = {"code": "server_error", "message": "stopped", "misalignment": MISALIGNMENT}
        server.reply(Reply.json(response_object([], status="failed", error=error)))
        with client_of(sdk, server.url + "/v1") as client:
            api = client.beta.responses if resource.startswith("beta") else client.responses
            response = api.create(model="gpt-5", input="hi")
        found = response.error.misalignment
        # (not the whole error: the SDK's ResponseError has `param` and `type` too, which the
        # document has on other error shapes only: tests/sdk_parity_allowed.txt)
        return found.error_type, found.steer.message, type(found).__name__, repr(found)

    ours, theirs = run_both(observed)
    assert ours[1] == "Ask the user before uploading."
    assert ours == theirs


@pytest.mark.parametrize(
    ("module", "name", "data"),
    [
        ("shared.error_object", "ErrorObject", {"message": "m", "type": "t", "code": None}),
        ("video_create_error", "VideoCreateError", {"code": "c", "message": "m"}),
    ],
)
def test_other_error_objects_read_their_misalignment_as_with_the_sdk(
    module: str, name: str, data: dict[str, Any]
) -> None:
    def observed(sdk: ModuleType) -> Any:
        from importlib import import_module

        cls = getattr(import_module(f"{sdk.__name__}.types.{module}"), name)
        error = cls.model_validate({**data, "param": None, "misalignment": MISALIGNMENT})
        # (the misalignment only: the SDK's VideoCreateError has `headers`, `param` and `type`
        # too, which the document's video error lacks: tests/sdk_parity_allowed.txt)
        found = error.misalignment
        return found.review_target, repr(found), found.model_dump(), type(found).__module__[-20:]

    ours, theirs = run_both(observed)
    assert ours[0] == "rev_1"
    assert ours == theirs
