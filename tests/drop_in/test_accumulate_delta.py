"""``lib.streaming._deltas.accumulate_delta`` against the official SDK's function of that path:
the same merged data, or the same kind of error, for each pair of data-so-far and delta."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from typed_openai.lib.streaming._deltas import accumulate_delta

CASES: list[tuple[dict[str, Any], dict[str, Any]]] = [
    ({}, {"role": "assistant", "content": ""}),
    ({"content": "Hel"}, {"content": "lo", "refusal": None}),
    ({"content": None}, {"content": "x"}),
    ({"content": "x"}, {"content": None}),
    ({"n": 1}, {"n": 2}),
    ({"f": 1.5}, {"f": 2}),
    ({"b": True}, {"b": False}),
    ({"s": "a"}, {"s": 1}),
    ({"n": 1}, {"n": "2"}),
    ({"s": "a"}, {"s": ["x"]}),
    ({"d": {"a": 1}}, {"d": "str"}),
    ({"d": {}}, {"d": [1]}),
    ({"type": "function"}, {"type": "custom"}),
    ({"type": "a"}, {"type": {"x": 1}}),
    ({"index": 1}, {"index": 1}),
    ({"index": [1]}, {"index": "x"}),
    ({"d": {"a": "x", "n": None}}, {"d": {"a": "y", "n": "z", "t": [1]}}),
    ({"l": [1, 2]}, {"l": [3]}),
    ({"l": ["a"]}, {"l": "b"}),
    ({"l": None}, {"l": [{"index": 0, "x": "b"}]}),
    ({"l": []}, {"l": [{"index": 1, "x": "b"}, {"index": 1, "x": "c"}]}),
    ({"l": [1]}, {"l": [{"index": 0, "x": "b"}]}),
    ({"l": [{"index": 0, "x": "a"}]}, {"l": [{"index": 0, "x": "b"}, {"index": 2, "x": "c"}]}),
    ({"l": [{"index": 0, "x": "a"}, {"index": 2, "x": "c"}]}, {"l": [{"index": 1, "x": "b"}]}),
    ({"l": [{"index": 0, "x": "a"}]}, {"l": [{"index": 5, "x": "b"}]}),
    ({"l": [{"index": 0, "x": "a"}]}, {"l": [{"index": True, "x": "b"}]}),
    ({"l": [{"index": 0, "s": [1]}]}, {"l": [{"index": 0, "s": [2]}]}),
    ({"l": [{"index": 0, "type": "a"}]}, {"l": [{"index": 0, "type": "b"}]}),
    ({"l": [{"index": 0, "x": "a"}]}, {"l": [7]}),
    ({"l": [[1]]}, {"l": [[2]]}),
    ({"l": [{"x": "a"}]}, {"l": [{"x": "b"}]}),
    ({"l": [{"index": 0, "x": "a"}]}, {"l": [{"index": "0", "x": "b"}]}),
    ({"l": [None]}, {"l": [{"index": 0}]}),
    ({"l": [{"index": 0}, "a"]}, {"l": [{"index": 1}]}),
]


def merged(accumulate: Any, acc: dict[str, Any], delta: dict[str, Any]) -> Any:
    try:
        return accumulate(copy.deepcopy(acc), copy.deepcopy(delta))
    except Exception as error:
        return type(error).__name__


@pytest.mark.parametrize(("acc", "delta"), CASES)
def test_accumulate_delta_agrees_with_the_sdk(acc: dict[str, Any], delta: dict[str, Any]) -> None:
    from openai.lib.streaming._deltas import accumulate_delta as official

    assert merged(accumulate_delta, acc, delta) == merged(official, acc, delta)


def test_accumulate_delta_merges_in_place_and_gives_lists_their_own_copy() -> None:
    acc: dict[str, Any] = {"content": "a"}
    delta = {"tool_calls": [{"index": 0, "id": "c"}]}
    assert accumulate_delta(acc, delta) is acc
    assert acc["tool_calls"] == delta["tool_calls"]
    assert acc["tool_calls"] is not delta["tool_calls"]
