"""Logging through the ``logging`` module, switched on by an environment variable.

The generated client names the variable (``ClientConfig.log_env``); its value ``info`` or
``debug`` sets the level of this package's logger and attaches one stderr handler,
once per process. Without the variable nothing is configured, so applications keep full control.

Secrets never reach a log line: headers are logged through ``redact_headers``, which hides the
values of authorization-like headers and any header the client marked secret.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from typing import Final, cast

__all__ = ["logger", "redact_headers", "setup_logging_from_env"]

logger: Final = logging.getLogger(__name__.rpartition(".")[0] or __name__)

REDACTED: Final = "<redacted>"
ALWAYS_SECRET: Final = frozenset({"authorization", "proxy-authorization", "cookie", "api-key"})

_configured_from: set[str] = set()


def setup_logging_from_env(env_name: str | None) -> None:
    """Apply ``$env_name`` (``info``/``debug``) to this package's logger, once per process."""
    if env_name is None or env_name in _configured_from:
        return
    level_name = os.environ.get(env_name, "").strip().lower()
    if level_name not in ("info", "debug"):
        return
    _configured_from.add(env_name)
    level = logging.DEBUG if level_name == "debug" else logging.INFO
    handler = logging.StreamHandler()
    handler.setFormatter(
        logging.Formatter("[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s")
    )
    logger.setLevel(level)
    logger.addHandler(handler)


def redact_headers(
    headers: Iterable[tuple[str, str]] | Mapping[str, str],
    secret_names: frozenset[str] = frozenset(),
) -> dict[str, str]:
    """A copy of ``headers`` safe to log (secret header names are compared case-insensitively)."""
    items: Iterable[tuple[str, str]] = (
        cast("Mapping[str, str]", headers).items() if isinstance(headers, Mapping) else headers
    )
    return {
        name: REDACTED if name.lower() in ALWAYS_SECRET or name.lower() in secret_names else value
        for name, value in items
    }
