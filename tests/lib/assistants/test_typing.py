"""The README's ``EventHandler`` (with ``@override``) and stream examples type-check strictly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SAMPLE = Path(__file__).parent / "typing" / "seed_handler.py"


def test_seed_handler_passes_pyright_strict() -> None:
    proc = subprocess.run(
        [
            str(Path(sys.executable).parent / "pyright"),
            "--outputjson",
            "--pythonpath",
            sys.executable,
            str(SAMPLE),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(proc.stdout)
    # the Assistants API is deprecated, as in the SDK: strict mode flags those calls (only those)
    problems = [
        f"{d['range']['start']['line'] + 1}: {d['message']}"
        for d in report["generalDiagnostics"]
        if d["severity"] in ("error", "warning") and d.get("rule") != "reportDeprecated"
    ]
    assert problems == []
    deprecated = [d for d in report["generalDiagnostics"] if d.get("rule") == "reportDeprecated"]
    assert all("is deprecated" in d["message"] for d in deprecated) and deprecated
    assert report["summary"]["filesAnalyzed"] >= 1
