"""The resource tree: declared helpers, aliases, laziness, and what type checkers see."""

from __future__ import annotations

import asyncio
import inspect
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from codegen.errors import GeneratorError
from tests.codegen import _gen

REPO = Path(__file__).resolve().parents[2]
SPECS = Path(__file__).parent / "specs"


def _features_config(**resources: object) -> dict[str, object]:
    config = yaml.safe_load((SPECS / "features.config.yml").read_text())
    config["resources"].update(resources)
    return config


HELPER = {
    "wraps": "create",
    "impl": "helpers_lib:complete_twice",
    "drop": ["stream"],
    "retype": {"prompt": {"also": "list[str]", "doc": "One prompt or several."}},
    "add": {"times": {"type": "int", "default": 2, "doc": "How many completions."}},
    "returns": {"name": "list", "of": [{"response": True}]},
    "doc": "Complete the prompt `times` times.",
}

# a helper returning a class that has an async twin (as chat.completions.stream does)
MANAGED = {
    "wraps": "create",
    "impl": "helpers_lib:complete_twice",
    "drop": ["stream"],
    "add": {
        "handler": {
            "type": {"name": "Handler", "async_twin": True},
            "nullable": True,
            "default": None,
            "doc": "Receives the events.",
        }
    },
    "returns": {
        "name": "Manager",
        "async_twin": True,
        "of": [{"name": "Handler", "async_twin": True}, {"response": True}],
    },
    "coroutine": False,
    "imports": {n: "helpers_lib" for n in ("Manager", "AsyncManager", "Handler", "AsyncHandler")},
}

# one body for both classes: an awaitable for the async resource (its method awaits it)
HELPERS_LIB = """

async def _later(result):
    return result

def complete_twice(resource, **arguments):
    name = type(resource).__name__
    if name.startswith("Async"):
        return _later(("async", name, arguments))
    return ("sync", name, arguments)
"""


def test_declared_helper_gets_the_wrapped_methods_arguments_and_calls_lib(tmp_path: Path) -> None:
    config = _features_config(
        completions={
            "methods": {"create": "createCompletion"},
            "helpers": {"twice": HELPER, "managed": MANAGED},
        }
    )
    _result, package, out = _gen.generate(
        tmp_path, SPECS / "features.yml", config, package="with_helpers"
    )
    (out / "helpers_lib.py").write_text(HELPERS_LIB)
    source = (out / package / "_with_helpers" / "completions.py").read_text()
    assert "import helpers_lib" not in (out / package / "_generated" / "_client.py").read_text()
    assert "prompt: list[str] | str," in source  # `also:` goes before the wrapped method's type
    assert "times: int = 2," in source
    assert "-> list[Completion]:" in source
    # a declared type with an async twin: `Async<name>` in the async class only, nested too
    sync_source, async_source = source.split("class AsyncCompletions(")
    assert "handler: Handler | None = None," in sync_source
    assert "-> Manager[Handler, Completion]:" in sync_source
    assert "handler: AsyncHandler | None = None," in async_source
    assert "-> AsyncManager[AsyncHandler, Completion]:" in async_source
    assert "Args:" in source and "One prompt or several." in source
    try:
        pkg = _gen.load(out, package)
        client = pkg.Features(api_key="k", base_url="http://127.0.0.1:9")
        create = inspect.signature(client.completions.create).parameters
        twice = inspect.signature(client.completions.twice).parameters
        assert list(twice) == [
            *(n for n in create if n not in ("stream", *_OPTIONS)),
            "times",
            *_OPTIONS,
        ]
        kind, cls, arguments = client.completions.twice(prompt=["a", "b"], x_trace="t")
        assert (kind, cls) == ("sync", "Completions")
        assert arguments["prompt"] == ["a", "b"] and arguments["times"] == 2
        assert arguments["x_trace"] == "t" and "stream" not in arguments
        async_client = pkg.AsyncFeatures(api_key="k", base_url="http://127.0.0.1:9")
        assert inspect.iscoroutinefunction(async_client.completions.twice)
        kind, cls, _ = asyncio.run(async_client.completions.twice(prompt="a"))
        assert (kind, cls) == ("async", "AsyncCompletions")
        client.close()
    finally:
        _gen.unload(package, out)
        sys.modules.pop("helpers_lib", None)


