"""Sentinels, the wire transform of params, and file inputs (unit level; HTTP in test_engine)."""

from __future__ import annotations

import copy
import datetime as dt
import enum
import io
import pickle
from pathlib import Path
from typing import TypedDict

import pytest

from typed_openai._core import NOT_GIVEN, BaseModel, NotGiven, Omit, RequestOptions, file_from_path
from typed_openai._core._files import to_form_fields, to_httpx_files
from typed_openai._core._transform import to_wire
from typed_openai._core._urls import flatten_query


def test_not_given_is_falsy_and_every_instance_is_left_out() -> None:
    """Not a singleton (as in the official SDK, tests/drop_in/test_not_given.py): a new, copied
    or unpickled instance is still an argument left out, of the body as of the query."""
    fresh = [NotGiven(), copy.deepcopy(NOT_GIVEN), pickle.loads(pickle.dumps(NOT_GIVEN))]
    assert not any(value is NOT_GIVEN for value in fresh)
    assert not NOT_GIVEN and repr(NOT_GIVEN) == "NOT_GIVEN"
    assert to_wire({"a": 1, **{f"k{i}": value for i, value in enumerate(fresh)}}) == {"a": 1}
    assert flatten_query({"a": 1, "b": fresh[0], "c": fresh[2]}) == [("a", "1")]


def test_omit_is_falsy_and_compares_equal() -> None:
    assert not Omit()
    assert Omit() == Omit()
    assert repr(Omit()) == "Omit()"


def test_request_options_accepts_not_given_everywhere() -> None:
    options = RequestOptions(
        extra_headers=NOT_GIVEN, extra_query=NOT_GIVEN, extra_body=NOT_GIVEN, timeout=NOT_GIVEN
    )  # type: ignore[arg-type]
    assert (
        options.extra_headers is None and options.extra_query is None and options.extra_body is None
    )
    assert options.timeout is NOT_GIVEN


class MessageParam(TypedDict, total=False):
    role: str
    content: str


class Colour(enum.Enum):
    RED = "red"


class Point(BaseModel):
    x: int
    y: int = 0


def test_to_wire_drops_sentinels_and_converts_values() -> None:
    params: dict[str, object] = {
        "messages": [MessageParam(role="user", content="hi")],
        "gone": NOT_GIVEN,
        "omitted": Omit(),
        "none": None,
        "at": dt.datetime(2024, 1, 2, 3, 4, 5),
        "date": dt.date(2024, 1, 2),
        "tuple": (1, 2),
        "set": frozenset({"only"}),
        "generator": (i * 2 for i in range(3)),
        "model": Point(x=1),
        "nested": {"deep": [{"keep": 1, "drop": NOT_GIVEN}]},
        "bytes": b"raw",
        "enum": Colour.RED,
    }
    assert to_wire(params) == {
        "messages": [{"role": "user", "content": "hi"}],
        "none": None,
        "at": "2024-01-02T03:04:05",
        "date": "2024-01-02",
        "tuple": [1, 2],
        "set": ["only"],
        "generator": [0, 2, 4],
        "model": {"x": 1},
        "nested": {"deep": [{"keep": 1}]},
        "bytes": b"raw",
        "enum": "red",
    }


def test_to_wire_keeps_keys_unchanged_and_scalars_identical() -> None:
    data = {"camelCase": 1, "with-dash": "x", "$ref": True}
    assert to_wire(data) == data
    text = "same object"
    assert to_wire(text) is text


def test_flatten_query_formats() -> None:
    query = {"a": [1, 2], "b": {"c": None}, "d": NOT_GIVEN, "e": False, "f": None}
    # None has no query form: left out, as the official SDK does (an empty string is sent as is)
    assert flatten_query(query) == [("a", "1"), ("a", "2"), ("e", "false")]
    assert flatten_query({"l": [1, None, 2], "g": ""}) == [("l", "1"), ("l", "2"), ("g", "")]
    assert flatten_query(query, "brackets")[:2] == [("a[]", "1"), ("a[]", "2")]
    # a parameter the spec itself names `a[]` is not bracketed twice
    assert flatten_query({"a[]": ["x", "y"]}, "brackets") == [("a[]", "x"), ("a[]", "y")]
    assert flatten_query(query, "comma")[0] == ("a", "1,2")
    assert flatten_query({"t": dt.date(2024, 5, 1), "g": (x for x in "ab")}) == [
        ("t", "2024-05-01"),
        ("g", "a"),
        ("g", "b"),
    ]


def test_file_inputs_become_httpx_entries(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(b"on disk")
    handle = io.BytesIO(b"in memory")
    entries = to_httpx_files(
        {
            "bytes": b"x",
            "path": path,
            "fileobj": handle,
            "named": ("n.txt", b"y"),
            "typed": ("t.json", b"{}", "application/json"),
            "headers": ("h.txt", b"z", "text/plain", {"X-Part": "1"}),
            "unnamed_tuple": (None, path),
            "list": [b"1", b"2"],
            "skip": NOT_GIVEN,
        }
    )
    by_key: dict[str, list[object]] = {}
    for key, entry in entries:
        by_key.setdefault(key, []).append(entry)
    assert by_key["bytes"] == [("upload", b"x", None)]
    assert by_key["path"] == [("data.bin", b"on disk", None)]
    assert by_key["fileobj"] == [("upload", handle, None)]
    assert by_key["named"] == [("n.txt", b"y", None)]
    assert by_key["typed"] == [("t.json", b"{}", "application/json")]
    assert by_key["headers"] == [("h.txt", b"z", "text/plain", {"X-Part": "1"})]
    # a tuple's filename is the one given, None too (a part without one, as httpx and the
    # official SDK send it): not the path's own name
    assert by_key["unnamed_tuple"] == [(None, b"on disk", None)]
    assert len(by_key["list[]"]) == 2 and "list" not in by_key  # array items: `name[]`
    assert "skip" not in by_key
    # None is not "no file" (that is leaving the argument out): an error naming the argument
    with pytest.raises(TypeError, match="`mask`"):
        to_httpx_files({"image": b"x", "mask": None})


def test_any_iterable_of_files_but_a_tuple_is_several_parts() -> None:
    # generated signatures take Iterable[FileTypes] (e.g. images.edit(image=[...])); a tuple stays
    # one file given with its name
    entries = to_httpx_files(
        {
            "gen": (content for content in (b"1", b"2", b"3")),
            "tuple": ("one.png", b"png"),
        }
    )
    assert [entry for key, entry in entries if key == "gen[]"] == [
        ("upload", b"1", None),
        ("upload", b"2", None),
        ("upload", b"3", None),
    ]
    assert [entry for key, entry in entries if key == "tuple"] == [("one.png", b"png", None)]


def test_bad_file_input_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="file `file` as bytes, a path"):
        to_httpx_files({"file": "a string is not a file"})  # type: ignore[dict-item]


def test_file_from_path(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    assert file_from_path(path) == ("a.txt", b"abc")
    assert file_from_path(str(path)) == ("a.txt", b"abc")


def test_form_fields_flatten_nested_values() -> None:
    assert to_form_fields({"a": 1, "b": [1, 2], "c": {"d": True}, "e": None, "f": NOT_GIVEN}) == {
        "a": "1",
        "b[]": ["1", "2"],
        "c[d]": "true",
    }
