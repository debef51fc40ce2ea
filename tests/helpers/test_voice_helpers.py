"""typed_openai.helpers without a sound card: the optional packages, the samples a speech
response becomes, the WAV a recording becomes, and how blocks are handed to the audio thread.

Playing and recording through PortAudio are in test_voice_devices.py (on ALSA's null device);
what neither file exercises is real hardware: latency, device selection, an actual speaker or
microphone.
"""

from __future__ import annotations

import asyncio
import io
import json
import subprocess
import sys
import wave
from typing import Any

import numpy as np
import pytest

import typed_openai
from tests.support.server import Reply, ScriptedServer
from typed_openai.helpers import LocalAudioPlayer, Microphone
from typed_openai.helpers._samples import SAMPLE_RATE, pcm16_frames, read_audio, to_wav
from typed_openai.helpers.local_audio_player import _Feed, _Recording

# a second of speech-like int16 PCM, extremes included
PCM = np.concatenate(
    [np.array([0, 1, -1, 32767, -32768], np.int16), (np.arange(24000) * 7 % 65536 - 32768)]
).astype(np.int16)


def _subprocess(code: str) -> Any:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- without the optional packages ----------------------------------------------------------------

# `sys.modules[name] = None` is how Python itself marks a module as absent: `import name` then
# raises ImportError (ModuleNotFoundError), exactly as on a machine without the package.
_WITHOUT = """
import sys, json, asyncio
for name in {absent!r}:
    sys.modules[name] = None
import typed_openai.helpers as helpers
from typed_openai import OpenAIError
found = {{"all": helpers.__all__}}
def attempt(label, code):
    try:
        code()
    except OpenAIError as error:
        found[label] = [type(error).__name__, str(error)]
    else:
        found[label] = "ok"
attempt("player", helpers.LocalAudioPlayer)
attempt("microphone", helpers.Microphone)
if "numpy" not in {absent!r}:
    import numpy as np
    player = helpers.LocalAudioPlayer()
    attempt("play", lambda: asyncio.run(player.play(np.zeros(4, np.int16))))
    attempt("record", lambda: asyncio.run(helpers.Microphone(timeout=0).record()))
print(json.dumps(found))
"""


def test_importable_without_numpy_and_a_helper_names_the_missing_package_and_extra() -> None:
    found = _subprocess(_WITHOUT.format(absent=["numpy", "sounddevice"]))
    assert found["all"] == ["LocalAudioPlayer", "Microphone"]
    for helper in ("player", "microphone"):
        name, message = found[helper]
        assert name == "MissingDependencyError"
        assert "`numpy`" in message and "pip install 'typed-openai[voice_helpers]'" in message


def test_without_sounddevice_playing_and_recording_name_it() -> None:
    found = _subprocess(_WITHOUT.format(absent=["sounddevice"]))
    assert found["player"] == found["microphone"] == "ok"
    for use in ("play", "record"):
        name, message = found[use]
        assert name == "MissingDependencyError"
        assert "`sounddevice`" in message and "typed-openai[voice_helpers]" in message


def test_sounddevice_without_portaudio_is_named(tmp_path: Any) -> None:
    """sounddevice raises OSError as it is imported when the PortAudio library is missing. That
    machine is not this one (PortAudio is installed for the device tests), so a module of that
    name that fails the same way stands in for it here."""
    (tmp_path / "sounddevice.py").write_text("raise OSError('PortAudio library not found')\n")
    code = (
        f"import sys; sys.path.insert(0, {str(tmp_path)!r})\n"
        "import asyncio, json, numpy as np\n"
        "from typed_openai.helpers import LocalAudioPlayer\n"
        "from typed_openai import OpenAIError\n"
        "try:\n"
        "    asyncio.run(LocalAudioPlayer().play(np.zeros(4, np.int16)))\n"
        "except OpenAIError as error:\n"
        "    print(json.dumps(str(error)))\n"
    )
    message = _subprocess(code)
    assert "PortAudio" in message and "libportaudio2" in message
    assert "PortAudio library not found" in message


def test_the_sdk_fails_at_import_without_numpy_and_ours_later_with_the_same_error_class() -> None:
    """A deliberate difference: `openai.helpers` cannot be imported without numpy; ours can
    (so code importing it type-checks and starts on a machine without sound), and the error
    comes when a helper is built. Both errors are OpenAIErrors naming numpy and the extra."""
    code = (
        "import sys, json\n"
        "sys.modules['numpy'] = None\n"
        "try:\n"
        "    import openai.helpers\n"
        "except Exception as error:\n"
        "    import openai\n"
        "    print(json.dumps([type(error).__name__, isinstance(error, openai.OpenAIError),"
        " 'numpy' in str(error), 'voice_helpers' in str(error)]))\n"
    )
    assert _subprocess(code) == ["MissingDependencyError", True, True, True]


