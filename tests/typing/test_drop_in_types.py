"""Type-level drop-in: SDK-style programs (tests/typing/programs) type-check against typed_openai as
they do against the official SDK, with pyright and with mypy (strict). Each checker runs once over
every program twice (as written, and with only the import changed; see drop_in_types.py), the two
side by side, and per checker the diagnostics are compared, as are the types ``reveal_type``
shows.

- As written, against the SDK, the programs are clean: they are valid code for it.
- With the import changed, a checker reports nothing the SDK's side does not, except on lines
  marked ``# typed-only: <reason>`` (deliberately stricter types; each marked line must differ).
- Every revealed type is the SDK's (normalised: ``List[X]`` is ``list[X]``, module paths and a
  TypedDict's keys as mypy spells them left out; a member of an SDK union that has no
  counterpart here by design, as tests/sdk_parity_allowed.txt lists, may be missing), except on
  lines marked ``# differs: <reason>`` (each marked line must differ).
- A line marked ``# known: <id>`` is a difference not fixed yet: the strict xfail ``KNOWN[id]``
  below says why and whose it is, and starts to pass once every line of that id agrees.
"""

from __future__ import annotations

import functools
import inspect
from pathlib import Path

import pytest

from .drop_in_types import (
    CHECKERS,
    Comparison,
    compare,
    differing_type_statements,
    known_lines,
    stricter_lines,
)

KNOWN: dict[str, str] = {}


@pytest.fixture(scope="module")
def comparisons(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Comparison]:
    return compare(tmp_path_factory.mktemp("drop_in_types"))


@pytest.fixture(params=CHECKERS)
def comparison(request: pytest.FixtureRequest, comparisons: dict[str, Comparison]) -> Comparison:
    return comparisons[request.param]


def test_programs_are_valid_for_the_official_sdk(comparison: Comparison) -> None:
    assert len(comparison.programs) >= 12
    assert [str(d) for d in comparison.sdk] == []


def test_typed_openai_reports_nothing_more(comparison: Comparison) -> None:
    allowed = stricter_lines() | set(known_lines())
    unexpected = [str(d) for d in comparison.only_typed() if (d.program, d.line) not in allowed]
    assert unexpected == []


def test_every_marked_difference_still_differs(comparison: Comparison) -> None:
    flagged = {(d.program, d.line) for d in comparison.only_typed()}
    assert sorted(stricter_lines() - flagged) == []


def test_revealed_types_are_the_sdks(comparison: Comparison) -> None:
    assert len(comparison.sdk_revealed) >= 250
    allowed = set(known_lines()).union(*differing_type_statements())
    differing = [
        f"{theirs.program}:{theirs.line} {theirs.type} -> {ours.type if ours else None}"
        for theirs, ours in comparison.revealed_differently()
        if (theirs.program, theirs.line) not in allowed
    ]
    assert differing == []


def test_every_marked_type_still_differs(comparison: Comparison) -> None:
    differing = {(theirs.program, theirs.line) for theirs, _ in comparison.revealed_differently()}
    assert [sorted(lines) for lines in differing_type_statements() if not lines & differing] == []


def test_both_checkers_reveal_every_type(comparisons: dict[str, Comparison]) -> None:
    """Each ``reveal_type`` is compared by both checkers: none is left out of one of them (in a
    function mypy does not check, for one)."""
    places = {
        checker: sorted({(r.program, r.line) for r in result.sdk_revealed})
        for checker, result in comparisons.items()
    }
    assert places["mypy"] == places["pyright"]


def test_known_ids_are_listed() -> None:
    assert sorted(set(known_lines().values()) - set(KNOWN)) == []
    assert sorted(set(KNOWN) - set(known_lines().values())) == []


