"""The corpus (tests/codegen/corpus/specs, see its README): each spec generated, imported,
type-checked, and driven against a Prism mock of itself with request validation on.

`nox -s corpus` runs every spec; the default test run (CI) runs FAST_SUBSET."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from codegen.loader import Loader
from tests.codegen import _gen
from tests.codegen.corpus.drive import SpecReport, drive
from tests.support.prism import running_prism

SPECS = Path(__file__).parent / "specs"
ALL = sorted(p.stem for p in SPECS.glob("*.yml"))
FAST_SUBSET = ["inference", "payments"]
CHOSEN = ALL if os.environ.get("CORPUS") == "all" else FAST_SUBSET

pytestmark = pytest.mark.prism


@pytest.mark.parametrize("name", CHOSEN)
def test_every_operation_works_against_a_mock_of_its_spec(name: str, tmp_path: Path) -> None:
    spec = SPECS / f"{name}.yml"
    result, package, out = _gen.generate(tmp_path, spec, package=f"corpus_{name}")
    pkg = _gen.load(out, package)
    try:
        with running_prism(spec) as base_url:
            report = drive(result.api, pkg, Loader.from_path(spec), base_url, name)
    finally:
        _gen.unload(package, out)
    _print(report)
    failing = [o for o in report.outcomes if o.status not in ("ok", "skipped")]
    assert not failing, "\n".join(f"{o.operation}: {o.status}: {o.detail}" for o in failing)
    assert report.count("ok") >= len(report.outcomes) - report.count("skipped") > 0


@pytest.mark.parametrize("name", CHOSEN)
def test_generated_client_type_checks(name: str, tmp_path: Path) -> None:
    spec = SPECS / f"{name}.yml"
    _result, package, out = _gen.generate(tmp_path, spec, package=f"corpus_{name}")
    proc = subprocess.run(
        [
            str(Path(sys.executable).parent / "pyright"),
            "--pythonpath",
            sys.executable,
            f"{package}/_generated",
            f"{package}/__init__.py",
        ],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:]


def _print(report: SpecReport) -> None:
    lines = [report.row()]
    lines += [
        f"    {o.operation}: {o.status} {o.detail}" for o in report.outcomes if o.status != "ok"
    ]
    sys.stdout.write("\n".join(lines) + "\n")
