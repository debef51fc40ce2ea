"""datamodel-code-generator as the oracle for schema interpretation.

For every component schema of the corpus specs, hypothesis draws instances (valid ones from the
schema itself by `instances()`, and arbitrary JSON values, mostly invalid); our generated type and the model
datamodel-code-generator builds from the same document must accept/reject each the same way.
A disagreement fails the test unless it is one of REASONED_DIFFERENCES, decided by which JSON
Schema keywords the instance violates (jsonschema is the referee).
"""

from __future__ import annotations

import copy
import importlib.util
import os
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("datamodel_code_generator")
jsonschema = pytest.importorskip(
    "jsonschema"
)  # the referee (a datamodel-code-generator dependency)

import yaml  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from pydantic import TypeAdapter, ValidationError  # noqa: E402

from codegen.ir import AliasDef, ModelDef  # noqa: E402
from tests.codegen import _gen  # noqa: E402

SPECS = Path(__file__).parent / "specs"
# datamodel-code-generator writes dotted schema names (cluster.yml) as a package, not one module
ORACLE_SPECS = ["analytics", "chat", "inference", "messaging", "payments", "petstore", "storage"]
FAST = ["analytics", "payments"]  # CI's subset; `nox -s corpus` (CORPUS=all) runs every spec

# Where our models deliberately accept more than the schema says (response models are lenient so
# that a server adding values or tightening nothing breaks no client); each keyword is one reason.
REASONED_DIFFERENCES = {
    "pattern": "string patterns are documented, not enforced",
    "maxLength": "string lengths are not enforced",
    "minLength": "string lengths are not enforced",
    "minimum": "numeric bounds are not enforced",
    "maximum": "numeric bounds are not enforced",
    "exclusiveMinimum": "numeric bounds are not enforced",
    "exclusiveMaximum": "numeric bounds are not enforced",
    "multipleOf": "numeric steps are not enforced",
    "minItems": "array sizes are not enforced",
    "maxItems": "array sizes are not enforced",
    "uniqueItems": "array uniqueness is not enforced",
    "format": "formats (date-time, uri, ...) are kept as strings",
    "additionalProperties": "models keep unknown fields (forward compatible)",
}
_JSON_FORMATS = {"date-time", "date", "time", "email", "uri", "uuid", "hostname", "ipv4", "ipv6"}


def _json_schema(node: Any) -> Any:
    """An OpenAPI 3.0/3.1 schema as plain JSON Schema (nullable → null type, unknown formats out)."""
    if isinstance(node, list):
        return [_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _json_schema(v) for k, v in node.items() if k not in ("example", "discriminator")}
    if out.get("format") not in _JSON_FORMATS:
        out.pop("format", None)
    if out.pop("nullable", False) is True:
        out = {"anyOf": [out, {"type": "null"}]}
    return out


