"""The types a helper declares (`returns:`, an argument's `type:` / `also:`): parsed once into
`DeclaredType`s, and a bad one is a config error naming the helper and the problem."""

from __future__ import annotations

from typing import Any

import pytest

from codegen.config import parse_config
from codegen.errors import GeneratorError
from codegen.ir import DeclaredType

WHERE = "/resources/pets/helpers/walk"


def _helper(**entry: Any) -> dict[str, Any]:
    helper = {"wraps": "create", "impl": "lib.pets:walk", "returns": {"response": True}, **entry}
    return {
        "resources": {"pets": {"methods": {"create": "createPet"}, "helpers": {"walk": helper}}}
    }


def _parsed(**entry: Any) -> Any:
    return parse_config(_helper(**entry)).resources["pets"].helpers["walk"]


def test_each_form_of_a_type_parses_into_its_fields() -> None:
    helper = _parsed(
        returns={
            "name": "Manager",
            "async_twin": True,
            "of": ["T", {"name": "Handler", "async_twin": True}, {"response": True}],
        },
        retype={"size": {"also": "type[T]"}, "tag": "str | None"},
        add={
            "handler": {
                "type": {"name": "Handler", "async_twin": True},
                "nullable": True,
                "default": None,
                "doc": "Events.",
            }
        },
    )
    assert helper.returns == DeclaredType(
        "Manager",
        True,
        (DeclaredType("T"), DeclaredType("Handler", True), DeclaredType(response=True)),
    )
    assert helper.retype["size"].type == DeclaredType("type[T]")
    assert helper.retype["size"].also
    assert helper.retype["tag"].type == DeclaredType("str | None")
    assert not helper.retype["tag"].also
    handler = helper.add["handler"]
    assert handler.type == DeclaredType("Handler", True) and handler.nullable
    assert handler.default == "None"


BAD = [
    # the placeholders the structured forms replaced
    ({"returns": "{response}"}, "/returns", "placeholders"),
    ({"returns": "{Async}Manager[T]"}, "/returns", "placeholders"),
    ({"retype": {"size": "{type} | list[str]"}}, "/retype/size", "placeholders"),
    ({"returns": "list[int"}, "/returns", "not a Python type expression"),
    ({"returns": {"name": "Manager[T]", "async_twin": True}}, "/returns/name", "class name"),
    ({"returns": {"name": "Manager", "twin": True}}, "/returns", "unknown keys ['twin']"),
    ({"returns": {"response": True, "name": "X"}}, "/returns", "stands alone"),
    ({"returns": {"name": "M", "of": [{"response": "yes"}]}}, "/returns/of/0", "stands alone"),
    ({"returns": 3}, "/returns", "a type is"),
    ({"retype": {"size": {"type": "int", "also": "str"}}}, "/retype/size", "one of them"),
    (
        {"add": {"n": {"also": "int", "type": "int", "doc": "N."}}},
        "/add/n",
        "unknown keys ['also']",
    ),
    (
        {"wraps": None, "returns": {"name": "list", "of": [{"response": True}]}},
        "/returns",
        "needs `wraps`",
    ),
]


@pytest.mark.parametrize(("entry", "place", "problem"), BAD)
def test_a_bad_declared_type_is_a_config_error_at_its_place(
    entry: dict[str, Any], place: str, problem: str
) -> None:
    with pytest.raises(GeneratorError) as caught:
        parse_config(_helper(**entry))
    assert caught.value.diagnostic.code == "config-invalid"
    assert caught.value.diagnostic.pointer == WHERE + place
    assert problem in caught.value.diagnostic.message


HINTS = [
    # each placeholder's hint names the form that replaced it; `also:` only where it applies
    ({"returns": "{response}"}, "{response: true}", "also:"),
    ({"returns": "{Async}Manager[T]"}, "async_twin: true", "also:"),
    ({"returns": "list[{type}]"}, "codegen/README.md", "also:"),
    ({"retype": {"size": "{type} | list[str]"}}, "also: <type>", "{response: true}"),
    ({"retype": {"size": {"type": "{type} | int"}}}, "also: <type>", "async_twin"),
    ({"add": {"n": {"type": "{type}", "doc": "N."}}}, "codegen/README.md", "also:"),
]


@pytest.mark.parametrize(("entry", "named", "not_named"), HINTS)
def test_a_placeholder_hint_names_only_the_forms_that_apply_there(
    entry: dict[str, Any], named: str, not_named: str
) -> None:
    with pytest.raises(GeneratorError) as caught:
        parse_config(_helper(**entry))
    hint = caught.value.diagnostic.hint
    assert named in hint
    assert not_named not in hint
