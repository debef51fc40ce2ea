"""Shared pieces of the chat helper tests: models, stream builders, event normalisation."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any, List, Union

import pytest
from pydantic import BaseModel

RECORDED = Path(__file__).resolve().parents[4] / "shared" / "recorded" / "chat-completions-sse"
MODEL = "gpt-4o-2024-08-06"
API_KEY = "sk-test-not-a-secret"


def recorded_files() -> list[Path]:
    return sorted(RECORDED.glob("*.sse")) if RECORDED.is_dir() else []


def recorded(name: str) -> bytes:
    path = RECORDED / name
    if not path.is_file():
        pytest.skip(f"recorded stream {name} is absent (../shared not mounted)")
    return path.read_bytes()


# --- the seed's models, and those of the recordings ----------------------------------------------


class Step(BaseModel):
    explanation: str
    output: str


class MathResponse(BaseModel):
    steps: List[Step]
    final_answer: str


class Table(str, Enum):
    orders = "orders"
    customers = "customers"
    products = "products"


class Column(str, Enum):
    id = "id"
    status = "status"
    expected_delivery_date = "expected_delivery_date"
    delivered_at = "delivered_at"
    shipped_at = "shipped_at"
    ordered_at = "ordered_at"
    canceled_at = "canceled_at"


class Operator(str, Enum):
    eq = "="
    gt = ">"
    lt = "<"
    le = "<="
    ge = ">="
    ne = "!="


class OrderBy(str, Enum):
    asc = "asc"
    desc = "desc"


class DynamicValue(BaseModel):
    column_name: str


class Condition(BaseModel):
    column: str
    operator: Operator
    value: Union[str, int, DynamicValue]


class Query(BaseModel):
    table_name: Table
    columns: List[Column]
    conditions: List[Condition]
    order_by: OrderBy


class Location(BaseModel):
    city: str
    temperature: float
    units: str


class GetWeatherArgs(BaseModel):
    city: str
    country: str
    units: str = "c"


class GetStockPrice(BaseModel):
    ticker: str
    exchange: str


# --- building streams ---------------------------------------------------------------------------


def chunk(
    *choices: dict[str, Any],
    id: str = "chatcmpl-test",
    usage: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": id,
        "object": "chat.completion.chunk",
        "created": 1727346000,
        "model": MODEL,
        "system_fingerprint": "fp_test",
        "choices": list(choices),
        **extra,
    }
    if usage is not None:
        body["usage"] = usage
    return body


def choice(
    index: int = 0,
    finish_reason: str | None = None,
    logprobs: dict[str, Any] | None = None,
    **delta: Any,
) -> dict[str, Any]:
    return {"index": index, "delta": delta, "logprobs": logprobs, "finish_reason": finish_reason}


def sse(chunks: Iterable[dict[str, Any]], *, done: bool = True) -> bytes:
    text = "".join(f"data: {json.dumps(item)}\n\n" for item in chunks)
    return (text + ("data: [DONE]\n\n" if done else "")).encode()


def split_every(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


def split_at(data: bytes, cuts: Sequence[int]) -> list[bytes]:
    points = [0, *sorted(set(cuts)), len(data)]
    return [data[a:b] for a, b in itertools.pairwise(points) if b > a]


def text_stream(pieces: Sequence[str], finish_reason: str = "stop") -> list[dict[str, Any]]:
    """The chunks of a one-choice content stream: role chunk, one chunk per piece, finish."""
    items = [chunk(choice(role="assistant", content="", refusal=None))]
    items += [chunk(choice(content=piece)) for piece in pieces]
    items.append(chunk(choice(finish_reason=finish_reason)))
    return items


# --- comparing events ---------------------------------------------------------------------------


def without_nulls(value: Any) -> Any:
    """JSON-like data with null-valued keys dropped: the two SDKs' models differ in which optional
    fields they declare, not in the values present."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def describe(event: Any, *, warnings: bool = True) -> dict[str, Any]:
    """An event as plain data, read when it is emitted (so the snapshot is the one of that time).

    ``warnings=False`` for the official SDK's events: its unparametrized ``ContentDoneEvent``
    warns when serializing a parsed model.
    """
    return without_nulls(event.model_dump(mode="json", warnings=warnings))
