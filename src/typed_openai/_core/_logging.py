"""Logging through the ``logging`` module, switched on by an environment variable.

The generated client names its logger (``ClientConfig.log_name``: an SDK-compatible client
logs by the names of the SDK it stands in for, so that code configuring that SDK's loggers —
levels, handlers, pytest's ``caplog`` — configures this one) and the variable
(``ClientConfig.log_env``). The variable's value (``debug``, ``info``, ``warning``, ``error``
or ``critical``) sets the level of the top-level logger of that hierarchy and, as
``logging.basicConfig``, gives the root logger a stderr handler in the SDK's line format when
the application has configured none (an application's own handlers are left alone and no line
is written twice), once per process. Without the variable nothing is configured.

Secrets never reach a log line: headers are logged through ``redact_headers``, which hides the
values of authorization-like headers and any header the client marked secret; URLs through
``redact_query``, which hides the values of query parameters that carry an API key. httpx logs
every request's URL itself, so ``hide_query_params`` also filters httpx's logger.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Mapping
from typing import Final, cast
from urllib.parse import unquote

__all__ = [
    "hide_query_params",
    "logger",
    "redact_headers",
    "redact_query",
    "setup_logging_from_env",
]

logger: Final = logging.getLogger(__name__.rpartition(".")[0] or __name__)

REDACTED: Final = "<redacted>"
ALWAYS_SECRET: Final = frozenset({"authorization", "proxy-authorization", "cookie", "api-key"})

_configured_from: set[str] = set()
# the official SDK's log levels (as it: retries at info; requests and details at debug)
_LEVELS: Final = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "error": logging.ERROR,
    "critical": logging.CRITICAL,
}


def setup_logging_from_env(env_name: str | None, client_logger: logging.Logger = logger) -> None:
    """Apply ``$env_name`` (a level: ``debug``, ``info``, ``warning``, ``error``, ``critical``)
    to the top-level logger of ``client_logger``'s hierarchy, once per process."""
    if env_name is None or env_name in _configured_from:
        return
    level = _LEVELS.get(os.environ.get(env_name, "").strip().lower())
    if level is None:
        return
    _configured_from.add(env_name)
    # the official SDK's line format, seconds included (log scrapers parse the same lines)
    logging.basicConfig(
        format="[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s",
        datefmt="%Y-%m-%d %H:%M:%S",
    )
    logging.getLogger(client_logger.name.partition(".")[0]).setLevel(level)


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


# `?name=value` / `&name=value` in a URL written into text (a log line, a message)
_QUERY_PAIR: Final = re.compile(r"([?&])([^=&#\s\"'<>]+)=([^&#\s\"'<>]*)")

# query parameters that carry secrets, registered by the clients whose API sends a key there
_hidden_query_params: set[str] = set()
_httpx_filter_installed = False


def redact_query(text: str, names: Iterable[str]) -> str:
    """``text`` with the values of the query parameters ``names`` hidden in any URL it holds."""
    hidden = frozenset(names)
    if not hidden or "=" not in text:
        return text

    def pair(match: re.Match[str]) -> str:
        if unquote(match.group(2)) not in hidden:
            return match.group(0)
        return f"{match.group(1)}{match.group(2)}={REDACTED}"

    return _QUERY_PAIR.sub(pair, text)


class _HideSecretQuery(logging.Filter):
    """Rewrites records whose text shows a secret query parameter (httpx logs full URLs)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _hidden_query_params:
            message = record.getMessage()
            hidden = redact_query(message, _hidden_query_params)
            if hidden != message:
                record.msg, record.args = hidden, ()
        return True


def hide_query_params(names: Iterable[str]) -> None:
    """Keep the values of the query parameters ``names`` out of httpx's log lines (process-wide:
    the logger is shared; only the names are kept, never a secret)."""
    global _httpx_filter_installed
    _hidden_query_params.update(names)
    if _hidden_query_params and not _httpx_filter_installed:
        logging.getLogger("httpx").addFilter(_HideSecretQuery())
        _httpx_filter_installed = True
