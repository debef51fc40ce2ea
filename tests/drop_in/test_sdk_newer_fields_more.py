"""More fields and request keys of the official SDK (openai 3.57.0) newer than the upstream API
document, marked `x-sdk-newer: true` in spec/openapi.yml: the images options (complexity, GIF
frames, SVG writer, markup, safety identifier) and the SVG usage; the image generation call's
details; the responses request's prompt-cache comparison and prewarm; the admin usage's source and
cache-write counts, the projects' geography and the costs' line-item filter; realtime noise
reduction strength; the incoming-call webhook's media security.

Each goes out, or is read back, the same with either package over the loopback server, with
`_strict_response_validation=True`.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY, run_both
from .test_real_world_apps import multipart_parts, response_object, wire
from .test_webhook_events import SECRET, _sign


def _client(sdk: ModuleType, server: ScriptedServer) -> Any:
    return sdk.OpenAI(
        api_key=API_KEY,
        admin_api_key="sk-admin-drop-in",
        base_url=server.url + "/v1",
        max_retries=0,
        _strict_response_validation=True,
    )


def _dump(result: Any) -> Any:
    return result.model_dump(mode="json", exclude_unset=True), repr(result)


SVG_USAGE = {
    "input_tokens": 12,
    "model": "gpt-5",
    "output_tokens": 300,
    "reasoning_tokens": 40,
    "total_tokens": 312,
}
IMAGES = {
    "created": 1,
    "data": [{"b64_json": "PHN2Zy8+"}],
    "output_format": "svg",
    "svg_usage": SVG_USAGE,
    "safety_identifier": "user-hash-1",
}
SVG = {"model": "gpt-5", "reasoning": {"effort": "low"}}
NEWER_IMAGE_OPTIONS: dict[str, Any] = {
    "complexity": "high",
    "frame_count": 12,
    "frame_duration_ms": 80,
    "safety_identifier": "user-hash-1",
}


def test_image_generation_sends_the_newer_options_and_reads_the_svg_usage(
    server: ScriptedServer,
) -> None:
    def observed(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.reply(Reply.json(IMAGES))
        with _client(sdk, server) as client:
            images = client.images.generate(
                model="gpt-image-2",
                prompt="a fox",
                output_format="svg",
                svg=SVG,
                **NEWER_IMAGE_OPTIONS,
            )
        usage = images.svg_usage
        read = (usage.reasoning_tokens, type(usage).__name__, images.safety_identifier)
        return wire(server.requests[0]), read, _dump(images)

    ours, theirs = run_both(observed)
    sent = ours[0][-1]
    assert sent["svg"] == SVG and sent["frame_count"] == 12
    assert ours[1] == (40, "SvgUsage", "user-hash-1")
    assert ours == theirs


def test_image_edits_send_the_markup_file_and_nested_svg_options_as_form_fields(
    server: ScriptedServer,
) -> None:
    """A multipart body: `markup` a file part, `svg` as `svg[model]` / `svg[reasoning][effort]`."""

    def observed(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.reply(Reply.json(IMAGES))
        with _client(sdk, server) as client:
            client.images.edit(
                image=("fox.png", b"\x89PNG fox", "image/png"),
                markup=("lines.png", b"\x89PNG lines", "image/png"),
                prompt="give it a hat",
                output_format="svg",
                svg=SVG,
                **NEWER_IMAGE_OPTIONS,
            )
        return multipart_parts(server.requests[0])

    ours, theirs = run_both(observed)
    names = {part[0]: part for part in ours}
    assert names["markup"][1:] == ("lines.png", "image/png", b"\x89PNG lines")
    assert names["svg[reasoning][effort]"][3] == b"low"
    assert names["frame_duration_ms"][3] == b"80"
    assert ours == theirs


IMAGE_CALL = {
    "id": "ig_1",
    "type": "image_generation_call",
    "status": "failed",
    "result": None,
    "action": "edit",
    "background": "transparent",
    "output_format": "gif",
    "quality": "xhigh",
    "revised_prompt": "a fox in a hat",
    "size": "1024x1536",
    "error": {
        "code": "moderation_blocked",
        "message": "blocked",
        "param": None,
        "type": "image_generation_user_error",
        "moderation_details": {"categories": ["violence"], "moderation_stage": "output"},
    },
    "svg_usage": SVG_USAGE,
}


def test_an_image_generation_call_reads_and_goes_back_with_its_details(
    server: ScriptedServer,
) -> None:
    """Read from a response (error, SVG usage, what was made), then sent back as input."""

    def observed(sdk: ModuleType) -> Any:
        server.requests.clear()
        answer = response_object([IMAGE_CALL])
        answer["usage"]["input_tokens_details"] = {"cached_tokens": 0, "cache_write_tokens": 0}
        server.reply(Reply.json(answer), Reply.json(answer))
        with _client(sdk, server) as client:
            response = client.responses.create(model="gpt-5", input="draw")
            call = response.output[0]
            client.responses.create(model="gpt-5", input=[IMAGE_CALL])
        read = (
            call.error.moderation_details.moderation_stage,
            type(call.error).__name__,
            type(call.error.moderation_details).__name__,
            type(call.svg_usage).__name__,
            call.quality,
        )
        return read, _dump(call), server.requests[1].json()["input"]

    ours, theirs = run_both(observed)
    assert ours[0] == (
        "output",
        "ImageGenerationCallError",
        "ImageGenerationCallErrorModerationDetails",
        "ImageGenerationCallSvgUsage",
        "xhigh",
    )
    assert ours[2] == [IMAGE_CALL]
    assert ours == theirs


PROMPT_CACHE = {
    "mode": "explicit",
    "ttl": "12h",
    "comparison_response_id": "resp_0",
    "prewarm": True,
}


def test_a_response_request_sends_the_prompt_cache_comparison_and_prewarm(
    server: ScriptedServer,
) -> None:
    def observed(sdk: ModuleType) -> Any:
        server.requests.clear()
        answer = response_object([])
        answer["usage"]["input_tokens_details"] = {"cached_tokens": 0, "cache_write_tokens": 0}
        server.reply(Reply.json(answer), Reply.json(answer))
        with _client(sdk, server) as client:
            client.responses.create(model="gpt-5", input="hi", prompt_cache_options=PROMPT_CACHE)
            client.beta.responses.create(
                model="gpt-5", input="hi", prompt_cache_options=PROMPT_CACHE
            )
        return [wire(request) for request in server.requests]

    ours, theirs = run_both(observed)
    assert [sent[-1]["prompt_cache_options"] for sent in ours] == [PROMPT_CACHE] * 2
    assert ours == theirs


COSTS = {
    "object": "page",
    "data": [
        {
            "object": "bucket",
            "start_time": 1,
            "end_time": 2,
            "results": [
                {
                    "object": "organization.costs.result",
                    "amount": {"value": 1.5, "currency": "usd"},
                    "line_item": "gpt-5, input",
                    "api_source": "agents_api",
                    "user_id": "user_1",
                }
            ],
        }
    ],
    "has_more": False,
    "next_page": None,
}
COMPLETIONS = {
    **COSTS,
    "data": [
        {
            "object": "bucket",
            "start_time": 1,
            "end_time": 2,
            "results": [
                {
                    "object": "organization.usage.completions.result",
                    "input_tokens": 100,
                    "output_tokens": 20,
                    "num_model_requests": 2,
                    "api_source": "unlabeled",
                    "input_cache_write_12h_tokens": 30,
                    "input_cache_write_30m_tokens": 10,
                }
            ],
        }
    ],
}
PROJECT = {"id": "proj_1", "object": "organization.project", "name": "EU", "created_at": 1}


def test_admin_calls_send_and_read_the_newer_fields(server: ScriptedServer) -> None:
    def observed(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.reply(
            Reply.json(COSTS), Reply.json(COMPLETIONS), Reply.json(PROJECT), Reply.json(PROJECT)
        )
        with _client(sdk, server) as client:
            admin = client.admin.organization
            costs = admin.usage.costs(start_time=1, line_items=["gpt-5, input", "gpt-5, output"])
            usage = admin.usage.completions(start_time=1, group_by=["api_source"])
            admin.projects.create(name="EU", geography="EU")
            admin.projects.update("proj_1", geography=None)
        cost, completion = costs.data[0].results[0], usage.data[0].results[0]
        read = (
            cost.api_source,
            cost.user_id,
            completion.api_source,
            completion.input_cache_write_12h_tokens,
            completion.input_cache_write_30m_tokens,
        )
        return read, _dump(costs), _dump(usage), [wire(request) for request in server.requests]

    ours, theirs = run_both(observed)
    assert ours[0] == ("agents_api", "user_1", "unlabeled", 30, 10)
    requests = ours[3]
    assert ("line_items[]", "gpt-5, output") in requests[0][2]
    assert requests[2][-1] == {"name": "EU", "geography": "EU"}
    assert requests[3][-1] == {"geography": None}
    assert ours == theirs


NOISE_REDUCTION = {"type": "near_field", "strength": 0.6}


def test_realtime_sessions_send_and_read_the_noise_reduction_strength(
    server: ScriptedServer,
) -> None:
    answer = {
        "value": "ek_1",
        "expires_at": 2,
        "session": {
            "id": "sess_1",
            "object": "realtime.session",
            "type": "realtime",
            "model": "gpt-realtime",
            "audio": {"input": {"noise_reduction": NOISE_REDUCTION}},
        },
    }

    def observed(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.reply(Reply.json(answer))
        with _client(sdk, server) as client:
            secret = client.realtime.client_secrets.create(
                session={
                    "type": "realtime",
                    "model": "gpt-realtime",
                    "audio": {"input": {"noise_reduction": NOISE_REDUCTION}},
                }
            )
        reduction = secret.session.audio.input.noise_reduction
        return reduction.strength, _dump(secret), wire(server.requests[0])

    ours, theirs = run_both(observed)
    assert ours[0] == 0.6
    assert ours[2][-1]["session"]["audio"]["input"]["noise_reduction"] == NOISE_REDUCTION
    assert ours == theirs


def test_an_incoming_call_webhook_reads_its_media_security() -> None:
    payload = json.dumps(
        {
            "id": "evt_1",
            "object": "event",
            "created_at": 1,
            "type": "realtime.call.incoming",
            "data": {
                "call_id": "rtc_1",
                "sip_headers": [{"name": "From", "value": "sip:a@example.com"}],
                "sip_media_security": "srtp",
            },
        }
    )

    def observed(sdk: ModuleType) -> Any:
        client = sdk.OpenAI(api_key="k", webhook_secret=SECRET, base_url="http://x/v1")
        event = client.webhooks.unwrap(payload, _sign(payload))
        return event.data.sip_media_security, _dump(event)

    ours, theirs = run_both(observed)
    assert ours[0] == "srtp"
    assert ours == theirs
