"""Regeneration diffs stay minimal: a small spec edit changes only the lines about the edited thing.

Maintainers review a spec update next to the regenerated code, so the generator must not renumber,
rename or reshuffle anything the edit did not touch. Each test copies the project's spec and config,
applies one small edit, regenerates into a scratch directory and bounds the resulting diff: which
files changed, how many lines were added and removed, and that those lines are about the edit.

Generating the project spec takes a couple of seconds, so the unedited baseline is generated once
per module and each test generates only its edited copy.
"""

from __future__ import annotations

import copy
import difflib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen.pipeline import REPO_ROOT, Options, run
from tests.support.yaml_files import load_yaml_file

SPEC = REPO_ROOT / "spec" / "openapi.yml"
CONFIG = REPO_ROOT / "spec" / "config.yml"
# files the config names by a path relative to itself; each copy of the config needs them beside it
CONFIG_FILES = (REPO_ROOT / "spec" / "sdk_names.yml",)
# every generation uses the same package name: it appears in each file's header and imports
PACKAGE = "minimal_diff_pkg"

Spec = dict[str, Any]


# --- generating and diffing ------------------------------------------------------------------


# libyaml's emitter where it is built: the Python one took ~3 s per copy of the project spec
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _write_yaml(path: Path, data: Spec) -> Path:
    path.write_text(yaml.dump(data, Dumper=_DUMPER, sort_keys=False), encoding="utf-8")
    return path


def _generate(workdir: Path, spec: Path, config: Path | None) -> dict[str, str]:
    """Generate a standalone package under `workdir` and return {relative path: text} of it."""
    out = workdir / "out"
    shutil.rmtree(out, ignore_errors=True)
    run(Options(spec=spec, config=config, package=PACKAGE, out=out, quiet=True))
    return _read_tree(out / PACKAGE)


def _read_tree(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        # `_core/` is the hand-written engine copied verbatim, not generated from the spec; the
        # test server's facts file holds one line per schema and so follows every schema edit
        if path.is_file()
        and not {"__pycache__", "_core"} & set(path.relative_to(root).parts)
        and path.name != "_api_facts.json"
    }


@dataclass
class FileDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class TreeDiff:
    changed: dict[str, FileDiff]
    created: dict[str, str]
    deleted: dict[str, str]
    after: dict[str, str]

    def summary(self) -> str:
        lines = [f"created {sorted(self.created)}", f"deleted {sorted(self.deleted)}"]
        for path, d in sorted(self.changed.items()):
            lines.append(f"changed {path}: +{len(d.added)} -{len(d.removed)}")
            lines += [f"    -{line}" for line in d.removed[:20]]
            lines += [f"    +{line}" for line in d.added[:20]]
        return "\n".join(lines)


def _file_diff(before: str, after: str) -> FileDiff:
    diff = FileDiff()
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm=""):
        if line.startswith(("---", "+++", "@@")):
            continue
        if line.startswith("+"):
            diff.added.append(line[1:])
        elif line.startswith("-"):
            diff.removed.append(line[1:])
    return diff


def tree_diff(before: dict[str, str], after: dict[str, str]) -> TreeDiff:
    changed = {
        path: _file_diff(before[path], after[path])
        for path in sorted(before.keys() & after.keys())
        if before[path] != after[path]
    }
    created = {p: after[p] for p in sorted(after.keys() - before.keys())}
    deleted = {p: before[p] for p in sorted(before.keys() - after.keys())}
    return TreeDiff(changed, created, deleted, after)


def assert_files(
    diff: TreeDiff,
    changed: Iterable[str] = (),
    created: Iterable[str] = (),
    deleted: Iterable[str] = (),
) -> None:
    actual = (set(diff.changed), set(diff.created), set(diff.deleted))
    assert actual == (set(changed), set(created), set(deleted)), diff.summary()


def _mentions(line: str, words: Iterable[str]) -> bool:
    return any(word in line for word in words)


