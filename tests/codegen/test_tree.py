"""The resource tree: lib subclasses, aliases, laziness, and what type checkers see."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import yaml

from tests.codegen import _gen

REPO = Path(__file__).resolve().parents[2]
SPECS = Path(__file__).parent / "specs"


def _features_config(**resources: object) -> dict[str, object]:
    config = yaml.safe_load((SPECS / "features.config.yml").read_text())
    config["resources"].update(resources)
    return config


def test_configured_subclass_is_what_the_tree_instantiates(tmp_path: Path) -> None:
    config = _features_config(
        completions={
            "subclass": "helpers_lib:Completions",
            "methods": {"create": "createCompletion"},
        }
    )
    _result, package, out = _gen.generate(
        tmp_path, SPECS / "features.yml", config, package="subclassed"
    )
    (out / "helpers_lib.py").write_text(
        textwrap.dedent(
            """
            from subclassed._generated.resources.completions import AsyncCompletions as _Async
            from subclassed._generated.resources.completions import Completions as _Sync

            class Completions(_Sync):
                def helper(self) -> str:
                    return "sync helper"

            class AsyncCompletions(_Async):
                def helper(self) -> str:
                    return "async helper"
            """
        )
    )
    try:
        pkg = _gen.load(out, package)
        client = pkg.Features(api_key="k", base_url="http://127.0.0.1:9")
        assert client.completions.helper() == "sync helper"
        assert (
            pkg.AsyncFeatures(api_key="k", base_url="http://127.0.0.1:9").completions.helper()
            == "async helper"
        )
        client.close()
    finally:
        _gen.unload(package, out)
        sys.modules.pop("helpers_lib", None)


def test_alias_node_is_the_same_resource_object(build: Callable[..., ModuleType]) -> None:
    config = _features_config(beta={"resources": {"uploads": {"alias": "uploads"}}})
    pkg = build(SPECS / "features.yml", config)
    client = pkg.Features(api_key="k", base_url="http://127.0.0.1:9")
    assert client.beta.uploads is client.uploads
    client.close()


LAZY = """
import json, sys
import typed_openai
bare = sorted(m for m in sys.modules if m.startswith(("httpx", "pydantic", "typed_openai.")))
client = typed_openai.OpenAI(api_key="k")
client.chat.completions.create
client.beta.threads.runs.list
print(json.dumps({"bare": bare, "models": [m for m in sys.modules if ".types" in m and "typed_openai" in m]}))
"""


def test_import_construct_and_touch_a_resource_loads_no_model_module() -> None:
    proc = subprocess.run([sys.executable, "-c", LAZY], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["bare"] == []  # `import typed_openai` alone loads neither httpx nor pydantic
    assert data["models"] == []


TYPED = """
from typing_extensions import assert_type

from typed_openai import OpenAI, Stream
from typed_openai.types.chat import ChatCompletion, ChatCompletionChunk, ChatCompletionMessageParam

client = OpenAI(api_key="k")
messages: list[ChatCompletionMessageParam] = [{"role": "user", "content": "hi"}]
assert_type(client.chat.completions.create(model="gpt-4o", messages=messages), ChatCompletion)
assert_type(
    client.chat.completions.create(model="gpt-4o", messages=messages, stream=True),
    Stream[ChatCompletionChunk],
)
client.chat.completions.create(model="gpt-4o", messages=messages, no_such_argument=1)  # expected error
"""


def test_type_checkers_see_overloads_and_reject_unknown_arguments(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(TYPED)
    proc = subprocess.run(
        [
            str(Path(sys.executable).parent / "pyright"),
            "--outputjson",
            "--pythonpath",
            sys.executable,
            str(sample),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    data = json.loads(proc.stdout)
    errors = [
        (d["range"]["start"]["line"] + 1, d["message"])
        for d in data["generalDiagnostics"]
        if d["severity"] == "error"
    ]
    assert len(errors) == 1, errors
    line = (
        TYPED.splitlines().index(next(t for t in TYPED.splitlines() if "no_such_argument" in t)) + 1
    )
    assert errors[0][0] == line
