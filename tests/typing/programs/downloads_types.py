"""Downloads as written for the official SDK: every binary endpoint read whole, raw, and streamed
(``with_streaming_response``: a ``StreamedBinaryAPIResponse`` with ``stream_to_file`` and
``iter_bytes``), sync and async, with ``reveal_type`` where its author's editor shows a type."""

from __future__ import annotations

from pathlib import Path

from openai import AsyncOpenAI, OpenAI
from typing_extensions import reveal_type

client = OpenAI()


def streamed(folder: Path) -> None:
    with client.files.with_streaming_response.content("file-1") as download:
        reveal_type(download)
        reveal_type(download.parse())
        reveal_type(download.read())
        reveal_type(download.iter_bytes(1024))
        reveal_type(download.iter_text())
        reveal_type(download.headers)
        reveal_type(download.status_code)
        download.stream_to_file(folder / "a.jsonl", chunk_size=65536)
        for block in download.iter_bytes():
            reveal_type(block)
    with client.audio.speech.with_streaming_response.create(
        model="gpt-4o-mini-tts", voice="alloy", input="hello", response_format="mp3"
    ) as speech:
        reveal_type(speech)
        speech.stream_to_file(folder / "speech.mp3")
    with client.containers.files.content.with_streaming_response.retrieve(
        "cfile_1", container_id="cntr_1"
    ) as container_file:
        reveal_type(container_file)
        reveal_type(container_file.parse())
    with client.videos.with_streaming_response.download_content("video_1") as video:
        reveal_type(video)
        video.stream_to_file(folder / "video.mp4")
    with client.skills.content.with_streaming_response.retrieve("skill_1") as skill:
        reveal_type(skill)
    with client.skills.versions.content.with_streaming_response.retrieve(
        "1", skill_id="skill_1"
    ) as version:
        reveal_type(version)
    with client.realtime.calls.with_streaming_response.create(sdp="v=0") as answer:
        reveal_type(answer)
        reveal_type(answer.text())
    # the JSON endpoints of the same resources stay APIResponse of their model
    with client.files.with_streaming_response.retrieve("file-1") as info:
        reveal_type(info)
        reveal_type(info.parse())
    with client.videos.with_streaming_response.retrieve("video_1") as video_info:
        reveal_type(video_info)


def whole_and_raw(folder: Path) -> None:
    speech = client.audio.speech.create(model="tts-1", voice="alloy", input="hello")
    reveal_type(speech)
    reveal_type(speech.response)
    reveal_type(speech.iter_bytes())
    speech.write_to_file(folder / "speech.mp3")
    reveal_type(client.videos.download_content("video_1", variant="thumbnail"))
    reveal_type(client.containers.files.content.retrieve("cfile_1", container_id="cntr_1"))
    raw = client.audio.speech.with_raw_response.create(model="tts-1", voice="alloy", input="x")
    reveal_type(raw)
    reveal_type(raw.parse())
    reveal_type(client.videos.with_raw_response.download_content("video_1").parse())


async def streamed_async(aclient: AsyncOpenAI, folder: Path) -> None:
    async with aclient.files.with_streaming_response.content("file-1") as download:
        reveal_type(download)
        reveal_type(await download.parse())
        reveal_type(await download.read())
        await download.stream_to_file(folder / "a.jsonl")
        async for block in download.iter_bytes():
            reveal_type(block)
    async with aclient.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input="hello"
    ) as speech:
        reveal_type(speech)
        async for piece in speech.iter_bytes(4096):
            reveal_type(piece)
    async with aclient.videos.with_streaming_response.download_content("video_1") as video:
        reveal_type(video)
    async with aclient.containers.files.content.with_streaming_response.retrieve(
        "cfile_1", container_id="cntr_1"
    ) as container_file:
        reveal_type(container_file)
    async with aclient.files.with_streaming_response.retrieve("file-1") as info:
        reveal_type(info)
        reveal_type(await info.parse())
    downloaded = await aclient.audio.speech.create(model="tts-1", voice="alloy", input="x")
    reveal_type(downloaded)
    await downloaded.astream_to_file(folder / "speech.mp3")
    raw = await aclient.files.with_raw_response.content("file-1")
    reveal_type(raw)
    reveal_type(raw.parse())