def _is_punctuation(line: str) -> bool:
    """Blank lines and lone brackets: the formatter's framing around an added block."""
    return re.fullmatch(r"\s*[()\[\]{},:]*\s*", line) is not None


def _assert_import_gains(change: FileDiff, name: str) -> None:
    """The only removed lines are imports, each re-added with `name` among what it imports."""
    removed = change.removed
    added = [line for line in change.added if line.startswith(("from ", "import "))]
    assert len(removed) == len(added) <= 1, (removed, added)
    for before, after in zip(removed, added, strict=True):
        assert after.startswith("from ") and before.startswith("from ")
        head, _, names = after.partition(" import ")
        assert before.partition(" import ")[0] == head
        assert sorted(names.split(", ")) == sorted(
            [*before.partition(" import ")[2].split(", "), name]
        )


@dataclass
class Project:
    """The project's spec and config, loaded, with the baseline generated from them."""

    spec: Spec
    config: Spec
    baseline: dict[str, str]
    copies: Path
    _edits: int = 0

    def regenerate(self, spec: Spec | None = None, config: Spec | None = None) -> TreeDiff:
        self._edits += 1
        workdir = self.copies / f"edit{self._edits}"
        workdir.mkdir()
        _copy_config_files(workdir)
        # the file names match the baseline's so each file's header line stays the same
        spec_path = _write_yaml(workdir / SPEC.name, spec if spec is not None else self.spec)
        config_path = _write_yaml(
            workdir / CONFIG.name, config if config is not None else self.config
        )
        return tree_diff(self.baseline, _generate(workdir, spec_path, config_path))

    def edited_spec(self) -> Spec:
        return copy.deepcopy(self.spec)

    def edited_config(self) -> Spec:
        return copy.deepcopy(self.config)


def _copy_config_files(directory: Path) -> None:
    for path in CONFIG_FILES:
        shutil.copyfile(path, directory / path.name)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    copies = tmp_path_factory.mktemp("minimal_diffs")
    base = copies / "baseline"
    base.mkdir()
    spec = base / SPEC.name
    config = base / CONFIG.name
    shutil.copyfile(SPEC, spec)
    shutil.copyfile(CONFIG, config)
    _copy_config_files(base)
    return Project(
        spec=load_yaml_file(spec),
        config=load_yaml_file(config),
        baseline=_generate(base, spec, config),
        copies=copies,
    )


def _schema(spec: Spec, name: str) -> Spec:
    schema: Spec = spec["components"]["schemas"][name]
    return schema


# --- schema edits ----------------------------------------------------------------------------


def test_optional_response_field_adds_only_its_own_lines(project: Project) -> None:
    spec = project.edited_spec()
    _schema(spec, "Model")["properties"]["context_window"] = {
        "type": "integer",
        "description": "How many tokens the model reads at once.",
    }

    diff = project.regenerate(spec)

    assert_files(diff, changed=["types/model.py"])
    model = diff.changed["types/model.py"]
    assert model.removed == [], diff.summary()
    # the field, its docstring, and at most the blank line that separates fields
    assert 2 <= len(model.added) <= 3, diff.summary()
    content = [line for line in model.added if line.strip()]
    assert len(content) == 2, diff.summary()
    assert "context_window" in content[0] and "int" in content[0]
    assert "How many tokens the model reads at once." in content[1]


def test_field_of_a_schema_used_both_ways_changes_its_model_and_its_typeddict(
    project: Project,
) -> None:
    spec = project.edited_spec()
    _schema(spec, "FunctionObject")["properties"]["examples"] = {
        "type": "array",
        "items": {"type": "string"},
        "description": "Sample calls shown to the model.",
    }

    diff = project.regenerate(spec)

    # FunctionDefinition is a response model and a request TypedDict (config `param:`); each may
    # need one more name from `typing` for the list
    container = {
        "types/shared/function_definition.py": "List",
        "types/shared_params/function_definition.py": "Iterable",
    }
    assert_files(diff, changed=container)
    for module, name in container.items():
        change = diff.changed[module]
        _assert_import_gains(change, name)
        fields = [line for line in change.added if not line.startswith(("from ", "import "))]
        assert 2 <= len(fields) <= 3, diff.summary()
        content = [line for line in fields if line.strip()]
        assert "examples" in content[0] and f"{name}[str]" in content[0], diff.summary()
        assert "Sample calls shown to the model." in content[1]


