"""Stress test: the whole upstream OpenAI document (`../shared`, skipped cleanly when absent).

Generates a standalone client once per module and checks it is complete (every operation and
schema), named without numbered collisions, lint- and format-clean, importable, and type-clean.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from codegen.naming import class_name
from codegen.pipeline import Options, Result, report, run
from codegen.spec_view import HTTP_METHODS
from tests.support.yaml_files import load_yaml_file

REPO = Path(__file__).resolve().parents[2]
UPSTREAM = REPO.parent / "shared" / "openapi" / "openai-openapi.yaml"
PACKAGE = "upstream_openai"

pytestmark = pytest.mark.skipif(
    not UPSTREAM.exists(), reason="../shared (upstream OpenAI spec) is not present"
)


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return load_yaml_file(UPSTREAM)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    out = tmp_path_factory.mktemp("upstream")
    result = run(Options(spec=UPSTREAM, config=None, package=PACKAGE, out=out, quiet=True))
    return result, out


def _ruff() -> str:
    return str(Path(sys.executable).parent / "ruff")


def test_every_operation_is_generated(generated: tuple[Result, Path], spec: dict[str, Any]) -> None:
    result, _out = generated
    expected = {
        op["operationId"]
        for item in spec["paths"].values()
        for method, op in item.items()
        if method in HTTP_METHODS
    }
    assert len(expected) == 288
    data = report(result)
    assert {op["operationId"] for op in data["operations"]} == expected
    assert all(op["resource_path"] and op["python_method"] for op in data["operations"])
    # the operations openapi-python-client drops are here, with the right shape
    by_id = {op["operationId"]: op for op in data["operations"]}
    assert by_id["createChatCompletion"]["streaming"] is True
    assert by_id["createFile"]["method"] == "POST"
    assert by_id["createAssistant"]["path"] == "/assistants"


def test_every_schema_becomes_a_type(generated: tuple[Result, Path], spec: dict[str, Any]) -> None:
    result, out = generated
    schemas = set(spec["components"]["schemas"])
    assert len(schemas) == 1422
    data = report(result)
    assert {s["schema"] for s in data["schemas"]} == schemas
    # and each one is really defined in the module the report names
    defined: dict[str, set[str]] = {}
    for entry in data["schemas"]:
        module = entry["module"]
        if module not in defined:
            path = out / PACKAGE / Path(*module.split("."))
            file = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
            defined[module] = _top_level_names(file.read_text(encoding="utf-8"))
        assert entry["class"] in defined[module], entry


def _top_level_names(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def test_no_numbered_collision_names(generated: tuple[Result, Path], spec: dict[str, Any]) -> None:
    _result, out = generated
    names: set[str] = set()
    for path in (out / PACKAGE / "types").rglob("*.py"):
        names |= {n for n in _top_level_names(path.read_text(encoding="utf-8")) if n[:1].isupper()}
    assert len(names) > 2000
    # names the spec itself spells with a number (`ImageRefParam-2`) are not collisions
    from_spec = {class_name(n) for n in spec["components"]["schemas"]}
    numbered = sorted(
        n
        for n in names
        if re.search(r"\d+$", n)
        and re.sub(r"\d+$", "", n) in names | {"Type", "Model"}
        and not any(n == s or n.startswith(s) for s in from_spec if re.search(r"\d$", s))
    )
    assert numbered == []
    assert not [n for n in names if n.endswith("_")]


def test_output_is_lint_and_format_clean(generated: tuple[Result, Path]) -> None:
    _result, out = generated
    root = out / PACKAGE
    targets = [str(root / "_generated"), str(root / "types"), str(root / "__init__.py")]
    lint = subprocess.run(
        [_ruff(), "check", "--isolated", "--no-cache", "--select", "E4,E7,E9,F", *targets],
        capture_output=True,
        text=True,
    )
    assert lint.returncode == 0, lint.stdout[-3000:]
    fmt = subprocess.run(
        [
            _ruff(),
            "format",
            "--isolated",
            "--no-cache",
            "--line-length",
            "100",
            "--check",
            *targets,
        ],
        capture_output=True,
        text=True,
    )
    assert fmt.returncode == 0, fmt.stdout[-3000:]


IMPORT_ALL = """
import importlib, json, pkgutil, sys, warnings
warnings.simplefilter("error")
package = sys.argv[1]
root = importlib.import_module(package)
client = root.Client(api_key="k")
client.chat.create_chat_completion  # touch one resource: no model module loads
lazy = [m for m in sys.modules if m.startswith(package + ".types.")]
count = 0
for base in ("types", "_generated.resources"):
    pkg = importlib.import_module(f"{package}.{base}")
    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if hasattr(obj, "model_rebuild"):
                obj.model_rebuild()  # every forward reference resolves
                count += 1
print(json.dumps({"lazy": lazy, "models": count}))
"""


def test_every_module_imports_and_models_resolve(generated: tuple[Result, Path]) -> None:
    _result, out = generated
    proc = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, PACKAGE],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    assert data["lazy"] == []
    assert data["models"] > 1500


def test_pyright_reports_no_errors(generated: tuple[Result, Path]) -> None:
    _result, out = generated
    root = out / PACKAGE
    proc = subprocess.run(
        [
            str(Path(sys.executable).parent / "pyright"),
            "--outputjson",
            "--pythonpath",
            sys.executable,
            str(root / "_generated"),
            str(root / "types"),
            str(root / "__init__.py"),
        ],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=900,
    )
    data = json.loads(proc.stdout)
    errors = [
        f"{d['file']}:{d['range']['start']['line'] + 1}: {d['message']}"
        for d in data["generalDiagnostics"]
        if d["severity"] == "error"
    ]
    assert errors == [], "\n".join(errors[:20])
