"""Every model ours has where the official SDK has one (same module under `types`, same name)
lists its fields in the SDK's order: `repr(model)`, `print(model)`, `model_dump_json()` and
`to_json()` show them so, and code comparing printed or serialised models (logs, snapshots,
golden files) sees the same text with either SDK. The fields both have are compared (a field
only the newer SDK has is the field-names test's concern). A model that differs is listed below
with the reason; a listed one that no longer differs fails, so the list only shrinks.
"""

from __future__ import annotations

import importlib
import pkgutil
import warnings
from functools import cache

import openai.types
import pydantic
import pytest

# "SDK module under types:Name" -> why ours lists the fields in another order
KNOWN: dict[str, str] = {
    "admin.organization.audit_log_list_response:AuditLogListResponse": (
        "the SDK (newer than the upstream document) lists workload_identity_provider_mapping_*"
        " before workload_identity_provider_*, against the wire-name order that holds for every"
        " other field; the document has neither order"
    ),
    "beta.web_search_action:WebSearchActionResourceSearch": (
        "a copy of the document's BetaWebSearchActionSearch, which requires only `type`: ours lists"
        " it first, then the optional fields by name, as the SDK's own ActionSearch of this shape"
        " (beta_response_function_web_search) does; the SDK's search member lists all by name"
    ),
}


@cache
def differences() -> dict[str, tuple[list[str], list[str]]]:
    """SDK class ("module:Name") -> (the SDK's order, ours) of the fields both have."""
    found: dict[str, tuple[list[str], list[str]]] = {}
    prefix = openai.types.__name__ + "."
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        for info in pkgutil.walk_packages(openai.types.__path__, prefix):
            sdk = importlib.import_module(info.name)
            try:
                ours = importlib.import_module("typed_openai.types." + info.name[len(prefix) :])
            except ImportError:
                continue
            for name, theirs in vars(sdk).items():
                mine = getattr(ours, name, None)
                if not all(
                    isinstance(c, type) and issubclass(c, pydantic.BaseModel)
                    for c in (theirs, mine)
                ):
                    continue
                assert isinstance(theirs, type) and isinstance(mine, type)
                both = set(theirs.model_fields) & set(mine.model_fields)
                their_order = [f for f in theirs.model_fields if f in both]
                our_order = [f for f in mine.model_fields if f in both]
                if their_order != our_order:
                    key = f"{theirs.__module__[len(prefix) :]}:{theirs.__name__}"
                    found[key] = (their_order, our_order)
    return found


def test_models_list_their_fields_in_the_sdks_order() -> None:
    unlisted = {k: v for k, v in differences().items() if k not in KNOWN}
    report = "\n".join(f"{k}\n  sdk:  {a}\n  ours: {b}" for k, (a, b) in sorted(unlisted.items()))
    assert not unlisted, f"{len(unlisted)} models list their fields in another order:\n{report}"


@pytest.mark.parametrize("key", sorted(KNOWN))
def test_known_differences_are_current(key: str) -> None:
    assert key in differences(), f"{key} now lists its fields as the SDK does: remove it from KNOWN"


def test_an_extending_item_lists_its_bases_fields_first() -> None:
    """The call items the SDK builds as subclasses: the base's fields, then the item's own."""
    from typed_openai.types.responses import ResponseCustomToolCallOutputItem

    item = ResponseCustomToolCallOutputItem(
        id="ctco_1", call_id="c", output="done", type="custom_tool_call_output", status="completed"
    )
    assert repr(item).startswith("ResponseCustomToolCallOutputItem(call_id='c', output='done',")
    assert list(item.to_dict()) == ["call_id", "output", "type", "id", "status"]