@pytest.mark.parametrize(
    ("schema", "path", "module"),
    [
        # a named enum (its own type alias module)
        ("RunStatus", (), "types/beta/threads/run_status.py"),
        # an enum written inline on a response model's property
        ("VectorStoreObject", ("properties", "status"), "types/vector_store.py"),
    ],
    ids=["named-enum", "inline-enum"],
)
def test_response_enum_value_changes_only_the_literal(
    project: Project, schema: str, path: tuple[str, ...], module: str
) -> None:
    spec = project.edited_spec()
    node = _schema(spec, schema)
    for key in path:
        node = node[key]
    old_values = list(node["enum"])
    node["enum"].append("paused")

    diff = project.regenerate(spec)

    assert_files(diff, changed=[module])
    change = diff.changed[module]
    # a field's docstring lists an inline enum's values (codegen/docfacts.py): that line changes
    # in place too, and nothing else around it
    listed = [(r, a) for r, a in zip(change.removed, change.added, strict=False) if "One of `" in a]
    if path:
        assert len(listed) == 1, diff.summary()
        assert listed[0][0].replace("`.", "`, `'paused'`.", 1) == listed[0][1], diff.summary()
    added = [line for line in change.added if "One of `" not in line]
    removed = [line for line in change.removed if "One of `" not in line]
    # a Literal split one value a line gains one line; a one-line Literal is rewritten in place
    assert (len(added), len(removed)) in {(1, 0), (1, 1)}, diff.summary()
    assert '"paused"' in added[0]
    for line in removed:
        assert "Literal[" in line and all(f'"{v}"' in line for v in old_values), diff.summary()
        assert line.replace("]", ', "paused"]', 1) == added[0], diff.summary()


# --- operation and parameter edits -----------------------------------------------------------


def test_new_operation_touches_its_resource_and_its_own_params_module(project: Project) -> None:
    spec = project.edited_spec()
    config = project.edited_config()
    spec["paths"]["/models/{model}"]["post"] = {
        "operationId": "updateModel",
        "summary": "Rename a fine-tuned model.",
        "parameters": [
            {"in": "path", "name": "model", "required": True, "schema": {"type": "string"}}
        ],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {"display_name": {"type": "string"}},
                        "required": ["display_name"],
                    }
                }
            },
        },
        "responses": {
            "200": {
                "description": "Success.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Model"}}},
            }
        },
    }
    config["resources"]["models"]["methods"]["update"] = "updateModel"

    diff = project.regenerate(spec, config)

    assert_files(
        diff,
        changed=["_generated/resources/models.py", "types/__init__.py"],
        created=["types/model_update_params.py"],
    )
    resource = diff.changed["_generated/resources/models.py"]
    assert resource.removed == [], diff.summary()
    # sync and async methods, each with its raw and streaming wrapper: nothing else is touched
    assert sum("def update(" in line for line in resource.added) == 2, diff.summary()
    wrappers = [line for line in resource.added if "= " in line and "(resource.update)" in line]
    assert len(wrappers) == 4, diff.summary()
    method_lines = len(resource.added) - len(wrappers)
    assert method_lines % 2 == 0 and method_lines <= 2 * 40, diff.summary()
    assert sum("display_name" in line for line in resource.added) >= 4, diff.summary()

    public = diff.changed["types/__init__.py"]
    assert public.removed == [], diff.summary()
    for line in public.added:
        assert _mentions(line, ["ModelUpdateParams", "model_update_params"]) or _is_punctuation(
            line
        ), diff.summary()
    params = diff.created["types/model_update_params.py"]
    assert "class ModelUpdateParams(" in params and "display_name" in params


