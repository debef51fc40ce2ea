"""Real-world sweep 2B, media scripts beyond the README: a video studio that makes a clip from an
image reference (a path, then an uploaded file's id), edits and extends one by id and by upload,
registers a character, downloads the video, its thumbnail and its spritesheet, and reports a
failed ``create_and_poll``; image edits with a mask and several images, streamed with partial
images saved as they come; speech streamed to a file (``with_streaming_response`` and
``stream_format="sse"``) with a custom voice; moderations of images and text together — each run
unchanged against both packages over the loopback server (requests and observations compared,
see real_world_d).
"""

from __future__ import annotations

import base64
import io
import json
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_b import poll_header
from .real_world_d import async_observed_the_same, observed_the_same

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="sweep-2b-media-"))


def outcome(code: Any) -> Any:
    try:
        return ("ok", code())
    except Exception as error:  # what a script's author logs
        return ("raised", type(error).__name__, str(error))


# --- videos -------------------------------------------------------------------------------------


def video(video_id: str, status: str, progress: int = 0, **extra: Any) -> Any:
    body = {
        "id": video_id,
        "object": "video",
        "model": "sora-2-pro",
        "status": status,
        "progress": progress,
        "created_at": 1733000000,
        "completed_at": 1733000300 if status == "completed" else None,
        "expires_at": 1733086400 if status == "completed" else None,
        "prompt": "A lighthouse in a storm",
        "seconds": "4",
        "size": "720x1280",
        "remixed_from_video_id": None,
        "error": None,
    }
    body.update(extra)
    return body


def downloads(request: Any) -> Reply:
    variant = request.query_dict.get("variant", "video")
    body, media = {
        "video": (b"MP4:" + request.path.split("/")[3].encode(), "video/mp4"),
        "thumbnail": (b"WEBP", "image/webp"),
        "spritesheet": (b"JPEG-SHEET", "image/jpeg"),
    }[variant]
    return Reply.raw(body, headers={"content-type": media})


