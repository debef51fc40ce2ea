"""Real-world sweep K, voice apps: the official SDK's README audio helpers
(`from openai.helpers import LocalAudioPlayer, Microphone`) used as voice apps use them (speech
played, a recording transcribed, a Realtime voice turn over the loopback websocket server), run
against both packages.

The programs that play or record run in a subprocess whose sound card is ALSA's null device
with its input and output in files (tests/support/sound_card.py): each returns what reached the
"speaker" or what it sent after recording, and both packages must give the same. Real hardware
and timing are not exercised (see tests/helpers/test_voice_devices.py).
"""

from __future__ import annotations

import asyncio
import base64
import importlib
import pickle
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from tests.support.server import Reply, ScriptedServer
from tests.support.sound_card import SoundCard, played
from tests.support.websocket_server import running_server

from .programs import registry
from .real_world_d import run

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()
# the programs that need the sound card (run in a subprocess, see _run_on_the_card)
ON_THE_CARD, _, on_the_card, _ = registry()

SIGNAL = np.concatenate([np.arange(-2000, -1), np.arange(1, 2000)]).astype(np.int16)
SPEECH = {"model": "gpt-4o-mini-tts", "voice": "coral", "input": "Hi!", "response_format": "pcm"}


def _speech(server: ScriptedServer) -> None:
    server.route("POST", "/v1/audio/speech", Reply.raw(SIGNAL.tobytes(), content_type="audio/pcm"))


