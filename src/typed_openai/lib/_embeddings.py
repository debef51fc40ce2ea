"""Embeddings sent as base64 (``encoding_format="base64"``, what ``embeddings.create()`` asks for
by default, as the official SDK does) turned back into the lists of floats a caller sees."""

from __future__ import annotations

import base64
import sys
from array import array
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typed_openai.types.create_embedding_response import CreateEmbeddingResponse

__all__ = ["decode_base64_embeddings", "decode_float32"]


def decode_base64_embeddings(response: CreateEmbeddingResponse) -> CreateEmbeddingResponse:
    """Each embedding that came as base64 text, as its list of floats (in place). A list (a server
    that ignored ``encoding_format``) is left as it is.

    An answer without any embedding is a ``ValueError``, as in the official SDK (whose callers
    catch that rather than meet an empty ``data`` later)."""
    if not response.data:
        raise ValueError("The embeddings answer holds no embedding (its `data` is empty)")
    for item in response.data:
        embedding: object = item.embedding
        if isinstance(embedding, str):
            item.embedding = decode_float32(embedding)
    return response


def decode_float32(text: str) -> list[float]:
    """Base64 of little-endian float32 values (what the API sends for `encoding_format="base64"`)
    as floats. The standard library's `array` decodes at C speed; the official SDK's numpy path
    gives the same floats (each float32 widened exactly), so numpy is not needed."""
    values = array("f", base64.b64decode(text))
    if sys.byteorder != "little":
        values.byteswap()
    return values.tolist()
