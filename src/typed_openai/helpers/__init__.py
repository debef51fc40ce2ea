"""Voice helpers: ``LocalAudioPlayer`` plays speech and Realtime audio on the sound card,
``Microphone`` records for transcription or the Realtime API.

Importing this module needs nothing beyond typed_openai; using the helpers needs numpy and
sounddevice (with the system's PortAudio library), installed by the ``voice_helpers`` extra:
``pip install 'typed-openai[voice_helpers]'``. Without them a helper raises
``MissingDependencyError`` (an ``OpenAIError``) naming the missing package.
"""

from __future__ import annotations

from .local_audio_player import LocalAudioPlayer
from .microphone import Microphone

__all__ = ["LocalAudioPlayer", "Microphone"]
