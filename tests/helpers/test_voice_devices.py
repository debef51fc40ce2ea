"""typed_openai.helpers playing and recording through PortAudio, on a sound card made of ALSA's
null device and two files (tests/support/sound_card.py): what the player sent to the card is
read back, what the microphone records is what we wrote for it.

Exercised: sounddevice, PortAudio's streams and audio thread, the callbacks, the end of
playback and recording, `should_stop` / `should_record` / `timeout`. Not exercised: real
hardware, and anything timed (the null device does not run in real time).
"""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np
import pytest

from tests.support.sound_card import SoundCard

# int16 samples with no zero at either end (the played file is trimmed of padding silence)
SIGNAL = np.concatenate([np.arange(-3000, -1), np.arange(1, 3000)]).astype(np.int16)
SCALED = (SIGNAL.astype(np.float32) / np.float32(32767)).tolist()

_PRELUDE = """
import asyncio, json
import numpy as np
from tests.support.server import Reply, ScriptedServer
from tests.support.sound_card import played
from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.helpers import LocalAudioPlayer, Microphone
SIGNAL = np.concatenate([np.arange(-3000, -1), np.arange(1, 3000)]).astype(np.int16)
SPEECH = dict(model="gpt-4o-mini-tts", voice="alloy", input="Hi", response_format="pcm")
"""


@pytest.fixture
def card(tmp_path: Path) -> SoundCard:
    return SoundCard(tmp_path, microphone=np.arange(1, 4801, dtype=np.int16).tobytes())


def test_play_sends_a_speech_response_to_the_sound_card(card: SoundCard) -> None:
    """The README's example: speech as pcm, streamed, played; and a plain async result."""
    found = card.run(
        _PRELUDE
        + """
with ScriptedServer() as server:
    server.route("POST", "/v1/audio/speech", Reply.raw(SIGNAL.tobytes(), content_type="audio/pcm"))
    client = AsyncOpenAI(api_key="k", base_url=server.url + "/v1")
    async def main():
        out = []
        async with client.audio.speech.with_streaming_response.create(**SPEECH) as response:
            await LocalAudioPlayer().play(response)
        out.append(played())
        await LocalAudioPlayer().play(await client.audio.speech.create(**SPEECH))
        out.append(played())
        with OpenAI(api_key="k", base_url=server.url + "/v1") as sync_client:
            await LocalAudioPlayer().play(sync_client.audio.speech.create(**SPEECH))
        out.append(played())
        return out
    print(json.dumps(asyncio.run(main())))
"""
    )
    assert found == [SCALED, SCALED, SCALED]


def test_play_takes_int16_and_float32_arrays_flat_or_in_frames(card: SoundCard) -> None:
    """A flat float32 array plays here; the official SDK's player fails on it (IndexError: it
    reads the channel count from a second dimension), a difference in our favour."""
    found = card.run(
        _PRELUDE
        + """
async def main():
    out = []
    scaled = SIGNAL.astype(np.float32) / np.float32(32767)
    for samples in (SIGNAL, SIGNAL.reshape(-1, 1), scaled, scaled.reshape(-1, 1)):
        await LocalAudioPlayer().play(samples)
        out.append(played())
    return out
print(json.dumps(asyncio.run(main())))
"""
    )
    assert found == [SCALED] * 4


def test_should_stop_ends_playback_early(card: SoundCard) -> None:
    found = card.run(
        _PRELUDE
        + """
asked = 0
def should_stop():
    global asked
    asked += 1
    return asked > 2
long = np.full(24000 * 30, 1000, np.int16)  # 30 s: stopped long before its end
asyncio.run(LocalAudioPlayer(should_stop=should_stop).play(long))
print(json.dumps([asked, len(played())]))
"""
    )
    asked, count = found
    assert asked == 3
    assert 0 < count < 24000  # two blocks played, then silence


def test_play_stream_plays_blocks_as_they_arrive_until_none(card: SoundCard) -> None:
    """Realtime-style: int16 and float32 blocks of any size from an async generator, which a
    None ends (what follows it is never played). While the generator is behind, the card gets
    silence (the null device asks for blocks far faster than real time, so here it does, between
    the blocks): the sound is the blocks, in order, with silence only between them."""
    found = card.run(
        _PRELUDE
        + """
async def blocks():
    yield SIGNAL[:1000]
    await asyncio.sleep(0.01)
    yield (SIGNAL[1000:3001].astype(np.float32) / np.float32(32767)).reshape(-1, 1)
    for start in range(3001, len(SIGNAL), 777):
        yield SIGNAL[start : start + 777]
    yield None
    yield np.full(5000, 1000, np.int16)
asyncio.run(LocalAudioPlayer().play_stream(blocks()))
print(json.dumps([sample for sample in played() if sample != 0]))
"""
    )
    assert found == SCALED


def test_play_stream_raises_what_the_producer_raised(card: SoundCard) -> None:
    found = card.run(
        _PRELUDE
        + """
async def blocks():
    yield SIGNAL[:100]
    raise RuntimeError("decoder failed")
try:
    asyncio.run(LocalAudioPlayer().play_stream(blocks()))
except RuntimeError as error:
    print(json.dumps(str(error)))
"""
    )
    assert found == "decoder failed"


def test_microphone_records_until_should_record_says_no(card: SoundCard) -> None:
    """What the card's microphone file holds comes back, in order, as frames of int16; as a
    WAV file it is what transcription takes."""
    found = card.run(
        _PRELUDE
        + """
def recorder(blocks):
    asked = 0
    def should_record():
        nonlocal asked
        asked += 1
        return asked <= blocks
    return should_record
microphone = Microphone(should_record=recorder(3))
samples = asyncio.run(microphone.record(return_ndarray=True))
assert [len(block) for block in microphone.buffer_chunks] and (
    np.concatenate(microphone.buffer_chunks) == samples).all()
name, wav, content_type = asyncio.run(Microphone(should_record=recorder(2)).record())
print(json.dumps([samples.dtype.name, list(samples.shape), samples[:, 0].tolist(), name,
                  content_type, wav.read().hex()]))
"""
    )
    dtype, shape, samples, name, content_type, wav_hex = found
    assert dtype == "int16" and shape[1] == 1 and shape[0] > 0
    assert samples == list(range(1, shape[0] + 1))  # the file's samples, in order
    assert (name, content_type) == ("audio.wav", "audio/wav")
    with wave.open(io.BytesIO(bytes.fromhex(wav_hex))) as read:
        assert (read.getnchannels(), read.getsampwidth(), read.getframerate()) == (1, 2, 24000)
        frames = np.frombuffer(read.readframes(read.getnframes()), np.int16).tolist()
    assert frames and frames == list(range(1, len(frames) + 1))


def test_microphone_timeout_and_float_samples(card: SoundCard) -> None:
    found = card.run(
        _PRELUDE
        + """
samples = asyncio.run(Microphone(dtype=np.float32, timeout=0).record(return_ndarray=True))
print(json.dumps([samples.dtype.name, list(samples.shape)]))
"""
    )
    assert found == ["float32", [0, 1]]  # a timeout already reached: nothing recorded