def test_import_typed_openai_loads_neither_the_helpers_nor_numpy() -> None:
    code = (
        "import sys, json, typed_openai\n"
        "typed_openai.OpenAI(api_key='k').audio.speech\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith("
        "('numpy', 'sounddevice', 'typed_openai.helpers')))))\n"
    )
    assert _subprocess(code) == []


# --- speech responses as samples --------------------------------------------------------------------


def _speech(server: ScriptedServer, body: bytes) -> None:
    server.route("POST", "/v1/audio/speech", Reply.raw(body, content_type="audio/pcm"))


_SPEECH = {"model": "gpt-4o-mini-tts", "voice": "alloy", "input": "Hello", "response_format": "pcm"}


def _sync_responses(client: Any) -> Any:
    yield client.audio.speech.create(**_SPEECH)
    with client.audio.speech.with_streaming_response.create(**_SPEECH) as response:
        yield response


async def _async_responses(client: Any) -> list[bytes]:
    read = [await read_audio(await client.audio.speech.create(**_SPEECH))]
    async with client.audio.speech.with_streaming_response.create(**_SPEECH) as response:
        read.append(await read_audio(response))
    return read


def test_a_speech_response_becomes_the_samples_the_sdk_player_plays(server: ScriptedServer) -> None:
    """Every kind of speech response (plain or streamed, sync or async) read into the float
    frames the player sends to the sound card: the PCM scaled by 1/32767, one column, the same
    array the official SDK's player builds from the same response."""
    import openai
    from openai.helpers.local_audio_player import LocalAudioPlayer as SdkPlayer

    _speech(server, PCM.tobytes())
    expected = (PCM.astype(np.float32) / np.float32(32767)).reshape(-1, 1)
    base_url = server.url + "/v1"
    with typed_openai.OpenAI(api_key="k", base_url=base_url) as client:
        read = [asyncio.run(read_audio(response)) for response in _sync_responses(client)]

    async def read_async() -> list[bytes]:
        async with typed_openai.AsyncOpenAI(api_key="k", base_url=base_url) as client:
            return await _async_responses(client)

    read += asyncio.run(read_async())
    assert len(read) == 4
    for body in read:
        frames = pcm16_frames(body)
        assert frames.dtype == np.float32 and frames.shape == (len(PCM), 1)
        assert np.array_equal(frames, expected)
    assert frames[3, 0] == 1.0 and frames[1, 0] == np.float32(1 / 32767)

    with openai.OpenAI(api_key="k", base_url=base_url) as sdk_client:
        sdk_response = sdk_client.audio.speech.create(**_SPEECH)
        sdk_frames = asyncio.run(SdkPlayer()._tts_response_to_buffer(sdk_response))
    assert np.array_equal(sdk_frames, expected)


@pytest.mark.parametrize(
    ("body", "named"),
    [
        (b"ID3\x04\x00\x00" + bytes(100), "MP3"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(100), "WAV"),
        (b"OggS" + bytes(100), "Ogg"),
        (b"fLaC" + bytes(100), "FLAC"),
    ],
)
def test_a_compressed_speech_format_is_refused_by_name(body: bytes, named: str) -> None:
    """The speech endpoint answers mp3 unless asked for pcm: played as PCM it would be loud
    noise (the official SDK's player plays it so), here a ValueError says what to ask for."""
    with pytest.raises(ValueError, match=f"the audio is {named}.*response_format='pcm'"):
        pcm16_frames(body)


def test_a_body_of_half_a_sample_is_refused() -> None:
    with pytest.raises(ValueError, match="5 bytes of audio are not whole 16-bit frames"):
        pcm16_frames(b"\x01\x02\x03\x04\x05")


def test_samples_of_another_type_are_refused_by_name() -> None:
    player = LocalAudioPlayer()
    with pytest.raises(ValueError, match="unsupported sample type float64"):
        asyncio.run(player.play(np.zeros(10)))


# --- recordings as WAV files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "samples",
    [
        np.array([[0], [1], [-1], [32767], [-32768]], np.int16),
        np.array([[0.0], [0.5], [-0.5], [1.5], [-2.0]], np.float32),  # out of range: clipped
        np.array([[0], [127], [-128], [5]], np.int8),
        np.array([[1, -1], [2, -2]], np.int16),  # two channels
    ],
    ids=["int16", "float32", "int8", "stereo"],
)
def test_a_recording_becomes_the_wav_file_the_sdk_microphone_writes(samples: Any) -> None:
    """The WAV bytes of a recording equal those the official SDK's Microphone writes for the
    same samples (its header: channels, sample width, 24 kHz)."""
    from openai.helpers.microphone import Microphone as SdkMicrophone

    channels = samples.shape[1]
    ours = to_wav(samples, channels)
    sdk_name, sdk_file, sdk_type = SdkMicrophone(channels=channels)._ndarray_to_wav(samples)
    assert ours == sdk_file.read()
    with wave.open(io.BytesIO(ours)) as wav:
        assert (wav.getnchannels(), wav.getframerate()) == (channels, SAMPLE_RATE)
        assert wav.getnframes() == len(samples)
    assert (sdk_name, sdk_type) == ("audio.wav", "audio/wav")