def test_required_query_parameter_touches_the_resource_and_its_params(project: Project) -> None:
    spec = project.edited_spec()
    spec["paths"]["/files"]["get"]["parameters"].append(
        {"in": "query", "name": "project_tag", "required": True, "schema": {"type": "string"}}
    )

    diff = project.regenerate(spec)

    assert_files(diff, changed=["_generated/resources/files.py", "types/file_list_params.py"])
    resource = diff.changed["_generated/resources/files.py"]
    assert resource.removed == [], diff.summary()
    # sync and async: the argument and the query entry
    assert len(resource.added) == 4, diff.summary()
    assert all("project_tag" in line for line in resource.added), diff.summary()
    params = diff.changed["types/file_list_params.py"]
    _assert_import_gains(params, "Required")
    fields = [line for line in params.added if not line.startswith(("from ", "import "))]
    assert [line for line in fields if line.strip()] == ["    project_tag: Required[str]"]
    assert len(fields) <= 2, diff.summary()


def test_required_body_field_touches_resource_params_and_the_request_model(
    project: Project,
) -> None:
    spec = project.edited_spec()
    request = _schema(spec, "CreateEmbeddingRequest")
    request["properties"]["project_tag"] = {
        "type": "string",
        "description": "Which project to bill.",
    }
    request["required"].append("project_tag")

    diff = project.regenerate(spec)

    # the request schema is also generated as a model, so its module changes too; create's
    # override (config `overrides: true`, lib/resources/embeddings.py) takes the argument as well
    assert_files(
        diff,
        changed=[
            "_generated/resources/embeddings.py",
            "_with_helpers/embeddings.py",
            "types/embedding_create_params.py",
            "types/create_embedding_request.py",
        ],
    )
    resource = diff.changed["_generated/resources/embeddings.py"]
    # per method (sync, async): the argument, the body entry, and its entry in the docstring's
    # Args block (the spec documents the other arguments of create, so the block is there)
    assert resource.removed == [], diff.summary()
    about_field = [line for line in resource.added if "project_tag" in line]
    assert len(about_field) == 6, diff.summary()  # argument, body entry, Args line; twice
    others = [line for line in resource.added if "project_tag" not in line]
    assert all(
        line.strip() in {"", "Args:"} or line.strip().startswith('"""') for line in others
    ), diff.summary()
    assert len(resource.added) <= 2 * 7, diff.summary()
    override = diff.changed["_with_helpers/embeddings.py"]
    assert override.removed == [], diff.summary()
    # per method: the argument, its Args line, and passing it on to the lib body
    assert len([line for line in override.added if "project_tag" in line]) == 6, diff.summary()
    assert len(override.added) <= 2 * 4, diff.summary()
    for module in (
        "types/embedding_create_params.py",
        "types/create_embedding_request.py",
    ):
        fields = diff.changed[module]
        assert fields.removed == [] and 2 <= len(fields.added) <= 3, diff.summary()
        content = [line for line in fields.added if line.strip()]
        assert "project_tag" in content[0] and "Which project to bill." in content[1]


