"""The optional packages of the voice helpers, imported the first time a helper needs them.

`import typed_openai.helpers` works without them (code can import the helpers, and type-check
against them, on a machine that never plays sound); building a helper needs numpy, and playing or
recording needs sounddevice as well. A missing package raises ``MissingDependencyError``, an
``OpenAIError`` that names the package and the extra that installs it.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .._core._errors import OpenAIError

__all__ = ["INSTALL", "MissingDependencyError", "numpy_module", "sounddevice_module"]

INSTALL = "pip install 'typed-openai[voice_helpers]'"


class MissingDependencyError(OpenAIError):
    """A package a helper needs is not installed, or cannot load."""


def _missing(package: str, needed_for: str) -> str:
    return f"{needed_for} needs the `{package}` package, which is not installed: `{INSTALL}`"


def numpy_module() -> ModuleType:
    """numpy, which holds the samples the helpers play and record."""
    try:
        return importlib.import_module("numpy")
    except ImportError as exc:
        raise MissingDependencyError(
            _missing("numpy", "typed_openai.helpers (LocalAudioPlayer, Microphone)")
        ) from exc


def sounddevice_module() -> ModuleType:
    """sounddevice, the helpers' way to the sound card."""
    try:
        return importlib.import_module("sounddevice")
    except ImportError as exc:
        raise MissingDependencyError(
            _missing("sounddevice", "Playing or recording sound (typed_openai.helpers)")
        ) from exc
    except OSError as exc:
        # sounddevice loads the PortAudio C library as it is imported; pip does not install it
        raise MissingDependencyError(
            "Playing or recording sound (typed_openai.helpers) needs the PortAudio library, "
            f"which `sounddevice` could not load ({exc}): install it with the system's package "
            "manager (Debian/Ubuntu: `apt-get install libportaudio2`)"
        ) from exc