def test_float_samples_are_written_as_16_bit() -> None:
    wav = to_wav(np.array([[0.25], [-1.0]], np.float64), 1)
    with wave.open(io.BytesIO(wav)) as read:
        assert read.getsampwidth() == 2
        assert np.frombuffer(read.readframes(2), np.int16).tolist() == [8191, -32767]


def test_samples_wav_cannot_hold_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot write int64 samples to a WAV file"):
        to_wav(np.zeros((3, 1), np.int64), 1)


def test_microphone_defaults() -> None:
    microphone = Microphone()
    assert (microphone.channels, microphone.dtype) == (1, np.int16)
    assert microphone.should_record is None and microphone.timeout is None
    assert Microphone(2, np.float32).dtype is np.float32
    assert microphone.has_record_function is False and microphone.buffer_chunks == []
    assert Microphone(should_record=lambda: True).has_record_function is True


def test_a_microphone_has_the_sdk_microphones_attributes() -> None:
    from openai.helpers import Microphone as SDKMicrophone

    assert sorted(vars(Microphone())) == sorted(vars(SDKMicrophone()))


# --- blocks for the audio thread --------------------------------------------------------------------


def test_a_recording_fills_blocks_then_pads_the_last_with_silence() -> None:
    frames = np.arange(1, 11, dtype=np.float32).reshape(-1, 1)
    recording = _Recording(frames)
    block = np.full((4, 1), 9.0, np.float32)
    filled = []
    more = True
    while more:
        more = recording.fill(block)
        filled.append(block[:, 0].tolist())
    assert filled == [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 0, 0]]


def test_a_feed_joins_queued_blocks_plays_silence_while_starved_and_ends_at_the_marker() -> None:
    feed = _Feed()
    block = np.empty((4, 1), np.float32)
    assert feed.fill(block) and block[:, 0].tolist() == [0, 0, 0, 0]  # nothing yet: silence
    feed.put(np.array([[1], [2], [3]], np.float32))
    feed.put(np.array([[4], [5]], np.float32))
    assert feed.fill(block) and block[:, 0].tolist() == [1, 2, 3, 4]
    assert feed.fill(block) and block[:, 0].tolist() == [5, 0, 0, 0]  # starved again
    feed.put(np.array([[6]], np.float32))
    feed.put(None)
    assert not feed.fill(block) and block[:, 0].tolist() == [6, 0, 0, 0]


def test_a_feed_stops_waiting_to_put_once_playback_stopped() -> None:
    """A full queue makes the producer wait; when playback ends early nobody will take the
    block, and the producer's thread must not wait forever."""
    feed = _Feed()
    one = np.zeros((1, 1), np.float32)
    for _ in range(50):
        feed.put(one)
    feed.stopped.set()
    feed.put(one)  # returns (would block forever otherwise)


# --- the SDK's signatures ----------------------------------------------------------------------------

# Microphone(dtype=...): the SDK's default is numpy.int16 itself, which needs numpy when the
# module is imported; ours is None, meaning int16 (the same recording, tested above)
SIGNATURE_DIFFERENCES = {("Microphone", "__init__", "dtype"): ("None", "<class 'numpy.int16'>")}


def test_the_helpers_take_the_sdk_arguments() -> None:
    """Every public method of both helpers takes the official SDK's parameters (name, kind,
    default), but for the listed difference."""
    import inspect

    import openai.helpers

    import typed_openai.helpers

    compared = 0
    for class_name in ("LocalAudioPlayer", "Microphone"):
        sdk_class = getattr(openai.helpers, class_name)
        our_class = getattr(typed_openai.helpers, class_name)
        for method in ("__init__", "play", "play_stream", "record"):
            if not hasattr(sdk_class, method):
                continue
            sdk_params = inspect.signature(getattr(sdk_class, method)).parameters
            our_params = inspect.signature(getattr(our_class, method)).parameters
            assert list(our_params) == list(sdk_params), (class_name, method)
            for name, sdk_param in sdk_params.items():
                ours = our_params[name]
                assert ours.kind == sdk_param.kind
                defaults = (repr(ours.default), repr(sdk_param.default))
                expected = SIGNATURE_DIFFERENCES.get((class_name, method, name))
                assert defaults == expected if expected else defaults[0] == defaults[1]
                compared += 1
            assert inspect.iscoroutinefunction(getattr(our_class, method)) == (
                inspect.iscoroutinefunction(getattr(sdk_class, method))
            )
    assert compared == 13
