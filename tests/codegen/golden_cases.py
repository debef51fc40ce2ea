"""The golden cases: small specs whose whole generated output is committed under golden/<case>/."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from codegen.pipeline import Options, run

HERE = Path(__file__).parent
SPECS = HERE / "specs"
GOLDEN = HERE / "golden"

# case -> (spec, config or None)
CASES: dict[str, tuple[Path, Path | None]] = {
    "petstore": (SPECS / "petstore.yml", SPECS / "petstore.config.yml"),
    "features": (
        SPECS / "features.yml",
        SPECS / "features.config.yml",
    ),  # SSE, envelope, multipart, binary
    "realworld": (SPECS / "realworld" / "realworld.yml", None),  # unions, recursion, content types
}


def render_case(case: str) -> dict[str, str]:
    """The generated files of one case (without the copied `_core`), path -> text."""
    spec, config = CASES[case]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        package = f"golden_{case}"
        run(Options(spec=spec, config=config, package=package, out=out, quiet=True))
        root = out / package
        return {
            p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(root.rglob("*"))
            if p.is_file()
            and "_core" not in p.relative_to(root).parts
            and "__pycache__" not in p.parts
        }


def write_case(case: str) -> None:
    target = GOLDEN / case
    if target.exists():
        shutil.rmtree(target)
    for rel, text in render_case(case).items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
