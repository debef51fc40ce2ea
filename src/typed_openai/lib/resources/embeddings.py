"""Body of ``embeddings.create()`` (config `overrides: true`): without an ``encoding_format`` it asks
for base64 (a quarter of the bytes of a JSON float list) and hands back lists of floats, as the
official SDK does; with one it sends it and returns the answer as it came."""

from __future__ import annotations

import base64
import sys
from array import array
from typing import TYPE_CHECKING, Any, Union

from typed_openai._core import NotGiven, with_post_parse
from typed_openai.lib._steps import Steps, sync_or_async
from typed_openai.lib.resources._seams import is_async

if TYPE_CHECKING:
    from typed_openai._generated.resources.embeddings import AsyncEmbeddings, Embeddings
    from typed_openai.types.create_embedding_response import CreateEmbeddingResponse

__all__ = ["create", "decode_base64_embeddings", "decode_float32"]

_Embeddings = Union["Embeddings", "AsyncEmbeddings"]


@sync_or_async
def create(
    embeddings: _Embeddings, *, encoding_format: Any, **arguments: Any
) -> Steps[CreateEmbeddingResponse]:
    from typed_openai._generated.resources import embeddings as generated

    # the generated method itself: `embeddings.create` is the helper class's override (this)
    generated_class: Any = (
        generated.AsyncEmbeddings if is_async(embeddings) else generated.Embeddings
    )
    plain = generated_class.create
    if not isinstance(encoding_format, NotGiven):
        return (yield plain(embeddings, encoding_format=encoding_format, **arguments))
    response = yield plain(embeddings, encoding_format="base64", **arguments)
    # under `with_raw_response` / `with_streaming_response` it decodes on `.parse()`
    return with_post_parse(response, decode_base64_embeddings)


def decode_base64_embeddings(response: CreateEmbeddingResponse) -> CreateEmbeddingResponse:
    """Each embedding that came as base64 text, as its list of floats (in place). A list (a server
    that ignored ``encoding_format``) is left as it is."""
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
