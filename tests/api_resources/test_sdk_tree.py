"""Every method of the official SDK's client is at the same place on ours, with the same arguments.

The official `openai` client is walked as an oracle (sync and async): each resource reachable from
the client, each public method on it, each parameter of that method. Ours must have a callable at
the same dotted path taking a parameter of every name the SDK's takes. What ours lacks is listed
in `ALLOWED` with the reason; an entry that is no longer needed fails too, so the list only
shrinks. The run prints how much matched (`methods matched / listed, params matched / listed`).
"""

from __future__ import annotations

import inspect
import warnings
from dataclasses import dataclass, field
from typing import Any

import pytest

# Operations the official SDK has that the upstream OpenAPI document (and so our spec) does not
# describe: there is nothing to generate them from.
_NOT_IN_UPSTREAM = "no such operation in the upstream OpenAPI document"

_NOT_IN_UPSTREAM_RESOURCES = (
    "admin.organization.external_keys",
    "admin.organization.external_storage",
    "admin.organization.workload_identity_providers",
    "beta.agents",
    "live",
    "safety",
)
_NOT_IN_UPSTREAM_METHODS = (
    "admin.organization.projects.api_keys.update",
    "admin.organization.projects.service_tier_settings.retrieve",
    "admin.organization.projects.service_tier_settings.update",
    "admin.organization.usage.decisions",
    "audio.voices.delete",
    "decisions.create",
    "webhooks.create",
    "webhooks.delete",
    "webhooks.event_types.list",
    "webhooks.list",
    "webhooks.retrieve",
    "webhooks.rotate_secret",
    "webhooks.test",
    "webhooks.update",
)

# Request fields the official SDK (newer than the upstream document) sends that upstream lacks.
_NOT_IN_UPSTREAM_PARAMS = {
    "audio.voices.create": ("model", "prompt", "script_hint", "type"),
}
# Parameters ours takes that the SDK's method does not ("<method path>(<param>)" -> why).
OURS_ONLY: dict[str, str] = {
    f"beta.realtime.sessions.create({name})": (
        "the spec's (upstream's) session request has it; openai 3.57.0's beta method does not"
    )
    for name in ("prompt", "truncation")
}

# Hand-written helpers someone is building (none today: upload_file_chunked, webhooks.unwrap /
# verify_signature, permissions.retrieve and realtime.connect's reconnection are built). Not
# checked for staleness: an entry disappears from the report when its helper lands; delete it then.
PENDING: dict[str, str] = {}

# "<dotted method path>" (a whole method), "<prefix>.*" (a whole resource) or
# "<dotted method path>(<param>)" -> why ours lacks it.
ALLOWED: dict[str, str] = {
    **{f"{name}.*": _NOT_IN_UPSTREAM for name in _NOT_IN_UPSTREAM_RESOURCES},
    **{name: _NOT_IN_UPSTREAM for name in _NOT_IN_UPSTREAM_METHODS},
    **{
        f"{method}({param})": _NOT_IN_UPSTREAM
        for method, params in _NOT_IN_UPSTREAM_PARAMS.items()
        for param in params
    },
}


@dataclass
class Parity:
    methods: list[str] = field(default_factory=list)  # every SDK method path, sync and async
    params: int = 0
    missing: dict[str, str] = field(default_factory=dict)  # unmatched item -> what is wrong

    def allowed(self, item: str) -> str | None:
        """The ALLOWED (or PENDING) key that covers an unmatched item, if any."""
        method = item.split("(")[0]
        for key in (item, method):
            if key in ALLOWED or key in PENDING:
                return key
        parts = method.split(".")
        for i in range(len(parts) - 1, 0, -1):
            key = ".".join(parts[:i]) + ".*"
            if key in ALLOWED:
                return key
        return None

    def counts(self) -> dict[str, int]:
        missing_methods = [m for m in self.missing if "(" not in m]
        missing_params = [m for m in self.missing if "(" in m]
        return {
            "methods": len(self.methods),
            "methods_matched": len(self.methods) - len(missing_methods),
            "params": self.params,
            "params_matched": self.params - len(missing_params),
        }


def _resources(client: Any, base: type) -> list[tuple[tuple[str, ...], Any]]:
    """Every resource object under the client, breadth first, with its dotted path."""
    found: list[tuple[tuple[str, ...], Any]] = []
    queue: list[tuple[tuple[str, ...], Any]] = [((), client)]
    while queue:
        path, parent = queue.pop(0)
        for name in sorted(dir(type(parent))):
            if name.startswith("_") or name.startswith("with_"):
                continue
            value = getattr(parent, name, None)
            if isinstance(value, base):
                found.append(((*path, name), value))
                queue.append(((*path, name), value))
    return found


