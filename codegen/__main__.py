"""`python -m codegen`: generate the client (or `diff OLD NEW`: report API changes)."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
