"""Real-world sweep R, reading what the files and audio endpoints return as scripts do: a
download read as JSON, saved with ``stream_to_file`` and a chunk size, a file passed as a
``(name, file object)`` tuple or with its own part headers, a transcript asked for as JSON while
the server sends verbose JSON, the raw and streaming accessors of transcripts and images, pages
of job events and batches walked with ``iter_pages`` / ``get_next_page``, and the async readers
(``aiter_bytes``, ``astream_to_file``, ``async for`` over pages) — run against both packages over
the loopback server (see real_world_d).
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same
from .test_real_world_b_assistants import listing
from .test_real_world_b_files import batch_object, file_object
from .test_real_world_b_media import VERBOSE, images_answer

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

SRT = "1\n00:00:00,000 --> 00:00:01,000\nHello there.\n\n"


def folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="sweep-r-read-"))


def event(n: int) -> Any:
    return {
        "id": f"ftevent-{n}",
        "object": "fine_tuning.job.event",
        "created_at": 1733000000 + n,
        "level": "info",
        "message": f"Step {n}",
    }


@program
def downloaded_json_and_saved_in_chunks(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    here = folder()
    payload = {"results": [1, 2, 3], "ok": True}
    server.default = Reply.raw(json.dumps(payload).encode(), content_type="application/json")
    data = client.files.content("file-json").json()
    content = client.files.content("file-json")
    with_chunks = []
    for chunk in content.iter_bytes(4):
        with_chunks.append(len(chunk))
    try:  # a plain call's body is read already: only with_streaming_response gives it raw
        raw = list(client.files.content("file-json").iter_raw(8))
    except Exception as error:  # what the author sees
        raw = [type(error).__name__.encode()]
    client.files.content("file-json").stream_to_file(here / "a.json", chunk_size=3)
    return (
        data,
        with_chunks,
        raw,
        json.loads((here / "a.json").read_text()),
    )


@program
def file_tuples_with_objects_and_headers(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    here = folder()
    (here / "kb.md").write_text("# Knowledge\n")
    server.default = Reply.json(file_object("file-k", "kb.md", "assistants"))
    ids = []
    ids.append(
        client.files.create(file=("kb.md", io.BytesIO(b"# in memory\n")), purpose="assistants").id
    )
    with open(here / "kb.md", "rb") as handle:
        ids.append(
            client.files.create(
                file=("renamed.md", handle, "text/markdown"), purpose="assistants"
            ).id
        )
    ids.append(
        client.files.create(
            file=("kb.md", b"# with headers\n", "text/markdown", {"x-origin": "crawler"}),
            purpose="assistants",
        ).id
    )
    ids.append(client.files.create(file=("kb.md", "# a str body\n"), purpose="assistants").id)
    return ids


@program
def transcript_asked_as_json_gets_verbose_fields(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The server answers with more than the JSON format promises (segments, language): code
    reads them anyway, through attributes and ``model_extra``."""
    server.reply(Reply.json(VERBOSE), Reply.json({"text": "Hi", "words": None}))
    result = client.audio.transcriptions.create(
        model="whisper-1", file=("a.mp3", b"ID3"), response_format="json"
    )
    plain = client.audio.transcriptions.create(model="whisper-1", file=("a.mp3", b"ID3"))
    return (
        type(result).__name__,
        result.text,
        getattr(result, "language", None),
        [s["text"] if isinstance(s, dict) else s.text for s in getattr(result, "segments", [])],
        sorted((result.model_extra or {}).keys()),
        result.to_dict()["duration"],
        plain.to_dict(),
    )


@program
def raw_and_streamed_transcripts_and_images(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.raw(SRT.encode(), content_type="text/plain"),
        Reply.raw(SRT.encode(), content_type="text/plain"),
        Reply.json(images_answer({"url": "https://img.test/x.png"}), headers={"x-request-id": "r"}),
        Reply.json(VERBOSE),
    )
    with client.audio.transcriptions.with_streaming_response.create(
        model="whisper-1", file=("a.mp3", b"ID3"), response_format="srt"
    ) as response:
        streamed_text = response.text()
        streamed_parsed = response.parse()
    raw = client.audio.transcriptions.with_raw_response.create(
        model="whisper-1", file=("a.mp3", b"ID3"), response_format="srt"
    )
    with client.images.with_streaming_response.generate(prompt="x") as response:
        image_json = response.json()
        image = response.parse()
    raw_verbose = client.audio.transcriptions.with_raw_response.create(
        model="whisper-1", file=("a.mp3", b"ID3"), response_format="verbose_json"
    )
    return (
        streamed_text,
        type(streamed_parsed).__name__,
        streamed_parsed,
        raw.parse(),
        raw.text,
        image_json,
        image.data[0].url,
        type(raw_verbose.parse()).__name__,
        raw_verbose.parse().duration,
    )


@program
def pages_walked_with_iter_pages_and_next_page(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route(
        "GET",
        "/v1/fine_tuning/jobs/ftjob-abc/events",
        Reply.json(listing(event(3), event(2), has_more=True)),
        Reply.json(listing(event(1))),
    )
    server.route(
        "GET",
        "/v1/batches",
        Reply.json(
            listing(
                batch_object("completed"),
                {**batch_object("failed"), "id": "batch_2"},
                has_more=True,
            )
        ),
        Reply.json(listing({**batch_object("completed"), "id": "batch_3"})),
    )
    first = client.fine_tuning.jobs.list_events("ftjob-abc", limit=2)
    by_page = [[e.message for e in page.data] for page in first.iter_pages()]
    batches = client.batches.list(limit=2)
    info = batches.next_page_info()
    nxt = batches.get_next_page() if batches.has_next_page() else None
    return (
        by_page,
        [b.id for b in batches.data],
        info.params if info else None,
        [b.id for b in nxt.data] if nxt else None,
        nxt.has_next_page() if nxt else None,
        [sorted(r.query) for r in server.requests],
    )


@async_program
async def async_download_read_with_async_readers(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    here = folder()
    body = b"line one\nline two\n" * 8
    server.default = Reply.raw(body)
    content = await client.files.content("file-a")
    sizes = [len(chunk) async for chunk in await content.aiter_bytes(32)]
    content = await client.files.content("file-a")
    await content.astream_to_file(here / "a.txt")
    speech = await client.audio.speech.create(model="tts-1", voice="alloy", input="x")
    await speech.astream_to_file(here / "speech.mp3")
    text_pieces = [t async for t in await (await client.files.content("file-a")).aiter_text()]
    return (
        sizes,
        (here / "a.txt").read_bytes() == body,
        (here / "speech.mp3").read_bytes() == body,
        "".join(text_pieces) == body.decode(),
    )


@async_program
async def async_pages_walked(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.route(
        "GET",
        "/v1/fine_tuning/jobs/ftjob-abc/events",
        Reply.json(listing(event(3), event(2), has_more=True)),
        Reply.json(listing(event(1))),
    )
    server.route(
        "GET",
        "/v1/files",
        Reply.json(listing(file_object("file-1", "a"), has_more=True)),
        Reply.json(listing(file_object("file-2", "b"))),
    )
    first = await client.fine_tuning.jobs.list_events("ftjob-abc", limit=2)
    messages = []
    async for page in first.iter_pages():
        messages.append([e.message for e in page.data])
    names = [f.filename async for f in client.files.list(limit=1, purpose="batch")]
    return messages, names, [sorted(r.query) for r in server.requests]


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