_OPTIONS = ("extra_headers", "extra_query", "extra_body", "timeout")

# an overriding helper's body (`overrides: true`); a real one calls the generated method through
# the generated class (lib/resources/embeddings.py)
OVERRIDE_LIB = """
def create(resource, **arguments):
    return ("override", type(resource).__name__, sorted(arguments))
"""


def test_an_overriding_helper_replaces_the_method_of_its_name(tmp_path: Path) -> None:
    override = {
        "wraps": "create",
        "overrides": True,
        "impl": "override_lib:create",
        "returns": {"response": True},
        "raw": True,
        "doc": "Create, differently.",
    }
    config = _features_config(
        completions={"methods": {"create": "createCompletion"}, "helpers": {"create": override}}
    )
    _result, package, out = _gen.generate(
        tmp_path, SPECS / "features.yml", config, package="with_override"
    )
    (out / "override_lib.py").write_text(OVERRIDE_LIB)
    source = (out / package / "_with_helpers" / "completions.py").read_text()
    assert source.count("    def create(") == 1 and "Create, differently." in source
    try:
        pkg = _gen.load(out, package)
        client = pkg.Features(api_key="k", base_url="http://127.0.0.1:9")
        kind, cls, names = client.completions.create(prompt="a")
        assert (kind, cls) == ("override", "Completions") and "prompt" in names
        # the raw-access wrappers wrap the override too
        assert client.completions.with_raw_response.create.__wrapped__ == client.completions.create
        client.close()
    finally:
        _gen.unload(package, out)
        sys.modules.pop("override_lib", None)


def test_an_overriding_helper_has_the_wrapped_methods_name(tmp_path: Path) -> None:
    for name, helper, pointer in [
        ("other", {**HELPER, "overrides": True}, "/resources/completions/helpers/other/overrides"),
        ("create", {**HELPER, "wraps": None, "overrides": True}, None),
    ]:
        config = _features_config(
            completions={"methods": {"create": "createCompletion"}, "helpers": {name: helper}}
        )
        try:
            _gen.generate(tmp_path, SPECS / "features.yml", config, package="bad_override")
        except GeneratorError as exc:
            if pointer is not None:
                assert (exc.diagnostic.code, exc.diagnostic.pointer) == ("config-helper", pointer)
            else:
                assert exc.diagnostic.code == "config-invalid"
                assert exc.diagnostic.pointer.endswith("/helpers/create/overrides")
        else:
            raise AssertionError(f"expected a GeneratorError for {name}")


def test_a_helper_naming_an_unknown_argument_is_an_error(tmp_path: Path) -> None:
    config = _features_config(
        completions={
            "methods": {"create": "createCompletion"},
            "helpers": {"twice": {**HELPER, "drop": ["no_such_argument"]}},
        }
    )
    try:
        _gen.generate(tmp_path, SPECS / "features.yml", config, package="bad_helper")
    except GeneratorError as exc:
        assert exc.diagnostic.code == "config-helper"
        assert exc.diagnostic.pointer == "/resources/completions/helpers/twice"
        assert "no_such_argument" in exc.diagnostic.message
    else:
        raise AssertionError("expected a GeneratorError")