def test_optional_body_field_of_a_streaming_method_adds_one_line_per_signature(
    project: Project,
) -> None:
    spec = project.edited_spec()
    request = _schema(spec, "CreateChatCompletionRequest")["allOf"][1]
    request["properties"]["priority_hint"] = {"type": "integer"}

    diff = project.regenerate(spec)

    # the request schema is also generated as a model, so its module changes too; the helpers
    # that wrap `create` (parse, stream) take the new argument as well
    assert_files(
        diff,
        changed=[
            "_generated/resources/chat/completions/__init__.py",
            "types/chat/completion_create_params.py",
            "types/create_chat_completion_request.py",
            "_with_helpers/chat/completions.py",
        ],
    )
    helpers = diff.changed["_with_helpers/chat/completions.py"]
    # parse and stream, sync and async: one argument and one forwarded keyword each
    assert helpers.removed == [] and len(helpers.added) == 8, diff.summary()
    assert all("priority_hint" in line for line in helpers.added), diff.summary()
    resource = diff.changed["_generated/resources/chat/completions/__init__.py"]
    before = project.baseline["_generated/resources/chat/completions/__init__.py"]
    signatures = len(re.findall(r"\bdef create\(", before))
    assert signatures == 8  # sync and async: three `stream` overloads and the implementation
    # one argument per signature, one body entry per implementation, nothing removed
    assert resource.removed == [], diff.summary()
    assert len(resource.added) == signatures + 2, diff.summary()
    assert all("priority_hint" in line for line in resource.added), diff.summary()
    params = diff.changed["types/chat/completion_create_params.py"]
    assert params.removed == [] and 1 <= len(params.added) <= 2, diff.summary()
    assert [line for line in params.added if line.strip()] == ["    priority_hint: int"]
    model = diff.changed["types/create_chat_completion_request.py"]
    assert model.removed == [] and 1 <= len(model.added) <= 2, diff.summary()
    assert [line for line in model.added if line.strip()] == [
        "    priority_hint: Optional[int] = None"
    ]


# --- config edits ----------------------------------------------------------------------------


def test_renaming_a_schema_in_the_config_moves_one_module_and_updates_references(
    project: Project,
) -> None:
    config = project.edited_config()
    # a new name that sorts where the old one did, so that sorted import lists keep their order
    config["types"]["DeleteModelResponse"] = {"name": "ModelDropped", "module": "model_dropped"}

    diff = project.regenerate(config=config)

    assert_files(
        diff,
        changed=["_generated/resources/models.py", "types/__init__.py"],
        created=["types/model_dropped.py"],
        deleted=["types/model_deleted.py"],
    )

    def renamed(text: str) -> str:
        return text.replace("ModelDeleted", "ModelDropped").replace(
            "model_deleted", "model_dropped"
        )

    # the moved modules hold the same code under the new names
    assert renamed(diff.deleted["types/model_deleted.py"]) == diff.created["types/model_dropped.py"]
    # references are rewritten line for line, nothing moves
    for change in diff.changed.values():
        assert [renamed(line) for line in change.removed] == change.added, diff.summary()
        assert all(_mentions(line, ["ModelDeleted", "model_deleted"]) for line in change.removed)
    # the TYPE_CHECKING import; then, sync and async, the return annotation, the import in the
    # method body and the class passed as cast_to
    assert len(diff.changed["_generated/resources/models.py"].added) == 1 + 2 * 3
    assert project.baseline["_generated/resources/models.py"].count("ModelDeleted") == 1 + 2 * 3


# --- ordering --------------------------------------------------------------------------------


