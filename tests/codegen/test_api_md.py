"""`api.md` is regenerated with the code and lists every resource, method and public type."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from codegen.ir import walk
from codegen.pipeline import REPO_ROOT, Options, Result, run

API_MD = REPO_ROOT / "api.md"


@pytest.fixture(scope="module")
def checked() -> Result:
    # --check: compares every generated file, api.md included, without writing
    return run(
        Options(
            spec=REPO_ROOT / "spec" / "openapi.yml",
            config=REPO_ROOT / "spec" / "config.yml",
            check=True,
            quiet=True,
        )
    )


def test_api_md_is_up_to_date(checked: Result) -> None:
    assert "api.md" not in checked.changes.differing()
    assert checked.files  # the run rendered the package too


def test_every_method_and_helper_has_one_line(checked: Result) -> None:
    text = API_MD.read_text(encoding="utf-8")
    lines = re.findall(
        r'^- <code title="([^"]*)">(client\.[\w.]+)\.<a href="\./([^"]+)">(\w+)</a>', text, re.M
    )
    listed = {(call, name) for _title, call, _href, name in lines}
    expected = set()
    for node in walk(checked.api.root):
        if node.path and node.alias_of is None:
            call = "client." + ".".join(node.path)
            expected |= {(call, op.method_name) for op in node.operations}
            expected |= {(call, h.name) for h in node.helpers}
    assert listed == expected
    assert len(lines) == len(expected)
    for _title, _call, href, _name in lines:
        assert (REPO_ROOT / href).is_file(), href
    # a helper says which method it wraps
    assert any(t.startswith("helper: wraps create()") and n == "parse" for t, _c, _h, n in lines)


def test_every_public_type_is_listed(checked: Result) -> None:
    text = API_MD.read_text(encoding="utf-8")
    listed = set(re.findall(r"^    (\w+),$", text, re.M))
    public = {d.name for d in checked.api.defs.values()} | {
        p.name for p in checked.api.params.values()
    }
    # a name two modules of one package define is listed with its module, as it is importable
    # from that module only (as in the official SDK)
    assert sorted(public - listed) == []
    assert "ChatCompletion" in listed and "ParsedChatCompletion" in listed


def test_check_reports_a_stale_api_md(tmp_path: Path) -> None:
    config = tmp_path / "config.yml"
    config.write_text(
        (REPO_ROOT / "spec" / "config.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    # the config names this facts file by a path relative to itself
    shutil.copyfile(REPO_ROOT / "spec" / "sdk_names.yml", tmp_path / "sdk_names.yml")
    root = tmp_path / "repo"
    (root / "src" / "typed_openai").mkdir(parents=True)
    (root / "spec").mkdir()
    # read from the root
    for facts in (
        "sdk_names.yml",
        "sdk_class_names.yml",
        "sdk_copies.yml",
        "sdk_param_aliases.yml",
    ):
        (root / "spec" / facts).write_bytes((REPO_ROOT / "spec" / facts).read_bytes())
    (root / "api.md").write_text("stale\n", encoding="utf-8")
    result = run(
        Options(
            spec=REPO_ROOT / "spec" / "openapi.yml",
            config=config,
            check=True,
            quiet=True,
            root=root,
            format=False,
        )
    )
    assert "api.md" in result.changes.differing()
