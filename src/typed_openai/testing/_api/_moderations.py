"""Moderations: a small keyword classifier over the categories the spec lists.

Each input (a string, strings, or text/image parts) gets a result: a category is flagged when
the text holds one of its words, its score is high then and low otherwise; image parts are
judged by their text neighbours only. The category names come from the response schema, so
the answer follows the spec.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from .._app import Route
from .._errors import invalid_type
from .._ids import new_id
from .._wire import Request, Response, json_response, require

if TYPE_CHECKING:
    from .._app import App

# words that flag a category (and, through the name's prefix, its parent: "violence/graphic"
# also flags "violence")
_WORDS = {
    "violence": ("kill", "attack", "shoot", "stab", "murder"),
    "violence/graphic": ("gore", "blood everywhere"),
    "harassment": ("idiot", "loser", "stupid"),
    "harassment/threatening": ("i will hurt you", "watch your back"),
    "hate": ("vermin",),
    "self-harm": ("hurt myself", "end my life"),
    "illicit": ("steal", "counterfeit"),
}


def create_moderation(app: App, request: Request) -> Response:
    body = request.json()
    texts = _texts(require(body, "input"))
    categories = _categories(app)
    results = [_result(text, categories) for text in texts]
    model = body.get("model") or "omni-moderation-latest"
    return json_response({"id": new_id("modr"), "model": model, "results": results})


def _texts(raw: Any) -> list[tuple[str, bool]]:
    """(text, has an image) per input."""
    if isinstance(raw, str):
        return [(raw, False)]
    if isinstance(raw, list) and all(isinstance(item, str) for item in raw):
        return [(item, False) for item in raw]
    if isinstance(raw, list) and all(isinstance(item, dict) for item in raw):
        text = " ".join(str(p.get("text", "")) for p in raw if p.get("type") == "text")
        return [(text, any(p.get("type") == "image_url" for p in raw))]
    raise invalid_type("input", "a string, an array of strings or an array of content parts")


def _categories(app: App) -> dict[str, list[str]]:
    """Category name -> the input kinds it may apply to, from the response schema."""
    for operation in app.facts.operations:
        if operation.method == "POST" and operation.path == "/moderations":
            response, _ = app.facts.object_shape(operation.responses.get("application/json"))
            item = app.facts.resolve(response.get("results", {})).get("items")
            properties, _ = app.facts.object_shape(item)
            applied, _ = app.facts.object_shape(properties.get("category_applied_input_types"))
            return {
                name: list(app.facts.resolve(kinds).get("items", {}).get("enum") or ["text"])
                for name, kinds in sorted(applied.items())
            }
    return {name: ["text"] for name in sorted(_WORDS)}


def _hits(text: str) -> set[str]:
    """The categories ``text`` holds a word of (a subcategory flags its parent too)."""
    lowered = text.lower()
    hits = {name for name, words in _WORDS.items() if any(w in lowered for w in words)}
    return hits | {name.split("/")[0] for name in hits}


def is_flagged(text: str) -> bool:
    """Whether a moderation of ``text`` flags it (other endpoints refuse such prompts)."""
    return bool(_hits(text))


def _result(entry: tuple[str, bool], categories: dict[str, list[str]]) -> dict[str, Any]:
    text, has_image = entry
    hits = _hits(text)
    flags = {name: name in hits for name in categories}
    return {
        "flagged": any(flags.values()),
        "categories": flags,
        "category_scores": {name: _score(text, name, flags[name]) for name in categories},
        "category_applied_input_types": {
            name: [k for k in kinds if k == "text" or (has_image and k == "image")]
            for name, kinds in categories.items()
        },
    }


def _score(text: str, name: str, flagged: bool) -> float:
    jitter = int(hashlib.sha256(f"{name}|{text}".encode()).hexdigest()[:4], 16) / 0xFFFF
    return round(0.85 + 0.1 * jitter, 6) if flagged else round(0.0001 + 0.01 * jitter, 6)


ROUTES = [Route("POST", "/moderations", create_moderation)]