def test_generating_again_in_a_fresh_process_gives_identical_bytes(project: Project) -> None:
    """Same input, same bytes, whatever the process: no set or hash order reaches the output."""
    workdir = project.copies / "again"
    workdir.mkdir()
    spec = shutil.copyfile(SPEC, workdir / SPEC.name)
    config = shutil.copyfile(CONFIG, workdir / CONFIG.name)
    _copy_config_files(workdir)
    out = workdir / "out"
    # a string hash seed other than this process's changes the iteration order of sets of names
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    command = [sys.executable, "-m", "codegen", "--spec", str(spec), "--config", str(config)]
    command += ["--package", PACKAGE, "--out", str(out), "--quiet"]
    proc = subprocess.run(
        command,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr

    again = _read_tree(out / PACKAGE)

    assert_files(tree_diff(project.baseline, again))
    assert again == project.baseline


def test_yaml_layout_of_the_spec_does_not_matter(project: Project) -> None:
    """The edit tests re-serialize the spec; unedited, that alone must change nothing."""
    diff = project.regenerate()

    assert_files(diff)


def _methods(module_text: str, cls: str) -> list[str]:
    body = module_text.split(f"\nclass {cls}(", 1)[1].split("\nclass ", 1)[0]
    return re.findall(r"\n    (?:async )?def (\w+)\(", body)


def _is_reordering(diff: TreeDiff) -> bool:
    return all(sorted(d.added) == sorted(d.removed) for d in diff.changed.values())


def test_moving_a_path_only_reorders_the_methods_of_its_resource(project: Project) -> None:
    spec = project.edited_spec()
    paths = spec["paths"]
    paths["/models"] = paths.pop("/models")  # now after /models/{model}

    diff = project.regenerate(spec)

    # methods follow the spec's operation order (deliberately: the spec groups them), so only
    # the one resource module changes, and only by whole methods moving
    module = "_generated/resources/models.py"
    assert_files(diff, changed=[module])
    assert _is_reordering(diff), diff.summary()
    assert sorted(project.baseline[module].splitlines()) == sorted(diff.after[module].splitlines())
    for cls in ("Models", "AsyncModels"):
        assert _methods(project.baseline[module], cls)[2:] == ["list", "retrieve", "delete"]
        assert _methods(diff.after[module], cls)[2:] == ["retrieve", "delete", "list"]


def test_reordering_all_paths_renames_nothing(project: Project) -> None:
    spec = project.edited_spec()
    spec["paths"] = dict(reversed(list(spec["paths"].items())))

    diff = project.regenerate(spec)

    # methods may move within their resource (spec order), but no type is renamed, so only
    # resource modules change and only by reordering
    assert diff.created == {} and diff.deleted == {}, diff.summary()
    assert all(path.startswith("_generated/resources/") for path in diff.changed), diff.summary()
    assert _is_reordering(diff), diff.summary()


def test_reordering_component_schemas_changes_nothing(project: Project) -> None:
    spec = project.edited_spec()
    schemas = spec["components"]["schemas"]
    spec["components"]["schemas"] = dict(reversed(list(schemas.items())))

    diff = project.regenerate(spec)

    assert_files(diff)


# --- docstrings ------------------------------------------------------------------------------


def _notes_spec(fields: dict[str, str]) -> Spec:
    """A one-operation spec whose request fields are all documented (the project spec has none)."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Notes", "version": "1"},
        "paths": {
            "/notes": {
                "post": {
                    "operationId": "createNote",
                    "summary": "Create a note.",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/CreateNoteRequest"}
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "Created.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Note"}
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "CreateNoteRequest": {
                    "type": "object",
                    "properties": {
                        name: {"type": "string", "description": doc} for name, doc in fields.items()
                    },
                },
                "Note": {"type": "object", "properties": {"id": {"type": "string"}}},
            }
        },
    }


def _generate_small(workdir: Path, spec: Spec) -> dict[str, str]:
    workdir.mkdir()
    config = {"resources": {"notes": {"methods": {"create": "createNote"}}}}
    return _generate(
        workdir,
        _write_yaml(workdir / "spec.yml", spec),
        _write_yaml(workdir / "config.yml", config),
    )


def test_documented_argument_appended_after_another_adds_only_its_lines(tmp_path: Path) -> None:
    before = _generate_small(tmp_path / "before", _notes_spec({"title": "Shown in lists."}))
    after = _generate_small(
        tmp_path / "after",
        _notes_spec({"title": "Shown in lists.", "body_text": "Markdown shown below the title."}),
    )

    diff = tree_diff(before, after)

    resource = "_generated/resources/notes.py"
    assert set(diff.changed) >= {resource} and not diff.created and not diff.deleted
    change = diff.changed[resource]
    # per method (sync, async): the argument, the body entry, its `Args:` line and the blank line
    # before it; the previous last argument's line is untouched because `\"\"\"` closes on its own
    assert change.removed == [], diff.summary()
    assert len(change.added) == 2 * 4, diff.summary()
    assert all("body_text" in line or not line.strip() for line in change.added), diff.summary()
    assert sum("Markdown shown below the title." in line for line in change.added) == 2
    for path, other in diff.changed.items():
        if path != resource:
            assert other.removed == [], diff.summary()
            assert all(
                "body_text" in line or "Markdown" in line or not line.strip()
                for line in other.added
            ), diff.summary()
