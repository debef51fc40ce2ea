"""Samples as the voice helpers hand them around: numpy arrays of shape (frames, channels).

The API's ``pcm`` speech format and the Realtime API's audio are 24 kHz, 16-bit signed
little-endian, mono; the sound card is fed 32-bit floats in [-1, 1] (an int16 sample divided by
32767, the scale the official SDK's helpers use, so both play the same values).
"""

from __future__ import annotations

import io
import wave
from typing import TYPE_CHECKING, Any

from typing_extensions import TypeGuard

from ._dependencies import numpy_module

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = [
    "INT16_SCALE",
    "SAMPLE_RATE",
    "as_float_frames",
    "is_samples",
    "pcm16_frames",
    "read_audio",
    "to_wav",
]

SAMPLE_RATE = 24000
INT16_SCALE = 32767.0

# Containers a caller may have asked the speech endpoint for (its default is mp3): played as raw
# PCM they would be loud noise, so they are refused by name.
_CONTAINERS = {b"RIFF": "WAV", b"ID3": "MP3", b"OggS": "Ogg (opus)", b"fLaC": "FLAC"}


def is_samples(value: object) -> TypeGuard[NDArray[Any]]:
    """Whether ``value`` is a numpy array (rather than a response to read)."""
    return isinstance(value, numpy_module().ndarray)


def pcm16_frames(data: bytes, channels: int = 1) -> NDArray[np.float32]:
    """Raw 16-bit little-endian PCM as float frames of shape (frames, channels)."""
    np = numpy_module()
    for magic, name in _CONTAINERS.items():
        if data.startswith(magic):
            raise ValueError(
                f"the audio is {name}, not raw PCM: LocalAudioPlayer plays 24 kHz 16-bit PCM, "
                "ask the speech endpoint for it with response_format='pcm'"
            )
    if len(data) % (2 * channels):
        raise ValueError(
            f"{len(data)} bytes of audio are not whole 16-bit frames of {channels} channel(s): "
            "not the 16-bit PCM of response_format='pcm'"
        )
    samples = np.frombuffer(data, dtype="<i2")
    return as_float_frames(samples, channels)


def as_float_frames(samples: NDArray[Any], channels: int = 1) -> NDArray[np.float32]:
    """int16 or float32 samples (flat or already in frames) as float32 frames."""
    np = numpy_module()
    if samples.dtype == np.int16:
        converted = samples.astype(np.float32) / np.float32(INT16_SCALE)
    elif samples.dtype == np.float32:
        converted = samples
    else:
        raise ValueError(
            f"unsupported sample type {samples.dtype}: pass int16 or float32 samples "
            "(the Realtime API's audio decoded with np.frombuffer(data, np.int16))"
        )
    return converted.reshape(-1, channels)


async def read_audio(response: Any) -> bytes:
    """The whole body of a speech response: the result of ``audio.speech.create()`` or the
    response of its ``with_streaming_response`` (sync or async), read chunk by chunk."""
    chunks = response.iter_bytes()
    if hasattr(chunks, "__aiter__"):
        return b"".join([chunk async for chunk in chunks])
    return b"".join(chunks)


def to_wav(samples: NDArray[Any], channels: int) -> bytes:
    """Recorded samples as a WAV file at the helpers' sample rate.

    WAV stores integers: float samples become 16-bit (clipped to [-1, 1]); 8-bit WAV is
    unsigned, so int8 samples are shifted by 128; other integer types are written as they are.
    """
    np = numpy_module()
    if samples.dtype.kind == "f":
        samples = (np.clip(samples, -1.0, 1.0) * INT16_SCALE).astype(np.int16)
    elif samples.dtype == np.int8:
        samples = (samples.astype(np.int16) + 128).astype(np.uint8)
    elif samples.dtype not in (np.int16, np.int32, np.uint8):
        raise ValueError(f"cannot write {samples.dtype} samples to a WAV file")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(samples.dtype.itemsize)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(samples.tobytes())
    return buffer.getvalue()
