"""Names and docstrings built from arbitrary spec text are always safe Python."""

from __future__ import annotations

import ast
import keyword

from hypothesis import given
from hypothesis import strategies as st

from codegen.naming import class_name, docstring, identifier, module_name, singular, snake_case
from codegen.schemas import compose


@given(st.text())
def test_docstring_body_always_stays_inside_its_quotes(text: str) -> None:
    body = docstring(text)
    if body is None:
        return
    tree = ast.parse(f'def f():\n    """{body}"""\n')
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef) and len(function.body) == 1
    node = function.body[0]
    assert isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    # nothing but the text's own characters (modulo line ends and surrounding space) comes back
    expected = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    got = node.value.value

    def norm(value: str) -> str:
        return "\n".join(line.rstrip() for line in value.split("\n")).strip()

    assert norm(expected) == norm(got)


@given(st.text(min_size=1))
def test_identifiers_and_class_names_are_valid(text: str) -> None:
    for name in (identifier(text), class_name(text), module_name(text)):
        assert name.isidentifier() and name.isascii()
        assert not keyword.iskeyword(name)


def test_names_people_would_choose() -> None:
    assert class_name("io.k8s.api.core.v1.Pod") == "IoK8sApiCoreV1Pod"
    assert class_name("File--Full") == "FileFull"
    assert class_name("ChatCompletion") == "ChatCompletion"
    assert class_name("123abc") == "N123abc"
    assert class_name("Literal") == "LiteralModel"
    assert identifier("class") == "class_"
    assert identifier("DateCreated<") == "date_created_lt"
    assert identifier("DateCreated>") == "date_created_gt"
    assert identifier("a-b.c") == "a_b_c"
    assert identifier("json", frozenset({"json"})) == "json_"
    assert snake_case("HTTPServerError") == "http_server_error"
    assert (
        singular("choices") == "choice"
        and singular("entries") == "entry"
        and singular("status") == "status"
    )
    assert compose("RealtimeTracing", "TracingConfiguration") == "RealtimeTracingConfiguration"
    assert compose("InputAudio", "InputAudio") == "InputAudioInputAudio"
    assert compose("Pet", "Owner") == "PetOwner"
