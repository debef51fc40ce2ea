"""Models and embeddings."""

from __future__ import annotations

import base64
import hashlib
import math
import struct
from typing import TYPE_CHECKING, Any

from .._app import Route
from .._errors import ApiError, invalid_type
from .._text import count_tokens
from .._wire import Request, Response, json_response, require

if TYPE_CHECKING:
    from .._app import App

# (id, owner); created is a fixed timestamp so listings are stable.
_MODELS = [
    ("gpt-4o", "system"),
    ("gpt-4o-2024-08-06", "system"),
    ("gpt-4o-mini", "system"),
    ("gpt-4.1", "system"),
    ("gpt-4.1-mini", "system"),
    ("o3-mini", "system"),
    ("text-embedding-3-small", "system"),
    ("text-embedding-3-large", "system"),
    ("text-embedding-ada-002", "openai-internal"),
]
_MODEL_CREATED = 1715367049
_EMBEDDING_DIMENSIONS = {
    "text-embedding-3-small": 1536,
    "text-embedding-3-large": 3072,
    "text-embedding-ada-002": 1536,
}


def _model(model_id: str, owner: str) -> dict[str, Any]:
    return {"id": model_id, "object": "model", "created": _MODEL_CREATED, "owned_by": owner}


def list_models(app: App, request: Request) -> Response:
    return json_response({"object": "list", "data": [_model(m, o) for m, o in _MODELS]})


def retrieve_model(app: App, request: Request) -> Response:
    wanted = request.path_params["model"]
    for model_id, owner in _MODELS:
        if model_id == wanted:
            return json_response(_model(model_id, owner))
    raise ApiError(
        404, f"The model '{wanted}' does not exist.", param="model", code="model_not_found"
    )


def delete_model(app: App, request: Request) -> Response:
    model_id = request.path_params["model"]
    if any(model_id == known for known, _ in _MODELS):
        raise ApiError(
            403,
            f"You have insufficient permissions to delete the model '{model_id}'; only fine-tuned "
            "models you own can be deleted.",
            param="model",
        )
    if model_id.startswith("ft:"):
        # Fine-tuned models are not tracked by this server; deleting one always succeeds.
        return json_response({"id": model_id, "object": "model", "deleted": True})
    raise ApiError(
        404, f"The model '{model_id}' does not exist.", param="model", code="model_not_found"
    )


def embedding_vector(text: str, dimensions: int) -> list[float]:
    """A unit vector derived from the text's hash: same text, same vector."""
    values: list[float] = []
    counter = 0
    while len(values) < dimensions:
        digest = hashlib.sha256(f"{counter}:{text}".encode()).digest()
        counter += 1
        for offset in range(0, len(digest), 4):
            (raw,) = struct.unpack_from(">I", digest, offset)
            values.append(raw / 0xFFFFFFFF * 2.0 - 1.0)
    values = values[:dimensions]
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return [round(v / norm, 6) for v in values]


def _inputs(raw: Any) -> list[str]:
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, list) and raw:
        if all(isinstance(item, str) for item in raw):
            return list(raw)
        if all(isinstance(item, int) for item in raw):
            return [" ".join(map(str, raw))]
        if all(isinstance(item, list) for item in raw):
            return [" ".join(map(str, item)) for item in raw]
    if isinstance(raw, list) and not raw:
        raise ApiError(400, "'input' must not be empty.", param="input", code="invalid_value")
    raise invalid_type("input", "a string, an array of strings or an array of token arrays")


def create_embeddings(app: App, request: Request) -> Response:
    body = request.json()
    model = require(body, "model", str)
    texts = _inputs(require(body, "input"))
    dimensions = body.get("dimensions") or _EMBEDDING_DIMENSIONS.get(model, 1536)
    if not isinstance(dimensions, int) or isinstance(dimensions, bool) or dimensions < 1:
        raise invalid_type("dimensions", "a positive integer")
    encoding = body.get("encoding_format") or "float"
    if encoding not in ("float", "base64"):
        raise ApiError(
            400, "Invalid 'encoding_format'.", param="encoding_format", code="invalid_value"
        )
    data = []
    for index, text in enumerate(texts):
        vector = embedding_vector(text, dimensions)
        embedding: Any = vector
        if encoding == "base64":
            embedding = base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode()
        data.append({"object": "embedding", "index": index, "embedding": embedding})
    used = sum(count_tokens(text) for text in texts)
    return json_response(
        {
            "object": "list",
            "data": data,
            "model": model,
            "usage": {"prompt_tokens": used, "total_tokens": used},
        }
    )


ROUTES = [
    Route("GET", "/models", list_models),
    Route("GET", "/models/{model}", retrieve_model),
    Route("DELETE", "/models/{model}", delete_model),
    Route("POST", "/embeddings", create_embeddings),
]