def test_a_helper_argument_added_without_doc_is_an_error(tmp_path: Path) -> None:
    undocumented = {**HELPER, "add": {"times": {"type": "int", "default": 2}}}
    config = _features_config(
        completions={"methods": {"create": "createCompletion"}, "helpers": {"twice": undocumented}}
    )
    try:
        _gen.generate(tmp_path, SPECS / "features.yml", config, package="undocumented_helper")
    except GeneratorError as exc:
        assert exc.diagnostic.code == "config-invalid"
        assert exc.diagnostic.pointer == "/resources/completions/helpers/twice/add/times"
        assert "needs `doc`" in exc.diagnostic.message
    else:
        raise AssertionError("expected a GeneratorError")


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
    """The contract (docs/contracts.md §2) for the shipped package, helper classes included."""
    proc = subprocess.run([sys.executable, "-c", LAZY], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["bare"] == []  # `import typed_openai` alone loads neither httpx nor pydantic
    assert data["models"] == [], "a resource module (or a helper class) imports models eagerly"


def test_generated_resources_alone_load_no_model_module(tmp_path: Path) -> None:
    """The same check on the project spec generated without helpers: the generator's part."""
    config = yaml.safe_load((REPO / "spec" / "config.yml").read_text())

    def drop_helpers(node: dict[str, Any]) -> None:
        node.pop("helpers", None)
        for child in (node.get("resources") or {}).values():
            drop_helpers(child)

    for top in config["resources"].values():
        drop_helpers(top)
    config["package"] = "lazy_project"
    _result, package, out = _gen.generate(
        tmp_path, REPO / "spec" / "openapi.yml", config, package="lazy_project"
    )
    script = (
        LAZY.replace("typed_openai.OpenAI", f"{package}.OpenAI")
        .replace("import typed_openai", f"import {package}")
        .replace('"typed_openai.', f'"{package}.')
        .replace('"typed_openai" in m', f'"{package}" in m')
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=out, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["models"] == []


TYPED = """
import pydantic
from typing_extensions import assert_type

from typed_openai import OpenAI, Stream
from typed_openai.types.beta.threads import Run
from typed_openai.types.chat import ChatCompletion, ChatCompletionChunk, ChatCompletionMessageParam
from typed_openai.types.chat import ParsedChatCompletion

client = OpenAI(api_key="k")
messages: list[ChatCompletionMessageParam] = [{"role": "user", "content": "hi"}]
assert_type(client.chat.completions.create(model="gpt-4o", messages=messages), ChatCompletion)
assert_type(
    client.chat.completions.create(model="gpt-4o", messages=messages, stream=True),
    Stream[ChatCompletionChunk],
)
client.chat.completions.create(model="gpt-4o", messages=messages, no_such_argument=1)  # expected error

# helpers declared in spec/config.yml: generated signatures, bodies in lib
class Answer(pydantic.BaseModel):
    text: str

assert_type(
    client.chat.completions.parse(model="gpt-4o", messages=messages, response_format=Answer),
    ParsedChatCompletion[Answer],
)
assert_type(client.beta.threads.runs.create_and_poll(thread_id="thread_1", assistant_id="a"), Run)
assert_type(client.beta.threads.create_and_run_poll(assistant_id="a"), Run)
assert_type(
    client.beta.chat.completions.parse(model="gpt-4o", messages=messages, response_format=Answer),
    ParsedChatCompletion[Answer],
)
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


def test_config_can_force_the_event_envelope_and_add_method_headers(tmp_path: Path) -> None:
    config = _features_config(
        completions={
            "methods": {
                "create": {
                    "operation": "createCompletion",
                    "event_envelope": True,
                    "headers": {"X-Mode": "m"},
                }
            }
        }
    )
    _result, package, out = _gen.generate(
        tmp_path, SPECS / "features.yml", config, package="forced"
    )
    source = (out / package / "_generated" / "resources" / "completions.py").read_text()
    assert "event_envelope=True" in source
    assert '"X-Mode": "m"' in source


def test_config_naming_an_unknown_operation_is_an_error(tmp_path: Path) -> None:
    config = _features_config(completions={"methods": {"create": "noSuchOperation"}})
    try:
        _gen.generate(tmp_path, SPECS / "features.yml", config, package="unknown_op")
    except GeneratorError as exc:
        assert exc.diagnostic.code == "config-unknown-operation"
        assert exc.diagnostic.pointer == "/resources/completions/methods/create"
    else:
        raise AssertionError("expected a GeneratorError")


STANDALONE = """
import sys
import {package}
assert "httpx" not in sys.modules, "importing the package alone loads nothing heavy"
client = {package}.Petstore(api_key="k", base_url="http://127.0.0.1:9")
client.pets.list
client.close()
assert not [m for m in sys.modules if m.startswith("typed_openai")], "needs this repo"
print("ok")
"""


def test_standalone_package_works_without_this_repo(tmp_path: Path) -> None:
    config = yaml.safe_load((SPECS / "petstore.config.yml").read_text())
    _result, package, out = _gen.generate(tmp_path, SPECS / "petstore.yml", config, package="alone")
    proc = subprocess.run(
        [sys.executable, "-c", STANDALONE.format(package=package)],
        cwd=out,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"
