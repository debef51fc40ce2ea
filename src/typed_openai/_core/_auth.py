"""Credentials of the API's security schemes, placed where each scheme says (pure functions).

A call carries a security requirement: alternatives, each a set of scheme names that must all be
satisfied (OpenAPI's ``security``). The first alternative whose credentials are all set is used;
an empty alternative means the call may go without credentials. With no requirement declared (a
custom request), every scheme whose credentials are set is sent; where two use the same place (two
bearer keys, both in ``Authorization``) the first scheme of the API's list wins.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

from ._config import AuthScheme
from ._types import Security

__all__ = ["Placed", "needed_options", "place_credentials"]


class Placed:
    """Where the chosen credentials go: headers (lower-case names), query pairs, cookie pairs."""

    __slots__ = ("cookies", "headers", "query")

    def __init__(self) -> None:
        self.headers: dict[str, str] = {}
        self.query: list[tuple[str, str]] = []
        self.cookies: list[tuple[str, str]] = []


def _ready(scheme: AuthScheme, value_of: Callable[[str], str | None]) -> bool:
    return all(value_of(option) for option in scheme.options)


def _chosen(
    schemes: dict[str, AuthScheme], security: Security | None, value_of: Callable[[str], str | None]
) -> list[AuthScheme]:
    if security is None:
        return [s for s in schemes.values() if _ready(s, value_of)]
    for alternative in security:
        wanted = [schemes[name] for name in alternative if name in schemes]
        if all(_ready(s, value_of) for s in wanted):
            return wanted
    return []  # nothing satisfiable: the server answers 401, which names the problem


def needed_options(
    schemes: tuple[AuthScheme, ...], security: Security | None, is_set: Callable[[str], bool]
) -> list[str]:
    """The credential options a call with ``security`` uses, judged by which are set (so that
    credential functions can be asked only for what the call sends)."""
    chosen = _chosen({s.name: s for s in schemes}, security, lambda o: "set" if is_set(o) else None)
    return [option for scheme in chosen for option in scheme.options]


def place_credentials(
    schemes: tuple[AuthScheme, ...],
    security: Security | None,
    value_of: Callable[[str], str | None],
) -> Placed:
    """The credentials one call sends, for ``security`` (``None``: every configured scheme)."""
    placed = Placed()
    for scheme in _chosen({s.name: s for s in schemes}, security, value_of):
        values = [value_of(option) or "" for option in scheme.options]
        if scheme.kind == "basic":
            pair = f"{values[0]}:{values[1] if len(values) > 1 else ''}".encode()
            placed.headers.setdefault("authorization", "Basic " + base64.b64encode(pair).decode())
        elif scheme.kind == "bearer":
            placed.headers.setdefault("authorization", f"Bearer {values[0]}")
        elif scheme.kind == "header" and scheme.param:
            placed.headers.setdefault(scheme.param.lower(), values[0])
        elif scheme.kind == "query" and scheme.param:
            placed.query.append((scheme.param, values[0]))
        elif scheme.kind == "cookie" and scheme.param:
            placed.cookies.append((scheme.param, values[0]))
    return placed