@program
def voice_helpers_imported(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The README's audio helpers imported by a voice app (numpy and sounddevice installed)."""
    helpers = importlib.import_module(f"{openai.__name__}.helpers")
    return (
        sorted(helpers.__all__),
        helpers.Microphone().channels,
        helpers.LocalAudioPlayer().channels,
    )


@on_the_card
def speech_streamed_to_the_speaker(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The README's example: `with_streaming_response` speech in pcm, played as it is read."""
    from_helpers = importlib.import_module(f"{openai.__name__}.helpers")
    _speech(server)

    async def main() -> None:
        async with (
            openai.AsyncOpenAI(api_key="k", base_url=server.url + "/v1") as aclient,
            aclient.audio.speech.with_streaming_response.create(**SPEECH) as response,
        ):
            await from_helpers.LocalAudioPlayer().play(response)

    asyncio.run(main())
    return played()


@on_the_card
def speech_result_played(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A sync app: the plain result of `audio.speech.create`, then played."""
    from_helpers = importlib.import_module(f"{openai.__name__}.helpers")
    _speech(server)
    speech = client.audio.speech.create(**SPEECH)
    asyncio.run(from_helpers.LocalAudioPlayer().play(speech))
    return played()


@on_the_card
def realtime_audio_deltas_streamed(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A Realtime app's playback: base64 `response.output_audio.delta` payloads decoded to int16
    and handed to `play_stream` as they come. The speaker gets silence while the generator is
    behind (more of it, here, than on real hardware), so the sound compared is what is not
    silence."""
    from_helpers = importlib.import_module(f"{openai.__name__}.helpers")
    deltas = [base64.b64encode(SIGNAL[i : i + 480].tobytes()).decode() for i in range(0, 3998, 480)]

    async def audio() -> Any:
        for delta in deltas:
            await asyncio.sleep(0)
            yield np.frombuffer(base64.b64decode(delta), dtype=np.int16)

    asyncio.run(from_helpers.LocalAudioPlayer().play_stream(audio()))
    return [sample for sample in played() if sample != 0]


@on_the_card
def recorded_then_transcribed(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Push-to-talk: record while the key is held (here: three blocks), send the WAV file to
    transcription; the request (the file's bytes included) is compared."""
    from_helpers = importlib.import_module(f"{openai.__name__}.helpers")
    server.route("POST", "/v1/audio/transcriptions", Reply.json({"text": "hello"}))
    held = iter([True, True, True])
    microphone = from_helpers.Microphone(should_record=lambda: next(held, False))
    recording = asyncio.run(microphone.record())
    result = client.audio.transcriptions.create(model="gpt-4o-transcribe", file=recording)
    name, _, content_type = recording
    return result.text, name, content_type


@on_the_card
def realtime_voice_turn(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A Realtime voice turn end to end: the microphone's samples appended to the input audio
    buffer, committed; the answer's `response.output_audio.delta` events played with
    `play_stream` as they arrive from the websocket (the loopback websocket server answers)."""
    from_helpers = importlib.import_module(f"{openai.__name__}.helpers")
    deltas = [base64.b64encode(SIGNAL[i : i + 600].tobytes()).decode() for i in range(0, 3998, 600)]
    ids = {"response_id": "resp_1", "item_id": "item_1", "output_index": 0, "content_index": 0}
    answer: list[dict[str, Any]] = [
        {"type": "response.output_audio.delta", "event_id": f"ev_{n}", "delta": delta, **ids}
        for n, delta in enumerate(deltas)
    ]
    answer.append({"type": "response.output_audio.done", "event_id": "ev_d", **ids})

    async def main(url: str) -> Any:
        held = iter([True, True, True])
        microphone = from_helpers.Microphone(should_record=lambda: next(held, False))
        samples = await microphone.record(return_ndarray=True)
        aclient = openai.AsyncOpenAI(api_key="k", base_url=url)
        async with aclient.realtime.connect(model="gpt-realtime") as connection:
            await connection.input_audio_buffer.append(
                audio=base64.b64encode(samples.tobytes()).decode()
            )
            await connection.input_audio_buffer.commit()

            async def audio() -> Any:
                async for event in connection:
                    if event.type == "response.output_audio.delta":
                        yield np.frombuffer(base64.b64decode(event.delta), dtype=np.int16)
                    elif event.type == "response.output_audio.done":
                        return

            await from_helpers.LocalAudioPlayer().play_stream(audio())
        return samples[:, 0].tolist()

    with running_server() as websocket:
        websocket.on("input_audio_buffer.commit", answer)
        recorded = asyncio.run(main(websocket.url))
        websocket.wait_finished(1)
        appended = websocket.frames[0]
    sent = np.frombuffer(base64.b64decode(appended["audio"]), dtype=np.int16).tolist()
    return [sample for sample in played() if sample != 0], recorded == sent, sent


def test_helpers_import_and_build_alike() -> None:
    ours, theirs = run(PROGRAMS["voice_helpers_imported"])
    assert ours == theirs
    assert ours[0] == (["LocalAudioPlayer", "Microphone"], 1, 1)


# The official SDK's player stops (CallbackStop) on the callback after the sound's end without
# filling that callback's block, and PortAudio plays a stopping callback's block: the speaker also
# gets whatever that block's memory held (part of an earlier block, played again, seen here on
# both play() and play_stream()). Its sound starts with the program's and may go on; ours ends.


@pytest.fixture(scope="module")
def on_the_card(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every sound card program run against both packages, in one subprocess (each needs
    both SDKs imported): name -> (ours, theirs)."""
    card = SoundCard(
        tmp_path_factory.mktemp("card"), microphone=np.arange(1, 9601, dtype=np.int16).tobytes()
    )
    return card.run(
        "import base64, pickle\n"
        "from tests.drop_in.test_real_world_k_voice import ON_THE_CARD\n"
        "from tests.drop_in.real_world_d import run\n"
        "found = {name: run(code) for name, code in ON_THE_CARD.items()}\n"
        "print(base64.b64encode(pickle.dumps(found)).decode())\n",
        parse=lambda out: pickle.loads(base64.b64decode(out)),  # an upload's body holds bytes
    )


@pytest.mark.parametrize("name", sorted(ON_THE_CARD))
def test_on_the_sound_card(name: str, on_the_card: dict[str, Any]) -> None:
    ours, theirs = on_the_card[name]
    assert ours[1] == theirs[1]  # the requests sent
    if name == "recorded_then_transcribed":
        assert ours[0] == theirs[0] == ("hello", "audio.wav", "audio/wav")
        assert "RIFF" in repr(ours[1])  # the recording was uploaded, as a WAV file
        return
    expected = (SIGNAL.astype(np.float32) / np.float32(32767)).tolist()
    if name == "realtime_voice_turn":
        (ours, recorded, sent), (theirs, sdk_recorded, sdk_sent) = ours[0], theirs[0]
        assert recorded and sdk_recorded  # what was recorded is what was appended
        assert sent == sdk_sent and sent[:3] == [1, 2, 3]  # the microphone file's samples
    else:
        ours, theirs = ours[0], theirs[0]
    assert ours == expected
    assert theirs[: len(expected)] == expected