@program
def video_from_an_image_reference_saved_three_ways(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    where = folder()
    (where / "first_frame.png").write_bytes(PNG)
    server.route(
        "POST", "/v1/videos", Reply.json(video("video_1", "queued"), headers=poll_header())
    )
    server.route(
        "GET",
        "/v1/videos/video_1",
        Reply.json(video("video_1", "in_progress", 10), headers=poll_header()),
        Reply.json(video("video_1", "in_progress", 80), headers=poll_header()),
        Reply.json(video("video_1", "completed", 100), headers=poll_header()),
    )
    server.route("GET", "/v1/videos/video_1/content", Reply.dynamic(downloads))
    made = client.videos.create_and_poll(
        model="sora-2-pro",
        prompt="A lighthouse in a storm",
        input_reference=where / "first_frame.png",
        seconds="4",
        size="720x1280",
        poll_interval_ms=1,
    )
    saved = {}
    for variant in ("video", "thumbnail", "spritesheet"):
        content = client.videos.download_content(made.id, variant=variant)
        target = where / f"out.{variant}"
        content.write_to_file(target)
        saved[variant] = target.read_bytes()
    with client.videos.with_streaming_response.download_content(made.id) as response:
        streamed = b"".join(response.iter_bytes(chunk_size=3))
    return made.status, made.progress, saved, streamed


@program
def video_from_uploaded_references(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    # (a reference object, `input_reference={"file_id": ...}`: see test_real_world_2b_known)
    server.route("POST", "/v1/videos", Reply.json(video("video_2", "queued")))
    with tempfile.SpooledTemporaryFile() as spooled:
        spooled.write(PNG)
        spooled.seek(0)
        made = [
            client.videos.create(
                prompt="A paper boat",
                input_reference=("frame.png", io.BytesIO(PNG), "image/png"),
            ).id,
            client.videos.create(prompt="A paper boat", input_reference=PNG).id,
            client.videos.create(
                prompt="A paper boat", input_reference=("frame.jpg", PNG), size="1792x1024"
            ).id,
        ]
    return made


@program
def video_edited_and_extended(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    where = folder()
    (where / "clip.mp4").write_bytes(b"MP4CLIP")
    server.route(
        "POST",
        "/v1/videos/edits",
        Reply.json(video("video_e", "queued", prompt="Make it snow")),
    )
    server.route(
        "POST",
        "/v1/videos/extensions",
        Reply.json(video("video_x", "queued", prompt="Keep going", seconds="8")),
    )
    # (a reference object, `video={"id": ...}`: see test_real_world_2b_known)
    with open(where / "clip.mp4", "rb") as handle:
        edited = client.videos.edit(prompt="Make it snow", video=handle)
    edited_upload = client.videos.edit(prompt="Make it snow", video=where / "clip.mp4")
    extended = client.videos.extend(prompt="Keep going", seconds="8", video=b"MP4CLIP")
    extended_upload = client.videos.extend(
        prompt="Keep going", seconds="4", video=("clip.mp4", b"MP4CLIP", "video/mp4")
    )
    return [
        (v.id, v.status, v.prompt, v.seconds)
        for v in (edited, edited_upload, extended, extended_upload)
    ]


@program
def video_character_registered_and_fetched(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    where = folder()
    (where / "hero.mp4").write_bytes(b"MP4HERO")
    server.route(
        "POST",
        "/v1/videos/characters",
        Reply.json({"id": "char_1", "created_at": 1733000000, "name": "Hero"}),
    )
    server.route(
        "GET",
        "/v1/videos/characters/char_1",
        Reply.json({"id": "char_1", "created_at": 1733000000, "name": "Hero", "extra": 1}),
    )
    made = client.videos.create_character(name="Hero", video=where / "hero.mp4")
    fetched = client.videos.get_character(made.id)
    return (
        made.to_dict(),
        type(made).__name__,
        type(fetched).__name__,
        fetched.model_dump(),
        outcome(lambda: client.videos.get_character("")),
    )


@program
def video_failure_reported_after_polling(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route(
        "POST", "/v1/videos", Reply.json(video("video_f", "queued"), headers=poll_header())
    )
    server.route(
        "GET",
        "/v1/videos/video_f",
        Reply.json(
            video(
                "video_f",
                "failed",
                error={"code": "content_policy_violation", "message": "Not allowed."},
            ),
            headers=poll_header(),
        ),
    )
    made = client.videos.create_and_poll(prompt="Something", poll_interval_ms=1)
    again = client.videos.poll("video_f", poll_interval_ms=1)
    server.route(
        "GET",
        "/v1/videos/video_f/content",
        Reply.json(
            {"error": {"message": "Video is not ready", "type": "invalid_request_error"}}, 409
        ),
    )
    download = outcome(lambda: client.videos.download_content("video_f").read())
    return (
        made.status,
        made.error.model_dump() if made.error else None,
        again.status,
        download,
        made.model_dump_json(exclude_none=True),
    )


# --- images --------------------------------------------------------------------------------------


def image_events(partials: int) -> list[str]:
    chunks = []
    for index in range(partials):
        event = {
            "type": "image_edit.partial_image",
            "b64_json": base64.b64encode(f"partial-{index}".encode()).decode(),
            "partial_image_index": index,
            "created_at": 1733000000,
            "size": "1024x1024",
            "quality": "medium",
            "background": "transparent",
            "output_format": "png",
        }
        chunks.append(f"event: image_edit.partial_image\ndata: {json.dumps(event)}\n\n")
    done = {
        "type": "image_edit.completed",
        "b64_json": base64.b64encode(b"final").decode(),
        "created_at": 1733000000,
        "size": "1024x1024",
        "quality": "medium",
        "background": "transparent",
        "output_format": "png",
        "usage": {
            "input_tokens": 50,
            "output_tokens": 100,
            "total_tokens": 150,
            "input_tokens_details": {"image_tokens": 40, "text_tokens": 10},
        },
    }
    chunks.append(f"event: image_edit.completed\ndata: {json.dumps(done)}\n\n")
    return chunks


@program
def image_edit_streamed_with_a_mask(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    where = folder()
    (where / "room.png").write_bytes(PNG)
    (where / "mask.png").write_bytes(PNG + b"mask")
    server.route("POST", "/v1/images/edits", Reply.sse(image_events(2)))
    with open(where / "mask.png", "rb") as mask:
        stream = client.images.edit(
            model="gpt-image-1",
            image=where / "room.png",
            mask=mask,
            prompt="Add a window",
            stream=True,
            partial_images=2,
            background="transparent",
            output_format="png",
            size="1024x1024",
            quality="medium",
        )
    seen = []
    for event in stream:
        if event.type == "image_edit.partial_image":
            path = where / f"partial_{event.partial_image_index}.png"
            path.write_bytes(base64.b64decode(event.b64_json))
            seen.append((event.type, path.read_bytes(), type(event).__name__))
        elif event.type == "image_edit.completed":
            seen.append(
                (
                    event.type,
                    base64.b64decode(event.b64_json),
                    event.usage.total_tokens,
                    event.usage.input_tokens_details.image_tokens,
                    type(event).__name__,
                )
            )
    return seen, type(stream).__name__


@program
def image_edit_of_several_images(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    where = folder()
    for name in ("a.png", "b.png"):
        (where / name).write_bytes(PNG + name.encode())
    server.route(
        "POST",
        "/v1/images/edits",
        Reply.json(
            {
                "created": 1733000000,
                "data": [
                    {"b64_json": base64.b64encode(b"edited").decode(), "revised_prompt": None}
                ],
                "background": "opaque",
                "output_format": "webp",
                "quality": "high",
                "size": "1536x1024",
                "usage": {
                    "input_tokens": 20,
                    "output_tokens": 30,
                    "total_tokens": 50,
                    "input_tokens_details": {"image_tokens": 15, "text_tokens": 5},
                },
            }
        ),
    )
    with open(where / "a.png", "rb") as first, open(where / "b.png", "rb") as second:
        result = client.images.edit(
            model="gpt-image-1",
            image=[first, second, ("c.png", PNG + b"c", "image/png")],
            prompt="Combine these into one product shot",
            input_fidelity="high",
            output_format="webp",
            output_compression=80,
            n=1,
        )
    (where / "combined.webp").write_bytes(base64.b64decode(result.data[0].b64_json))
    return (
        (where / "combined.webp").read_bytes(),
        result.output_format,
        result.size,
        result.usage.input_tokens_details.model_dump() if result.usage else None,
    )


# --- speech ----------------------------------------------------------------------------------


@program
def speech_streamed_to_a_file(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    where = folder()
    audio = b"ID3" + bytes(range(200))
    server.route(
        "POST",
        "/v1/audio/speech",
        Reply.sse([audio[:50], audio[50:120], audio[120:]], headers={"content-type": "audio/mpeg"}),
    )
    with client.audio.speech.with_streaming_response.create(
        model="gpt-4o-mini-tts",
        voice="coral",
        input="Today is a wonderful day to build something people love!",
        instructions="Speak in a cheerful and positive tone.",
        response_format="mp3",
        speed=1.25,
    ) as response:
        response.stream_to_file(where / "speech.mp3")
        headers = (response.headers["content-type"], response.status_code)
    plain = client.audio.speech.create(model="tts-1", voice={"id": "voice_custom_1"}, input="Hello")
    plain.stream_to_file(where / "plain.mp3")
    return (
        (where / "speech.mp3").read_bytes() == audio,
        headers,
        (where / "plain.mp3").stat().st_size,
    )


@program
def speech_as_sse_events(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    chunks = [
        {"type": "speech.audio.delta", "audio": base64.b64encode(b"abc").decode()},
        {"type": "speech.audio.delta", "audio": base64.b64encode(b"def").decode()},
        {
            "type": "speech.audio.done",
            "usage": {"input_tokens": 5, "output_tokens": 20, "total_tokens": 25},
        },
    ]
    server.route(
        "POST",
        "/v1/audio/speech",
        Reply.sse([f"data: {json.dumps(chunk)}\n\n" for chunk in chunks]),
    )
    with client.audio.speech.with_streaming_response.create(
        model="gpt-4o-mini-tts", voice="marin", input="Hi", stream_format="sse"
    ) as response:
        pcm = b""
        usage = None
        for line in response.iter_lines():
            if not line.startswith("data: "):
                continue
            event = json.loads(line[len("data: ") :])
            if event["type"] == "speech.audio.delta":
                pcm += base64.b64decode(event["audio"])
            else:
                usage = event["usage"]
    return pcm, usage


# --- moderations -----------------------------------------------------------------------------


CATEGORIES = [
    "harassment",
    "harassment/threatening",
    "hate",
    "hate/threatening",
    "illicit",
    "illicit/violent",
    "self-harm",
    "self-harm/instructions",
    "self-harm/intent",
    "sexual",
    "sexual/minors",
    "violence",
    "violence/graphic",
]


def moderation_result(flagged: bool) -> Any:
    return {
        "flagged": flagged,
        "categories": {name: flagged and name == "violence" for name in CATEGORIES},
        "category_scores": {
            name: (0.91 if flagged and name == "violence" else 0.01) for name in CATEGORIES
        },
        "category_applied_input_types": {
            name: (["text", "image"] if name in ("violence", "sexual") else ["text"])
            for name in CATEGORIES
        },
    }


@program
def moderation_of_an_image_and_its_caption(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route(
        "POST",
        "/v1/moderations",
        Reply.json(
            {
                "id": "modr-1",
                "model": "omni-moderation-2024-09-26",
                "results": [moderation_result(True)],
            }
        ),
    )
    image = "data:image/png;base64," + base64.b64encode(PNG).decode()
    result = client.moderations.create(
        model="omni-moderation-latest",
        input=[
            {"type": "text", "text": "Look at this"},
            {"type": "image_url", "image_url": {"url": image}},
        ],
    )
    verdict = result.results[0]
    flagged = [name for name, hit in verdict.categories.model_dump(by_alias=True).items() if hit]
    return (
        verdict.flagged,
        flagged,
        verdict.categories.violence,
        verdict.category_scores.violence_graphic,
        verdict.category_applied_input_types.violence,
        verdict.category_applied_input_types.model_dump(by_alias=True)["self-harm/intent"],
        verdict.categories.model_dump()["self_harm_intent"],
        sorted(verdict.model_dump(by_alias=True)["categories"])[:4],
    )


# --- async --------------------------------------------------------------------------------------


@async_program
async def async_image_edit_stream_and_video_download(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    where = folder()
    server.route("POST", "/v1/images/edits", Reply.sse(image_events(1)))
    server.route("GET", "/v1/videos/video_1/content", Reply.dynamic(downloads))
    stream = await client.images.edit(
        image=("room.png", PNG, "image/png"), prompt="Add a lamp", stream=True, partial_images=1
    )
    kinds = [event.type async for event in stream]
    content = await client.videos.download_content("video_1", variant="thumbnail")
    async with client.videos.with_streaming_response.download_content("video_1") as response:
        await response.stream_to_file(where / "v.mp4")
    return kinds, content.read(), (where / "v.mp4").read_bytes(), type(stream).__name__


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
