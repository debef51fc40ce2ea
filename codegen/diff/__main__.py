"""`python -m codegen.diff OLD NEW` (the same as `python -m codegen diff OLD NEW`)."""

import sys

from . import main

raise SystemExit(main(sys.argv[1:]))
