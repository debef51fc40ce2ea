"""Deprecated operations warn (as in the official SDK): the Assistants API with the config's
message, the videos API with the SDK's shut-down notice, other operations the spec marks
`deprecated: true` and those the SDK deprecates beyond the spec (images.create_variation,
audio.translations.create) with a plain "deprecated". Under
`filterwarnings = error` such a call fails, so modules that call them on purpose to test other
behaviour take the `calls_deprecated_operations` marks; tests/test_deprecations.py checks the
warnings themselves."""

from __future__ import annotations

import pytest

ASSISTANTS_MESSAGE = "The Assistants API is deprecated in favor of the Responses API"
VIDEOS_MESSAGE = "The Sora API is scheduled to permanently shut down on September 24, 2026."

calls_deprecated_operations = [
    pytest.mark.filterwarnings(f"ignore:{ASSISTANTS_MESSAGE}:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:deprecated$:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:The Sora API is scheduled:DeprecationWarning"),
]
