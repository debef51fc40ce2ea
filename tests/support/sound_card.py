"""A sound card for the voice helpers' tests: ALSA's ``file`` plugin over its ``null`` device.

There is no audio hardware here, but PortAudio (through ALSA) can open a default device that an
``.asoundrc`` defines: what is played is written to a file (as the float32 samples PortAudio
sends), what is recorded is read from a file of int16 samples we write. Real PortAudio streams,
real callbacks on PortAudio's audio thread, real sounddevice: only the hardware is missing. The
null device does not run in real time (a block is taken as fast as it is produced), so nothing
timed is measured through it.

ALSA reads ``~/.asoundrc`` when PortAudio initialises, which sounddevice does as it is imported:
programs using it run in a subprocess whose HOME holds the configuration (``SoundCard.run``).
PortAudio is a system library (Debian's ``libportaudio2``; `.ci/run` installs it).
"""

from __future__ import annotations

import ctypes.util
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

_ASOUNDRC = """\
pcm.!default {{
  type file
  slave.pcm "null"
  file "{played}"
  infile "{microphone}"
  format "raw"
}}
"""


def portaudio_missing() -> str | None:
    """Why PortAudio cannot be used here, or None."""
    if ctypes.util.find_library("portaudio") is None:
        return "the PortAudio library is not installed (apt-get install libportaudio2)"
    return None


class SoundCard:
    """The configuration and files of one test's sound card, under ``home``."""

    def __init__(self, home: Path, microphone: bytes = b"") -> None:
        self.home = home
        self.played_file = home / "played.f32"
        self.microphone_file = home / "microphone.s16"
        self.microphone_file.write_bytes(microphone)
        (home / ".asoundrc").write_text(
            _ASOUNDRC.format(played=self.played_file, microphone=self.microphone_file)
        )

    def run(self, code: str, timeout: float = 60, parse: Callable[[str], Any] = json.loads) -> Any:
        """Runs ``code`` (Python source whose last statement prints one JSON document, or what
        ``parse`` reads) with this sound card as the default device; returns what it printed."""
        problem = portaudio_missing()
        assert problem is None, problem
        env = {**os.environ, "HOME": str(self.home), "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=timeout,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return parse(done.stdout.strip().splitlines()[-1])


def played() -> list[float]:
    """In a program run by ``SoundCard.run``: the samples played since the last stream opened,
    without the silence PortAudio pads them with at both ends (test signals hold no zeros at
    their edges)."""
    import numpy as np

    samples = np.fromfile(Path.home() / "played.f32", dtype=np.float32)
    sounding = np.flatnonzero(samples)
    if len(sounding) == 0:
        return []
    return samples[sounding[0] : sounding[-1] + 1].tolist()
