"""More programs written the way users of the official SDK write them (its README and helpers
document: pagination loops, raw and streamed responses, errors, uploads, Assistants, vector
stores, fine-tuning, batches, uploads, the Responses API, typed params), run against both packages
over the local server, as in test_real_world. Each returns what its author could observe; ids
and times the server makes up are never compared.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai.testing import LocalOpenAIServer

from .conftest import arun_both, run_both

Snippet = Callable[..., Any]  # (openai, client, tmp_path)
SNIPPETS: dict[str, Snippet] = {}
ASYNC_SNIPPETS: dict[str, Snippet] = {}


def snippet(code: Snippet) -> Snippet:
    SNIPPETS[code.__name__] = code
    return code


def async_snippet(code: Snippet) -> Snippet:
    ASYNC_SNIPPETS[code.__name__] = code
    return code


@pytest.fixture(scope="module")
def local() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer(step_seconds=0.01) as server:
        yield server


def _upload_files(client: Any, count: int, purpose: str = "batch") -> list[str]:
    return [
        client.files.create(file=(f"f{n}.jsonl", b"{}\n"), purpose=purpose).id for n in range(count)
    ]


# --- pagination ----------------------------------------------------------------------------------


@snippet
def pagination_by_hand(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    _upload_files(client, 3)
    first_page = client.files.list(limit=2, purpose="batch")
    seen = [len(first_page.data), first_page.has_next_page(), first_page.has_more]
    info = first_page.next_page_info()
    seen.append(
        (type(info).__name__, sorted(info.params), info.params["after"] == first_page.data[-1].id)
    )
    next_page = first_page.get_next_page()
    seen.append(len(next_page.data) >= 1)
    pages = list(first_page.iter_pages())
    seen.append(sum(len(page.data) for page in pages) == len(list(first_page)))
    last = pages[-1]
    last_info = last.next_page_info()
    seen.append(
        (last.has_next_page(), last_info and last_info.params == {"after": last.data[-1].id})
    )
    single = client.models.list()
    seen.append((single.has_next_page(), single.next_page_info(), len(list(single.iter_pages()))))
    dumped = json.loads(first_page.to_json())
    seen.append(
        (sorted(dumped), sorted(first_page.model_dump()), len(first_page.to_dict()["data"]))
    )
    return seen


@snippet
def pagination_all_items(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    ids = set(_upload_files(client, 3, purpose="fine-tune"))
    every = [f.id for f in client.files.list(limit=2, purpose="fine-tune")]
    return ids <= set(every), len(every) == len(set(every))


@async_snippet
async def async_pagination(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    for n in range(3):
        await client.files.create(file=(f"a{n}.jsonl", b"{}\n"), purpose="batch")
    every = [f.id async for f in client.files.list(limit=2, purpose="batch")]
    first_page = await client.files.list(limit=2, purpose="batch")
    seen = [len(first_page.data), first_page.has_next_page()]
    info = first_page.next_page_info()
    seen.append(sorted(info.params))
    next_page = await first_page.get_next_page()
    seen.append(len(next_page.data) >= 1)
    pages = [page async for page in first_page.iter_pages()]
    seen.append(sum(len(p.data) for p in pages) == len(every))
    models = await client.models.list()
    seen.append((models.has_next_page(), [type(p).__name__ for p in [m async for m in models]][:1]))
    return seen


def _run(sdk: ModuleType, local: LocalOpenAIServer, code: Snippet, tmp_path: Path) -> Any:
    with sdk.OpenAI(api_key=local.api_key, base_url=local.base_url, max_retries=0) as client:
        return code(sdk, client, tmp_path)


async def _arun(sdk: ModuleType, local: LocalOpenAIServer, code: Snippet, tmp_path: Path) -> Any:
    async with sdk.AsyncOpenAI(
        api_key=local.api_key, base_url=local.base_url, max_retries=0
    ) as client:
        return await code(sdk, client, tmp_path)


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_snippet_observes_the_same(local: LocalOpenAIServer, tmp_path: Path, name: str) -> None:
    ours, theirs = run_both(lambda sdk: _run(sdk, local, SNIPPETS[name], tmp_path))
    assert ours == theirs


@pytest.mark.anyio
@pytest.mark.parametrize("name", sorted(ASYNC_SNIPPETS))
async def test_async_snippet_observes_the_same(
    local: LocalOpenAIServer, tmp_path: Path, name: str
) -> None:
    ours, theirs = await arun_both(lambda sdk: _arun(sdk, local, ASYNC_SNIPPETS[name], tmp_path))
    assert ours == theirs


# --- the result type follows the request, not the answer's shape ---------------------------------

VERBOSE = {
    "task": "transcribe",
    "language": "english",
    "duration": 1.5,
    "text": "hi",
    "segments": [],
}
DIARIZED = {"task": "transcribe", "duration": 1.5, "text": "hi", "segments": []}


@pytest.mark.parametrize(
    ("response_format", "reply"),
    [
        (None, VERBOSE),  # a body shaped like another member: the format still decides
        ("json", DIARIZED),
        ("verbose_json", {"text": "hi"}),  # fields left out: still the verbose type
        ("diarized_json", {"text": "hi", "duration": 1.0}),
        ("text", "hi there"),
        ("srt", "1\n00:00:00,000 --> 00:00:01,000\nhi\n"),
    ],
)
def test_transcription_type_follows_response_format(
    server: ScriptedServer, response_format: str | None, reply: Any
) -> None:
    def observe(sdk: ModuleType) -> Any:
        answer = (
            Reply.json(reply)
            if isinstance(reply, dict)
            else Reply.raw(reply.encode(), content_type="text/plain")
        )
        server.reply(answer, answer)  # the transcription, then the translation
        extra = {} if response_format is None else {"response_format": response_format}
        with sdk.OpenAI(api_key="sk-x", base_url=server.url + "/v1", max_retries=0) as client:
            transcript = client.audio.transcriptions.create(
                model="whisper-1", file=("a.mp3", b"ID3"), **extra
            )
            seen = [type(transcript).__name__, getattr(transcript, "text", transcript)]
            if response_format != "diarized_json":  # translations have no diarized format
                translation = client.audio.translations.create(
                    model="whisper-1", file=("a.mp3", b"ID3"), **extra
                )
                seen.append(type(translation).__name__)
        return seen

    ours, theirs = run_both(observe)
    assert ours == theirs
