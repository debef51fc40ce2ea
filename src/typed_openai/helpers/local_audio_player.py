"""``LocalAudioPlayer``: plays speech (or any 24 kHz mono audio) on the default output device.

Playback runs on PortAudio's audio thread; the coroutines here wait for it without blocking the
event loop. Each stream is fed by an object with one method, ``fill(block) -> bool``, called for
every block the sound card wants: it copies the next frames in (silence where it has none) and
says whether more will follow.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any, Union

from ._dependencies import numpy_module, sounddevice_module
from ._samples import SAMPLE_RATE, as_float_frames, is_samples, pcm16_frames, read_audio

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from .._core import (
        AsyncStreamedBinaryAPIResponse,
        HttpxBinaryResponseContent,
        StreamedBinaryAPIResponse,
    )

__all__ = ["SAMPLE_RATE", "LocalAudioPlayer"]

# blocks play_stream() holds ahead of the sound card before its producer waits
_QUEUE_BLOCKS = 50


class _Recording:
    """A whole recording, handed out block by block."""

    def __init__(self, frames: NDArray[np.float32]) -> None:
        self._frames = frames
        self._position = 0

    def fill(self, block: NDArray[np.float32]) -> bool:
        part = self._frames[self._position : self._position + len(block)]
        block[: len(part)] = part
        block[len(part) :] = 0
        self._position += len(part)
        return self._position < len(self._frames)


class _Feed:
    """Blocks arriving while they play: a bounded queue between the event loop, which puts, and
    the audio thread, which takes. The audio thread never waits: a block the producer has not
    delivered yet is played as silence."""

    _END = None

    def __init__(self) -> None:
        self._queue: queue.Queue[NDArray[np.float32] | None] = queue.Queue(_QUEUE_BLOCKS)
        self._current: NDArray[np.float32] | None = None
        self._position = 0
        self.stopped = threading.Event()

    def put(self, frames: NDArray[np.float32] | None) -> None:
        """Queues ``frames`` (None: the end), waiting while the queue is full, unless playback
        has stopped meanwhile (then nobody takes them). Runs in a worker thread."""
        while not self.stopped.is_set():
            try:
                self._queue.put(frames, timeout=0.05)
                return
            except queue.Full:
                continue

    def fill(self, block: NDArray[np.float32]) -> bool:
        written = 0
        while written < len(block):
            if self._current is None or self._position == len(self._current):
                try:
                    self._current = self._queue.get_nowait()
                except queue.Empty:  # the producer is behind: silence for now
                    self._current = None
                    block[written:] = 0
                    return True
                self._position = 0
                if self._current is self._END:
                    block[written:] = 0
                    return False
            assert self._current is not None
            count = min(len(block) - written, len(self._current) - self._position)
            block[written : written + count] = self._current[
                self._position : self._position + count
            ]
            self._position += count
            written += count
        return True


class LocalAudioPlayer:
    """Plays audio on the default output device: a speech response (``response_format="pcm"``)
    or numpy samples (int16 or float32), whole with ``play()`` or as they arrive with
    ``play_stream()``. ``should_stop``, if given, is asked before every block of sound and ends
    playback when it returns True (a "stop talking" button).

    Needs numpy (to build a player) and sounddevice with the system's PortAudio (to play):
    ``pip install 'typed-openai[voice_helpers]'``.
    """

    def __init__(self, should_stop: Callable[[], bool] | None = None) -> None:
        np = numpy_module()
        self.channels = 1
        self.dtype = np.float32
        self.should_stop = should_stop

    async def play(
        self,
        input: Union[
            NDArray[np.int16],
            NDArray[np.float32],
            HttpxBinaryResponseContent,
            StreamedBinaryAPIResponse,
            AsyncStreamedBinaryAPIResponse,
        ],
    ) -> None:
        """Plays ``input`` to its end (or until ``should_stop``); returns when the sound card
        has played it."""
        if is_samples(input):
            frames = as_float_frames(input, self.channels)
        else:
            frames = pcm16_frames(await read_audio(input), self.channels)
        await self._run(_Recording(frames))

    async def play_stream(
        self,
        buffer_stream: AsyncIterator[Union[NDArray[np.float32], NDArray[np.int16], None]],
    ) -> None:
        """Plays the blocks of samples ``buffer_stream`` yields, as they come (a None ends it
        early), so playback starts before the whole audio has arrived; returns when the last
        block has been played."""
        feed = _Feed()
        loop = asyncio.get_running_loop()

        async def produce() -> None:
            try:
                async for samples in buffer_stream:
                    if samples is None:
                        break
                    frames = as_float_frames(samples, self.channels)
                    await loop.run_in_executor(None, feed.put, frames)
            finally:
                await loop.run_in_executor(None, feed.put, _Feed._END)

        producer = asyncio.ensure_future(produce())
        try:
            await self._run(feed)
        finally:
            feed.stopped.set()
            if not producer.done():
                producer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await producer

    async def _run(self, source: _Recording | _Feed) -> None:
        """One output stream, fed by ``source`` until it runs out or ``should_stop``."""
        sd = sounddevice_module()
        loop = asyncio.get_running_loop()
        finished = asyncio.Event()
        should_stop = self.should_stop

        def callback(block: NDArray[np.float32], frames: int, time: Any, status: Any) -> None:
            if should_stop is not None and should_stop():
                block[:] = 0
                raise sd.CallbackStop
            if not source.fill(block):
                raise sd.CallbackStop  # this last block is still played

        def on_finished() -> None:
            loop.call_soon_threadsafe(finished.set)

        stream = sd.OutputStream(
            samplerate=SAMPLE_RATE,
            channels=self.channels,
            dtype="float32",
            callback=callback,
            finished_callback=on_finished,
        )
        with stream:
            await finished.wait()
