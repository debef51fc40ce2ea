"""The conformance check's own rules, on small models (no server)."""

from __future__ import annotations

import pytest

from tests.api_resources._types import assert_matches_type
from typed_openai._core import BaseModel


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
