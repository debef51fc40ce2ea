"""``python -m typed_openai.testing`` is the same as ``python -m typed_openai.testing.server``."""

from __future__ import annotations

import sys

from .server import main

if __name__ == "__main__":
    sys.exit(main())
