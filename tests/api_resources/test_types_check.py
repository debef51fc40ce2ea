"""The conformance check's own rules, on small models (no server)."""

from __future__ import annotations

import pytest

from tests.api_resources._types import assert_matches_type, page_origin
from typed_openai._core import BaseModel, SyncCursorPage, SyncPage
from typed_openai._core._pagination import PageRequest, build_page


class Note(BaseModel):
    text: str

    @property
    def shout(self) -> str:
        return self.text.upper()

    @property
    def broken(self) -> int:
        return "not an int"  # type: ignore[return-value]


def test_a_key_the_model_computes_is_modelled_by_its_property() -> None:
    assert_matches_type(Note, Note.model_validate({"text": "hi", "shout": "sent anyway"}))


def test_a_key_neither_field_nor_property_is_unmodelled() -> None:
    with pytest.raises(AssertionError, match=r"fields not in the model: \['other'\]"):
        assert_matches_type(Note, Note.model_validate({"text": "hi", "shout": "x", "other": 1}))


def test_a_computed_value_is_checked_against_the_property_type() -> None:
    with pytest.raises(AssertionError, match=r"result\.broken: expected an integer"):
        assert_matches_type(Note, Note.model_validate({"text": "hi", "broken": 3}))


def _page(body: dict[str, object], page_cls: type = SyncCursorPage[Note]) -> object:
    data = [Note.model_validate(item) for item in body["data"]]  # type: ignore[attr-defined]
    request = PageRequest("GET", "/notes", {}, None, None, None)
    return build_page(page_cls, body, data, item_type=Note, request=request, requester=None)


def test_a_page_is_checked_field_by_field_its_extras_kept() -> None:
    # `object`, `first_id`: the list response's other keys, which a page keeps as extras
    body = {"object": "list", "data": [{"text": "a"}], "first_id": "n1", "has_more": False}
    assert_matches_type(SyncCursorPage[Note], _page(body))
    assert page_origin(SyncCursorPage[Note]) is SyncCursorPage
    assert page_origin(Note) is None and page_origin(SyncCursorPage) is None


def test_a_page_item_that_does_not_match_fails() -> None:
    body = {"data": [{"text": "a"}, {"text": "b", "other": 1}], "has_more": False}
    with pytest.raises(AssertionError, match=r"result\.data\[1\]: fields not in the model"):
        assert_matches_type(SyncCursorPage[Note], _page(body))


def test_a_page_field_of_the_wrong_type_fails() -> None:
    with pytest.raises(AssertionError, match=r"result\.has_more: expected bool, got str"):
        assert_matches_type(SyncCursorPage[Note], _page({"data": [], "has_more": "yes"}))


def test_a_page_of_another_class_or_item_type_fails() -> None:
    body = {"object": "list", "data": [{"text": "a"}]}
    with pytest.raises(AssertionError, match=r"expected SyncCursorPage\[Note\], got SyncPage"):
        assert_matches_type(SyncCursorPage[Note], _page(body, SyncPage[Note]))
    with pytest.raises(AssertionError, match=r"expected SyncPage\[int\], got SyncPage\[Note\]"):
        assert_matches_type(SyncPage[int], _page(body, SyncPage[Note]))
