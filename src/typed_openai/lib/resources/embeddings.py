"""Body of ``embeddings.create()`` (config `overrides: true`): without an ``encoding_format`` it asks
for base64 (a quarter of the bytes of a JSON float list) and hands back lists of floats, as the
official SDK does; with one it sends it and returns the answer as it came."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Union

from typed_openai._core import left_out, with_post_parse
from typed_openai.lib._embeddings import decode_base64_embeddings
from typed_openai.lib._steps import Steps, sync_or_async
from typed_openai.lib.resources._seams import is_async

if TYPE_CHECKING:
    from typed_openai._generated.resources.embeddings import AsyncEmbeddings, Embeddings
    from typed_openai.types.create_embedding_response import CreateEmbeddingResponse

__all__ = ["create"]

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
    if not left_out(encoding_format):
        return (yield plain(embeddings, encoding_format=encoding_format, **arguments))
    response = yield plain(embeddings, encoding_format="base64", **arguments)
    # under `with_raw_response` / `with_streaming_response` it decodes on `.parse()`
    return with_post_parse(response, decode_base64_embeddings)
