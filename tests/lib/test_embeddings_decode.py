"""`embeddings.create()` without `encoding_format` asks for base64 and decodes each embedding
(lib/resources/embeddings.py, the decoding in lib/_embeddings.py); the wire and the SDK comparison are in
tests/drop_in/test_real_world_apps.py (test_embeddings_default_wire*)."""

from __future__ import annotations

import base64
import struct
from typing import Any

import pytest

from typed_openai._core._models import parse_value
from typed_openai.lib import _embeddings as embeddings
from typed_openai.lib._embeddings import decode_base64_embeddings, decode_float32
from typed_openai.types.create_embedding_response import CreateEmbeddingResponse


def _packed(fmt: str, *values: float) -> str:
    return base64.b64encode(struct.pack(fmt, *values)).decode()


def _response(*vectors: Any) -> CreateEmbeddingResponse:
    # as a call parses the answer: leniently, a base64 string stays a string
    return parse_value(
        CreateEmbeddingResponse,
        {
            "object": "list",
            "data": [
                {"object": "embedding", "index": i, "embedding": v} for i, v in enumerate(vectors)
            ],
            "model": "m",
            "usage": {"prompt_tokens": 1, "total_tokens": 1},
        },
    )


def test_little_endian_float32_whatever_the_machine() -> None:
    values = [0.25, -2.0, 1.5, 3.4028234663852886e38]
    assert decode_float32(_packed("<4f", *values)) == values
    # big-endian bytes are not what the API sends: read as little-endian they are other numbers
    assert decode_float32(_packed(">f", 0.25)) != [0.25]


def test_on_a_big_endian_machine_the_bytes_are_swapped(monkeypatch: pytest.MonkeyPatch) -> None:
    # `array` reads native order: on a big-endian machine the little-endian values are swapped
    monkeypatch.setattr(embeddings.sys, "byteorder", "big")
    swapped = decode_float32(_packed("<f", 0.25))
    assert swapped == list(struct.unpack(">f", struct.pack("<f", 0.25)))


def test_float32_precision_is_what_the_server_sent() -> None:
    # 0.1 is not a float32: the decoded value is the float32 nearest to it, as the SDK's numpy path
    (value,) = decode_float32(_packed("<f", 0.1))
    assert value == struct.unpack("<f", struct.pack("<f", 0.1))[0] != 0.1


def test_empty() -> None:
    assert decode_float32("") == []
    decoded = decode_base64_embeddings(_response(""))
    assert decoded.data[0].embedding == []


def test_each_base64_embedding_decoded_in_place() -> None:
    response = _response(_packed("<2f", 1.0, -1.0), _packed("<f", 0.5))
    assert decode_base64_embeddings(response) is response
    assert [d.embedding for d in response.data] == [[1.0, -1.0], [0.5]]


def test_a_float_answer_when_base64_was_asked_for_is_left_alone() -> None:
    # a server (or proxy) that ignores encoding_format answers with floats: kept as they came
    response = _response([0.25, 0.5], _packed("<f", 2.0))
    assert [d.embedding for d in decode_base64_embeddings(response).data] == [[0.25, 0.5], [2.0]]


def test_bytes_that_are_no_float32_raise() -> None:
    with pytest.raises(ValueError):
        decode_float32(base64.b64encode(b"abc").decode())


@pytest.mark.parametrize("client_class", ["OpenAI", "AsyncOpenAI"])
def test_the_docstring_says_what_leaving_encoding_format_out_does(client_class: str) -> None:
    """The spec's wire default (`float`) is not this method's: left out, base64 is asked for."""
    import inspect

    import typed_openai

    client = getattr(typed_openai, client_class)(api_key="sk", base_url="http://127.0.0.1:9")
    doc = inspect.getdoc(client.embeddings.create) or ""
    line = doc[doc.index("encoding_format:") :].split("\n\n")[0]
    assert "Default: `'float'`" not in line
    assert "'base64'" in line and "decodes" in line


def test_an_answer_without_embeddings_is_a_value_error() -> None:
    # as the official SDK's decoding step: only when `encoding_format` was left out (decoding)
    with pytest.raises(ValueError, match="no embedding"):
        decode_base64_embeddings(_response())
