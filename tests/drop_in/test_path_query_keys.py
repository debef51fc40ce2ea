"""A params TypedDict also names the arguments its request sends in the path or query, as the
official SDK's do: the path arguments the method takes by keyword (`MessageUpdateParams.thread_id`,
`StepRetrieveParams.run_id`, admin `...Params.project_id`) and the query arguments, also on a POST
(`RunCreateParams.include`). Code written for the SDK builds such a dict and unpacks it into the
call. The keys only type the dict: the method still sends each value where it belongs, so the
request is the same as with separate arguments — the path filled, the query set, and none of these
keys in the JSON body. Run against both SDKs over the loopback server."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from typing_extensions import Required, get_args, get_origin, get_type_hints

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY, run_both

INCLUDE = "step_details.tool_calls[*].file_search.results[*].content"

# (params TypedDict as `module:Class`, its keys sent outside the body, the call written with it,
#  the request it must send: method, path, query pairs, JSON body or None)
Call = Callable[[Any, Any], Any]
CASES: dict[str, tuple[str, tuple[str, ...], Call, tuple[str, str, list[Any], Any]]] = {
    "beta.threads.messages.update": (
        "beta.threads.message_update_params:MessageUpdateParams",
        ("thread_id",),
        lambda client, params: client.beta.threads.messages.update("msg_1", **params),
        ("POST", "/threads/thr_1/messages/msg_1", [], {"metadata": {"k": "v"}}),
    ),
    "beta.threads.runs.create": (
        "beta.threads.run_create_params:RunCreateParamsNonStreaming",
        ("include",),
        lambda client, params: client.beta.threads.runs.create("thr_1", **params),
        ("POST", "/threads/thr_1/runs", [("include[]", INCLUDE)], {"assistant_id": "asst_1"}),
    ),
    "beta.threads.runs.submit_tool_outputs": (
        "beta.threads.run_submit_tool_outputs_params:RunSubmitToolOutputsParamsNonStreaming",
        ("thread_id",),
        lambda client, params: client.beta.threads.runs.submit_tool_outputs("run_1", **params),
        (
            "POST",
            "/threads/thr_1/runs/run_1/submit_tool_outputs",
            [],
            {"tool_outputs": [{"tool_call_id": "call_1", "output": "42"}]},
        ),
    ),
    "beta.threads.runs.steps.retrieve": (
        "beta.threads.runs.step_retrieve_params:StepRetrieveParams",
        ("thread_id", "run_id", "include"),
        lambda client, params: client.beta.threads.runs.steps.retrieve("step_1", **params),
        ("GET", "/threads/thr_1/runs/run_1/steps/step_1", [("include[]", INCLUDE)], None),
    ),
    "vector_stores.files.update": (
        "vector_stores.file_update_params:FileUpdateParams",
        ("vector_store_id",),
        lambda client, params: client.vector_stores.files.update("file_1", **params),
        ("POST", "/vector_stores/vs_1/files/file_1", [], {"attributes": {"a": "b"}}),
    ),
    "admin.organization.projects.users.update": (
        "admin.organization.projects.user_update_params:UserUpdateParams",
        ("project_id",),
        lambda client, params: client.admin.organization.projects.users.update("user_1", **params),
        ("POST", "/organization/projects/proj_1/users/user_1", [], {"role": "owner"}),
    ),
}

PARAMS: dict[str, dict[str, Any]] = {
    "beta.threads.messages.update": {"thread_id": "thr_1", "metadata": {"k": "v"}},
    "beta.threads.runs.create": {"assistant_id": "asst_1", "include": [INCLUDE]},
    "beta.threads.runs.submit_tool_outputs": {
        "thread_id": "thr_1",
        "tool_outputs": [{"tool_call_id": "call_1", "output": "42"}],
    },
    "beta.threads.runs.steps.retrieve": {
        "thread_id": "thr_1",
        "run_id": "run_1",
        "include": [INCLUDE],
    },
    "vector_stores.files.update": {"vector_store_id": "vs_1", "attributes": {"a": "b"}},
    "admin.organization.projects.users.update": {"project_id": "proj_1", "role": "owner"},
}


def _typeddict(sdk: ModuleType, where: str) -> Any:
    module, name = where.split(":")
    return getattr(importlib.import_module(f"{sdk.__name__}.types.{module}"), name)


@pytest.mark.parametrize("call", sorted(CASES))
def test_the_keys_exist_with_the_sdks_required_ness(call: str) -> None:
    """A path argument's key is a required `str`, a query argument's an optional one, in both."""
    where, outside_body, _, _ = CASES[call]

    def keys(sdk: ModuleType) -> dict[str, Any]:
        hints = get_type_hints(_typeddict(sdk, where), include_extras=True)
        return {
            key: get_args(hints[key]) if get_origin(hints[key]) is Required else "optional"
            for key in outside_body
        }

    ours, theirs = run_both(keys)
    assert ours == theirs
    assert ours == {k: "optional" if k == "include" else (str,) for k in outside_body}


@pytest.mark.parametrize("call", sorted(CASES))
def test_a_dict_of_the_params_type_sends_the_same_request(
    call: str, server: ScriptedServer
) -> None:
    _, outside_body, invoke, (method, path, query, body) = CASES[call]
    server.default = Reply.json({"id": "x", "object": "thing"})

    def observe(sdk: ModuleType) -> dict[str, Any]:
        with sdk.OpenAI(
            api_key=API_KEY, admin_api_key="sk-admin-x", base_url=server.url, max_retries=0
        ) as client:
            invoke(client, dict(PARAMS[call]))
        sent = server.requests[-1]
        return {
            "method": sent.method,
            "path": sent.path,
            "query": sent.query,
            "body": json.loads(sent.body) if sent.body else None,
            "content-type": sent.headers.get("content-type") if sent.body else None,
        }

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert (ours["method"], ours["path"], ours["query"], ours["body"]) == (
        method,
        path,
        query,
        body,
    )
    assert not set(outside_body) & set(ours["body"] or {})