def instances(root: dict[str, Any], node: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values valid for `node` (a JSON Schema inside `root`), for the keywords the corpus uses."""
    if isinstance(node, dict) and "$ref" in node:
        target: Any = root
        for part in str(node["$ref"]).lstrip("#/").split("/"):
            target = target[part]
        return instances(root, target, depth + 1)
    if not isinstance(node, dict) or depth > 8:
        return st.none()
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    for key in ("anyOf", "oneOf"):
        if key in node:
            return st.one_of([instances(root, arm, depth + 1) for arm in node[key]])
    if "allOf" in node:
        typed = [m for m in node["allOf"] if not (isinstance(m, dict) and set(m) <= {"maxLength"})]
        return instances(root, typed[0] if len(typed) == 1 else {}, depth + 1)
    kind = node.get("type")
    if isinstance(kind, list):
        return st.one_of([instances(root, {**node, "type": k}, depth) for k in kind])
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        return st.integers(node.get("minimum"), node.get("maximum"))
    if kind == "number":
        return st.floats(
            node.get("minimum"), node.get("maximum"), allow_nan=False, allow_infinity=False
        )
    if kind == "string":
        if "pattern" in node:
            return st.from_regex(node["pattern"], fullmatch=True)
        return st.text(min_size=node.get("minLength", 0), max_size=min(node.get("maxLength", 8), 8))
    if kind == "array":
        item = instances(root, node.get("items", {}), depth + 1)
        return st.lists(
            item, min_size=node.get("minItems", 0), max_size=min(node.get("maxItems", 3), 3)
        )
    if kind == "object" or "properties" in node:
        props = node.get("properties") or {}
        required = set(node.get("required") or [])
        return st.fixed_dictionaries(
            {k: instances(root, v, depth + 1) for k, v in props.items() if k in required},
            optional={
                k: instances(root, v, depth + 1) for k, v in props.items() if k not in required
            },
        )
    return st.none() | st.integers() | st.text(max_size=4)


def _load(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _oracle_module(spec: Path, tmp: Path, name: str) -> Any:
    from datamodel_code_generator import DataModelType, InputFileType, generate

    out = tmp / f"{name}.py"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        generate(
            input_=spec,
            input_file_type=InputFileType.OpenAPI,
            output=out,
            output_model_type=DataModelType.PydanticV2BaseModel,
        )
    return _load(out, name)


def _cases(name: str, tmp: Path) -> list[tuple[str, Any, TypeAdapter[Any], TypeAdapter[Any]]]:
    """(schema name, JSON Schema root, our type, oracle type) for each comparable schema."""
    spec = SPECS / f"{name}.yml"
    result, package, out = _gen.generate(tmp, spec, package=f"oracle_{name}")
    pkg = _gen.load(out, package)
    oracle = _oracle_module(spec, tmp, f"dcg_{name}")
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    components = _json_schema((document.get("components") or {}).get("schemas") or {})
    cases = []
    for d in result.api.defs.values():
        if d.schema_name is None or not isinstance(d, (ModelDef, AliasDef)):
            continue
        theirs = getattr(oracle, d.schema_name, None)
        if theirs is None or "binary" in yaml.safe_dump(
            document["components"]["schemas"][d.schema_name]
        ):
            continue  # not named the same by the oracle, or a file (not a JSON value)
        ours = getattr(importlib.import_module(f"{pkg.__name__}.types.{d.module}"), d.name)
        root = {
            "$ref": f"#/components/schemas/{d.schema_name}",
            "components": {"schemas": components},
        }
        cases.append((d.schema_name, root, TypeAdapter(ours), TypeAdapter(theirs)))
    return cases


def _accepts(adapter: TypeAdapter[Any], value: Any) -> bool:
    try:
        adapter.validate_python(copy.deepcopy(value))
    except (ValidationError, ValueError, TypeError):
        return False
    return True


def _violations(root: Any, value: Any) -> set[str]:
    validator = jsonschema.Draft202012Validator(root)
    found: set[str] = set()
    for error in validator.iter_errors(value):
        for leaf in [error, *(error.context or [])]:
            found.add(str(leaf.validator))
    return found


@pytest.mark.parametrize("name", ORACLE_SPECS if os.environ.get("CORPUS") == "all" else FAST)
def test_our_models_and_the_oracle_agree(name: str, tmp_path: Path) -> None:
    cases = _cases(name, tmp_path)
    assert cases, f"no comparable schemas in {name}"
    strategies = []
    for schema_name, root, ours, theirs in cases:
        valid = instances(root, root)
        arbitrary = st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=5),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=4), inner, max_size=3)
            ),
            max_leaves=6,
        )
        strategies.append(st.tuples(st.just((schema_name, root, ours, theirs)), valid | arbitrary))
    unexplained: list[str] = []
    tally = {"both accept": 0, "both reject": 0, "reasoned": 0, "oracle lenient": 0}

    @settings(max_examples=60 * len(cases), deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(strategies))
    def check(drawn: tuple[tuple[str, Any, Any, Any], Any]) -> None:
        (schema_name, root, ours, theirs), value = drawn
        we, they = _accepts(ours, value), _accepts(theirs, value)
        if we == they:
            tally["both accept" if we else "both reject"] += 1
            return
        violated = _violations(root, value)
        if we and violated and violated <= set(REASONED_DIFFERENCES):
            tally["reasoned"] += 1  # we are lenient where listed; invalid only for those reasons
            return
        if they and not we and violated:
            tally["oracle lenient"] += 1  # the value is invalid and we reject it
            return
        unexplained.append(
            f"{schema_name}: ours={we} oracle={they} violates={sorted(violated)} value={value!r}"
        )

    check()
    sys.stdout.write(f"{name}: {len(cases)} schemas, {tally}\n")
    assert not unexplained, "\n".join(sorted(set(unexplained))[:20])
    assert tally["both accept"] and tally["both reject"], tally  # both kinds were drawn
