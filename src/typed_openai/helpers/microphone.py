"""``Microphone``: records from the default input device, for the transcription endpoints or the
Realtime API's input audio (24 kHz, mono by default)."""

from __future__ import annotations

import asyncio
import io
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, Union, overload

from ._dependencies import numpy_module, sounddevice_module
from ._samples import SAMPLE_RATE, to_wav

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from .._core._types import FileTypes

__all__ = ["SAMPLE_RATE", "Microphone"]

# the sample type of the recording (numpy.int16 unless the caller picks another); a string bound
# so that this module imports without numpy
DType = TypeVar("DType", bound="np.generic")


class Microphone(Generic[DType]):
    """Records until ``should_record`` returns False (asked for every block of sound, e.g. while
    a key is held) or ``timeout`` seconds have passed; with neither, until the task awaiting
    ``record()`` is cancelled.

    ``record()`` gives a WAV file ready for ``audio.transcriptions.create(file=...)``, or with
    ``return_ndarray=True`` the samples as an array of shape (frames, channels).

    Needs numpy (to build one) and sounddevice with the system's PortAudio (to record):
    ``pip install 'typed-openai[voice_helpers]'``.
    """

    def __init__(
        self,
        channels: int = 1,
        dtype: type[DType] | None = None,
        should_record: Callable[[], bool] | None = None,
        timeout: float | None = None,
    ) -> None:
        np = numpy_module()
        self.channels = channels
        self.dtype: type[DType] = np.int16 if dtype is None else dtype
        self.should_record = should_record
        self.timeout = timeout
        # attributes the official SDK's Microphone has, which code written for it may read:
        # whether recording ends by the caller's function, and the blocks of the latest recording
        self.has_record_function = should_record is not None
        self.buffer_chunks: list[NDArray[DType]] = []

    @overload
    async def record(self, return_ndarray: Literal[True]) -> NDArray[DType]: ...

    @overload
    async def record(self, return_ndarray: Literal[False]) -> FileTypes: ...

    @overload
    async def record(self, return_ndarray: None = ...) -> FileTypes: ...

    async def record(self, return_ndarray: bool | None = False) -> Union[NDArray[DType], FileTypes]:
        """Records (see the class) and returns the recording: ``("audio.wav", <file>,
        "audio/wav")``, or the samples with ``return_ndarray=True``."""
        np = numpy_module()
        sd = sounddevice_module()
        loop = asyncio.get_running_loop()
        finished = asyncio.Event()
        blocks: list[NDArray[DType]] = []
        self.buffer_chunks = blocks
        should_record = self.should_record
        deadline = None if self.timeout is None else time.monotonic() + self.timeout

        def callback(block: NDArray[DType], frames: int, when: Any, status: Any) -> None:
            if deadline is not None and time.monotonic() >= deadline:
                raise sd.CallbackStop
            if should_record is not None and not should_record():
                raise sd.CallbackStop
            blocks.append(block.copy())  # the block's memory is reused for the next one

        def on_finished() -> None:
            loop.call_soon_threadsafe(finished.set)

        stream = sd.InputStream(
            samplerate=SAMPLE_RATE,
            channels=self.channels,
            dtype=self.dtype,
            callback=callback,
            finished_callback=on_finished,
        )
        with stream:
            await finished.wait()

        if blocks:
            samples = np.concatenate(blocks)
        else:
            samples = np.empty((0, self.channels), dtype=self.dtype)
        if return_ndarray:
            return samples
        return ("audio.wav", io.BytesIO(to_wav(samples, self.channels)), "audio/wav")
