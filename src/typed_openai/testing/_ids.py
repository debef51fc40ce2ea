"""Object ids and request ids that look like the API's (``asst_…``, ``req_…``)."""

from __future__ import annotations

import secrets


def new_id(prefix: str) -> str:
    # 24 url-safe characters, the same length class as the API's ids.
    return f"{prefix}_{secrets.token_hex(12)}"


def new_request_id() -> str:
    return f"req_{secrets.token_hex(16)}"
