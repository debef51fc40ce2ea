"""YAML files the tests read (spec/openapi.yml, the upstream document, ...), parsed once per run.

Many test modules read the same large documents at import time; parsing spec/openapi.yml with
PyYAML's pure-Python loader took ~10 s per module on a loaded machine. Here each file is parsed
once (the C safe loader where it is built, else the Python one: the same data either way) and
every call gets its own copy (a pickle round trip, ~0.05 s), so a test that edits what it got
cannot change what another test reads.
"""

from __future__ import annotations

import functools
import pickle
from pathlib import Path
from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def _pickled(path: Path, stamp: tuple[int, int]) -> bytes:
    with path.open(encoding="utf-8") as f:
        return pickle.dumps(yaml.load(f, Loader=_LOADER), protocol=pickle.HIGHEST_PROTOCOL)


def load_yaml_file(path: Path | str) -> Any:
    """A safe load of the YAML file at ``path``: a fresh copy each call, parsed once per content
    (a file that changes on disk, by size or modification time, is parsed again)."""
    resolved = Path(path).resolve()
    stat = resolved.stat()
    return pickle.loads(_pickled(resolved, (stat.st_mtime_ns, stat.st_size)))