# Defined only while a difference is listed: a parametrization of nothing would be reported as a
# skipped test.
if KNOWN:

    @pytest.mark.parametrize(
        "known",
        [
            pytest.param(key, marks=pytest.mark.xfail(strict=True, reason=KNOWN[key]))
            for key in KNOWN
        ],
    )
    def test_known_difference(comparisons: dict[str, Comparison], known: str) -> None:
        lines = sorted(place for place, key in known_lines().items() if key == known)
        assert lines
        differing = set().union(*(result.differing_lines() for result in comparisons.values()))
        assert sorted(set(lines) & differing) == []


def test_every_module_client_resource_is_typed() -> None:
    """typed_openai/__init__ types each top-level resource of the module client for type checkers
    (`chat = _default_client().chat` under TYPE_CHECKING; j_chat_types reveals them): one per
    resource of the client, so a resource added later is typed too."""
    import ast

    import typed_openai

    tree = ast.parse(Path(typed_openai.__file__).read_text(encoding="utf-8"))
    typed = {
        node.targets[0].id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Attribute)
        and isinstance(node.value.value, ast.Call)
        and getattr(node.value.value.func, "id", None) == "_default_client"
    }
    client = typed_openai.OpenAI
    resources = {
        name
        for name in dir(client)
        if isinstance(inspect.getattr_static(client, name), functools.cached_property)
        and not name.startswith(("with_", "_"))
    }
    assert len(resources) >= 20
    assert sorted(typed ^ resources) == []


def test_the_import_is_all_that_changes() -> None:
    from .drop_in_types import variant

    source = "import openai\nfrom openai.types import FileObject\nimport httpx\nx = 'openai'\n"
    assert variant(source, "typed_openai") == (
        "import typed_openai as openai\nfrom typed_openai.types import FileObject\n"
        "import httpx\nx = 'openai'\n"
    )
    assert variant(source, "openai") == (
        "import openai\nfrom openai.types import FileObject\nimport httpx2 as httpx\nx = 'openai'\n"
    )
    assert Path(__file__).with_name("programs").is_dir()


def test_revealed_types_are_normalised() -> None:
    from .drop_in_types import normalise_type

    assert normalise_type("List[Dict[str, Type[int]]] | Tuple[int]") == (
        "list[dict[str, type[int]]] | tuple[int]"
    )
    assert normalise_type("a.b._events.ResponseTextDeltaEvent | Foo[x.Y]") == (
        "ResponseTextDeltaEvent | Foo[Y]"
    )
    assert normalise_type("Literal['gpt-4.1']") == "Literal['gpt-4.1']"


def test_mypy_types_are_read_as_pyright_shows_them() -> None:
    from .drop_in_types import normalise_mypy_type

    assert normalise_mypy_type(
        "builtins.list[openai.types.chat.chat_completion.ChatCompletion] | None"
    ) == ("list[ChatCompletion] | None")
    assert normalise_mypy_type("Literal['gpt-4.1', 'a.b'] | typing.Iterator[builtins.bytes]") == (
        "Literal['gpt-4.1', 'a.b'] | Iterator[bytes]"
    )
    nested = (
        "Iterable[TypedDict(x.y.Tool, {'type': Literal['function'], 'function': "
        "TypedDict(x.FunctionDefinition, {'name': str, 'd'?: dict[str, object]})})] | "
        "TypedDict(z.Text, {'text': Literal['{not a brace}']})"
    )
    assert normalise_mypy_type(nested) == "Iterable[Tool] | Text"


def test_members_absent_by_design_are_left_out() -> None:
    from .drop_in_types import absent_by_design, without_members

    absent = absent_by_design()
    assert "ResponseCompactionCompactingEvent" in absent  # a newer SDK's event, listed
    assert "ResponseTextDeltaEvent" not in absent
    names = frozenset({"New"})
    assert without_members("Stream[A | New | B] | New | C", names) == "Stream[A | B] | C"
    assert without_members("New | C | x.New | list[New] | Newer", names) == (
        "C | x.New | list[New] | Newer"
    )