def _public_methods(resource: Any) -> dict[str, Any]:
    return {
        name: getattr(resource, name)
        for name in dir(type(resource))
        if not name.startswith("_")
        and not name.startswith("with_")
        and inspect.isfunction(inspect.getattr_static(type(resource), name, None))
    }


def _lookup(root: Any, path: tuple[str, ...]) -> Any:
    target = root
    for part in path:
        target = getattr(target, part, None)
        if target is None:
            return None
    return target


def _parameters(method: Any) -> tuple[list[str], bool]:
    """Parameter names (not `self`) and whether it takes `**kwargs`."""
    params = inspect.signature(method).parameters.values()
    names = [p.name for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    return names, any(p.kind == p.VAR_KEYWORD for p in params)


def compare(sdk_client: Any, our_client: Any, sdk_base: type, label: str) -> Parity:
    parity = Parity()
    for path, sdk_resource in _resources(sdk_client, sdk_base):
        ours = _lookup(our_client, path)
        for name, sdk_method in sorted(_public_methods(sdk_resource).items()):
            where = ".".join((*path, name))
            parity.methods.append(f"{label} {where}")
            sdk_names, _ = _parameters(sdk_method)
            parity.params += len(sdk_names)
            method = getattr(ours, name, None) if ours is not None else None
            if not callable(method):
                parity.missing[where] = "no such method"
                for arg in sdk_names:
                    parity.missing[f"{where}({arg})"] = "no such method"
                continue
            names, takes_kwargs = _parameters(method)
            for arg in sdk_names:
                if arg not in names and not takes_kwargs:
                    parity.missing[f"{where}({arg})"] = f"not a parameter of ours: {names}"
    return parity


@pytest.fixture(scope="module")
def parity() -> dict[str, Parity]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the SDK flags the Assistants API
        import openai
        from openai._resource import AsyncAPIResource as SdkAsync
        from openai._resource import SyncAPIResource as SdkSync

        from typed_openai import AsyncOpenAI, OpenAI

        sdk_options = {"api_key": "k", "admin_api_key": "k", "webhook_secret": "whsec_k"}
        result = {
            "sync": compare(openai.OpenAI(**sdk_options), OpenAI(api_key="k"), SdkSync, "sync"),
            "async": compare(
                openai.AsyncOpenAI(**sdk_options), AsyncOpenAI(api_key="k"), SdkAsync, "async"
            ),
        }
    COUNTS.update({kind: p.counts() for kind, p in result.items()})
    return result


# filled by the fixture; printed at the end of the run by conftest.py
COUNTS: dict[str, dict[str, int]] = {}


def summary_line() -> str | None:
    if not COUNTS:
        return None
    parts = []
    for kind, c in COUNTS.items():
        parts.append(
            f"{kind}: methods {c['methods_matched']} matched / {c['methods'] - c['methods_matched']}"
            f" listed of {c['methods']}, params {c['params_matched']} matched /"
            f" {c['params'] - c['params_matched']} listed of {c['params']}"
        )
    return "SDK resource-tree parity — " + "; ".join(parts)


def test_the_walk_reaches_the_whole_sdk_client(parity: dict[str, Parity]) -> None:
    for kind in ("sync", "async"):
        counts = parity[kind].counts()
        assert counts["methods"] > 400 and counts["params"] > 3000, counts


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_every_sdk_method_and_parameter_exists_on_ours(
    parity: dict[str, Parity], kind: str
) -> None:
    unexpected = {
        item: why
        for item, why in parity[kind].missing.items()
        if parity[kind].allowed(item) is None
    }
    lines = [f"{item}: {why}" for item, why in sorted(unexpected.items())]
    assert not lines, f"{len(lines)} SDK methods/parameters missing on ours:\n" + "\n".join(lines)


def test_every_allowed_difference_is_still_needed(parity: dict[str, Parity]) -> None:
    used = {
        parity[kind].allowed(item) for kind in ("sync", "async") for item in parity[kind].missing
    }
    assert set(ALLOWED) <= used, sorted(set(ALLOWED) - used)


def test_allow_list_entries_do_not_overlap() -> None:
    assert not set(ALLOWED) & set(PENDING)
