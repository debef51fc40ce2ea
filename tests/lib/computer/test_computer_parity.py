"""``ComputerToolset`` / ``AsyncComputerToolset`` against the official SDK's (an oracle only): the same
program — a driver that records what it is asked, and a toolset run — runs with both SDKs over the
loopback server, and the driver calls, the request bodies and the result (or error) must agree.

The local server plans computer calls from the prompt (see ``typed_openai.testing._api._computer``);
a recording proxy (``tests.support.server``) in front of it keeps every request body.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import httpx
import openai
import pytest

import typed_openai
from tests.support.server import RecordedRequest, Reply, ScriptedServer
from typed_openai.testing import LocalOpenAIServer

SDKS = [pytest.param(openai, id="openai"), pytest.param(typed_openai, id="typed_openai")]
MODEL = "computer-use-preview"
SCREEN = {"type": "computer_screenshot", "image_url": "data:image/png;base64,iVBORw0KGgo="}
PREVIEW_TOOL = {
    "type": "computer_use_preview",
    "display_width": 1024,
    "display_height": 768,
    "environment": "browser",
}
_ID = re.compile(r"^(cu_sc|cu|call|msg|rs|resp)_[0-9a-f]{24}$")


@pytest.fixture(scope="module")
def local() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer(step_seconds=0.01) as running:
        yield running


@pytest.fixture
def proxy(local: LocalOpenAIServer) -> Iterator[ScriptedServer]:
    """Records each request, then answers it with what the local server says."""

    def forward(request: RecordedRequest) -> Reply:
        answer = httpx.request(
            request.method,
            local.url + request.target,
            content=request.body,
            headers={
                "authorization": request.headers["authorization"],
                "content-type": "application/json",
            },
        )
        return Reply.raw(answer.content, answer.status_code, content_type="application/json")

    with ScriptedServer() as server:
        server.default = Reply.dynamic(forward)
        yield server


class Recorder:
    """A driver that notes each call (name and action as JSON) and shows the same screen."""

    def __init__(
        self, asynchronous: bool, fail_on: str | None = None, screen: Any = SCREEN
    ) -> None:
        self.calls: list[tuple[str, Any]] = []
        self._asynchronous = asynchronous
        self._fail_on = fail_on
        self._screen = screen

    def _do(self, name: str, action: Any) -> Any:
        self.calls.append((name, None if action is None else action.to_dict()))
        if name == self._fail_on:
            raise ValueError(f"the driver cannot {name}")
        return self._screen if name == "screenshot" else None

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_"):
            raise AttributeError(name)

        def method(action: Any = None) -> Any:
            return self._do(name, action)

        async def async_method(action: Any = None) -> Any:
            return self._do(name, action)

        return async_method if self._asynchronous else method


def _normalised(value: Any, names: dict[str, str]) -> Any:
    """``value`` with each generated id replaced by its order of appearance (ids are random)."""
    if isinstance(value, dict):
        return {key: _normalised(item, names) for key, item in value.items()}  # pyright: ignore[reportUnknownVariableType]
    if isinstance(value, list):
        return [_normalised(item, names) for item in value]  # pyright: ignore[reportUnknownVariableType]
    if isinstance(value, str) and _ID.match(value):
        return names.setdefault(value, f"id{len(names)}")
    return value


def _outcome(result: Any) -> Any:
    if isinstance(result, BaseException):
        response = getattr(result, "response", None)
        status = None if response is None else getattr(response, "status", "?")
        return {"error": type(result).__name__, "message": str(result), "response_status": status}
    return {
        "status": result.status,
        "output": [item.to_dict() for item in result.output],
        "text": result.output_text,
    }


def _observed(proxy: ScriptedServer, driver: Recorder, result: Any, keys_set: bool = False) -> Any:
    names: dict[str, str] = {}
    bodies = [request.json() for request in proxy.requests]
    # an Idempotency-Key by its order of first use (None: not sent)
    keys = [request.headers.get("idempotency-key") for request in proxy.requests]
    first_use = {key: index for index, key in reversed(list(enumerate(keys)))}
    proxy.requests.clear()
    seen = {"bodies": bodies, "driver": driver.calls, "result": _outcome(result)}
    if keys_set:  # (unasked, neither client sends one)
        seen["idempotency"] = [None if key is None else first_use[key] for key in keys]
    return _normalised(seen, names)


def _cancel_after(polls: int | None) -> dict[str, Callable[[], bool]]:
    """A fresh ``cancelled`` for one run: True from its ``polls + 1``-th poll on."""
    if polls is None:
        return {}
    asked: list[int] = []
    return {"cancelled": lambda: asked.append(1) or len(asked) > polls}


def run_sync(sdk: ModuleType, proxy: ScriptedServer, params: dict[str, Any], **options: Any) -> Any:
    options |= _cancel_after(options.pop("cancel_after", None))
    driver = Recorder(
        asynchronous=False,
        fail_on=options.pop("fail_on", None),
        screen=options.pop("screen", SCREEN),
    )
    headers = options.pop("default_headers", None)
    with sdk.OpenAI(
        base_url=proxy.url + "/v1", api_key="sk-test", max_retries=0, default_headers=headers
    ) as client:
        try:
            result: Any = sdk.ComputerToolset(driver).run(client, params, **options)
        except Exception as error:
            result = error
    return _observed(proxy, driver, result, keys_set=headers is not None)


async def run_async(
    sdk: ModuleType, proxy: ScriptedServer, params: dict[str, Any], **options: Any
) -> Any:
    options |= _cancel_after(options.pop("cancel_after", None))
    driver = Recorder(
        asynchronous=True,
        fail_on=options.pop("fail_on", None),
        screen=options.pop("screen", SCREEN),
    )
    async with sdk.AsyncOpenAI(
        base_url=proxy.url + "/v1", api_key="sk-test", max_retries=0
    ) as client:
        try:
            result: Any = await sdk.AsyncComputerToolset(driver).run(client, params, **options)
        except Exception as error:
            result = error
    return _observed(proxy, driver, result)


def same_sync(proxy: ScriptedServer, params: dict[str, Any], **options: Any) -> Any:
    ours = run_sync(typed_openai, proxy, params, **dict(options))
    theirs = run_sync(openai, proxy, params, **dict(options))
    assert ours == theirs
    return ours


async def same_async(proxy: ScriptedServer, params: dict[str, Any], **options: Any) -> Any:
    ours = await run_async(typed_openai, proxy, params, **dict(options))
    theirs = await run_async(openai, proxy, params, **dict(options))
    assert ours == theirs
    return ours


STEPS = "click the box and type a word; drag it; keypress then scroll; double_click, move and wait"


def test_a_run_dispatches_every_action_and_replays_the_history(proxy: ScriptedServer) -> None:
    seen = same_sync(proxy, {"model": MODEL, "input": STEPS, "tool_choice": "required"})
    driver_names = [name for name, _ in seen["driver"]]
    assert driver_names == [
        "click", "type", "screenshot", "drag", "screenshot", "keypress", "scroll", "screenshot",
        "double_click", "move", "wait", "screenshot",
    ]  # fmt: skip
    first, *_, last = seen["bodies"]
    assert len(seen["bodies"]) == 5
    assert first["tools"] == [{"type": "computer"}] and first["stream"] is False
    assert first["include"] == ["reasoning.encrypted_content"]
    assert first["tool_choice"] == "required" and last["tool_choice"] == "auto"
    outputs = [item for item in last["input"] if item.get("type") == "computer_call_output"]
    assert len(outputs) == 4 and all(item["output"] == SCREEN for item in outputs)
    assert seen["result"]["status"] == "completed" and "click the box" in seen["result"]["text"]


@pytest.mark.anyio
async def test_an_async_run_matches_the_official_one(proxy: ScriptedServer) -> None:
    seen = await same_async(
        proxy, {"model": MODEL, "input": STEPS, "include": ["message.output_text.logprobs"]}
    )
    assert len(seen["driver"]) == 12 and len(seen["bodies"]) == 5
    assert seen["bodies"][0]["include"] == [
        "message.output_text.logprobs",
        "reasoning.encrypted_content",
    ]


def test_the_preview_tool_acknowledges_approved_safety_checks(proxy: ScriptedServer) -> None:
    approvals: list[Any] = []
    seen = same_sync(
        proxy,
        {
            "model": MODEL,
            "input": [{"role": "user", "content": "a sensitive click; type"}],
            "tools": [PREVIEW_TOOL],
        },
        approve_safety_checks=lambda call: approvals.append(call.call_id) or True,
        before_action=lambda action: approvals.append(action.type) or True,
    )
    acknowledged = [
        item for item in seen["bodies"][1]["input"] if item.get("type") == "computer_call_output"
    ]
    assert [check["code"] for check in acknowledged[0]["acknowledged_safety_checks"]] == [
        "sensitive_domain"
    ]
    assert [name for name, _ in seen["driver"]] == ["click", "screenshot", "type", "screenshot"]
    # per run (ours, then the official one): the call's safety checks, then each action
    steps = ["click", "screenshot", "type", "screenshot"]
    assert approvals[1:5] == approvals[6:] == steps and approvals[0].startswith("call_")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"max_steps": 2}, "Computer run reached max_steps before completion"),
        ({}, "Computer safety checks require explicit approval"),
        (
            {"approve_safety_checks": lambda call: "yes"},
            "Computer safety checks require explicit approval",
        ),
        (
            {"before_action": lambda action: action.type != "drag"},
            "Computer action was not approved",
        ),
        (
            {"screen": {"type": "computer_screenshot"}},
            "Driver must return a computer_screenshot with image_url or file_id",
        ),
    ],
)
def test_a_stopped_run_raises_the_same_error(
    proxy: ScriptedServer, options: dict[str, Any], message: str
) -> None:
    params = {"model": MODEL, "input": "click; drag; type a sensitive word; wait"}
    seen = same_sync(proxy, params, **options)
    assert seen["result"] == {
        "error": "ComputerUseError",
        "message": message,
        "response_status": "completed",
    }


@pytest.mark.anyio
async def test_a_driver_failure_propagates_unchanged(proxy: ScriptedServer) -> None:
    seen = await same_async(proxy, {"model": MODEL, "input": "click; type; wait"}, fail_on="type")
    assert seen["result"] == {
        "error": "ValueError",
        "message": "the driver cannot type",
        "response_status": None,
    }
    assert [name for name, _ in seen["driver"]] == ["click", "screenshot", "type"]
    assert len(seen["bodies"]) == 2


def test_cancellation_stops_between_driver_calls(proxy: ScriptedServer) -> None:
    seen = same_sync(proxy, {"model": MODEL, "input": "click and type; wait"}, cancel_after=6)
    assert seen["result"] == {
        "error": "ComputerUseError",
        "message": "Computer run was cancelled",
        "response_status": "completed",
    }
    assert [name for name, _ in seen["driver"]] == ["click"]


@pytest.mark.parametrize(
    "params",
    [
        {"model": MODEL, "input": "click", "stream": True},
        {"model": MODEL, "input": "click", "previous_response_id": "resp_1"},
        {"model": MODEL, "input": "click", "tools": [{"type": "computer"}, {"type": "web_search"}]},
        {"model": MODEL, "input": "click", "tools": None},
        {"model": MODEL, "input": "click", "extra_body": {"tools": []}},
    ],
)
def test_requests_the_loop_cannot_run_are_refused_before_sending(
    proxy: ScriptedServer, params: dict[str, Any]
) -> None:
    seen = same_sync(proxy, params)
    assert seen["result"]["error"] == "ValueError" and seen["bodies"] == []


@pytest.mark.parametrize("max_steps", [0, True, 1.5])
def test_max_steps_must_be_a_positive_integer(proxy: ScriptedServer, max_steps: Any) -> None:
    seen = same_sync(proxy, {"model": MODEL, "input": "click"}, max_steps=max_steps)
    assert seen["result"]["message"] == "max_steps must be a positive integer"


def _canned(*output: dict[str, Any]) -> Reply:
    """The same response to every request: ``output`` with fixed ids."""
    body = {"id": "resp_1", "object": "response", "created_at": 1, "status": "completed"}
    body |= {"model": MODEL, "output": list(output), "parallel_tool_calls": True, "error": None}
    body |= {"tool_choice": "auto", "tools": [], "incomplete_details": None, "instructions": None}
    return Reply.json({**body, "metadata": {}})


CALL = {"type": "computer_call", "id": "cu_1", "call_id": "call_1", "status": "completed"}
MESSAGE = {"type": "message", "id": "msg_1", "role": "assistant", "status": "completed"}
NOTE = {
    **MESSAGE,
    "phase": "commentary",
    "content": [{"type": "output_text", "text": "hm", "annotations": []}],
}
FUNCTION_CALL = {
    "type": "function_call",
    "id": "fc_1",
    "call_id": "call_9",
    "name": "f",
    "arguments": "{}",
}


@pytest.mark.parametrize(
    ("reply", "message", "driver"),
    [
        (
            _canned({**CALL, "actions": [{"type": "teleport", "x": 1}]}),
            "Invalid computer action",
            [],
        ),
        (_canned({**CALL, "actions": []}), "Computer call has no actions", []),
        (
            _canned({**CALL, "action": {"type": "wait"}}),
            "Legacy computer call is missing safety checks",
            [],
        ),
        (
            _canned({**CALL, "actions": [{"type": "wait"}], "action": {"type": "wait"}}),
            "Computer call requires exactly one of action or actions",
            [],
        ),
        (
            _canned({**CALL, "actions": [{"type": "wait"}]}),
            "Response has a duplicate computer call identity",
            ["wait", "screenshot"],
        ),
        (
            _canned(
                {**CALL, "actions": [{"type": "wait"}]}, {**CALL, "actions": [{"type": "wait"}]}
            ),
            "Response has a duplicate computer call identity",
            [],
        ),
        (_canned(FUNCTION_CALL), "Response requires a tool this helper does not handle", []),
        (_canned(NOTE), "Response has no final message or computer call", []),
        (
            _canned({**MESSAGE, "content": [{"type": "output_text", "text": "hi"}]}),
            "Response requires native assistant content before replay",
            [],
        ),
        (
            _canned({**MESSAGE, "content": [{"type": "refusal", "refusal": 7}]}),
            "Response requires native assistant content before replay",
            [],
        ),
        (
            _canned({"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text"}]}),
            "Response requires native reasoning content before replay",
            [],
        ),
        (
            _canned({"type": "compaction", "id": "cmp_1"}),
            "Response requires native compaction content before replay",
            [],
        ),
    ],
)
def test_a_response_the_loop_cannot_go_on_with_is_refused(
    proxy: ScriptedServer, reply: Reply, message: str, driver: list[str]
) -> None:
    proxy.default = reply
    seen = same_sync(proxy, {"model": MODEL, "input": "anything"})
    assert seen["result"] == {
        "error": "ComputerUseError",
        "message": message,
        "response_status": "completed",
    }
    assert [name for name, _ in seen["driver"]] == driver


def test_reasoning_items_are_replayed_with_the_history(proxy: ScriptedServer) -> None:
    params = {"model": MODEL, "input": "click; wait", "reasoning": {"summary": "auto"}}
    seen = same_sync(proxy, params)
    replayed = [item.get("type", "message") for item in seen["bodies"][-1]["input"]]
    assert replayed == [
        "message", "reasoning", "computer_call", "computer_call_output",
        "reasoning", "computer_call", "computer_call_output",
    ]  # fmt: skip


@pytest.mark.parametrize("sdk", SDKS)
def test_execute_answers_one_call(sdk: ModuleType) -> None:
    call = sdk.types.responses.ResponseComputerToolCall.model_validate(
        {"type": "computer_call", "id": "cu_1", "call_id": "call_1", "status": "completed", "action": {"type": "wait"},
         "pending_safety_checks": []}
    )  # fmt: skip
    driver = Recorder(asynchronous=False)
    output = sdk.ComputerToolset(driver).execute(call)
    assert output == {
        "type": "computer_call_output",
        "call_id": "call_1",
        "output": SCREEN,
        "acknowledged_safety_checks": [],
    }
    assert driver.calls == [("wait", {"type": "wait"}), ("screenshot", None)]


@pytest.mark.parametrize("sdk", SDKS)
def test_diagnostics_name_each_step_without_content(sdk: ModuleType) -> None:
    call = sdk.types.responses.ResponseComputerToolCall.model_validate(
        {"type": "computer_call", "id": "cu_1", "call_id": "call_1", "status": "completed",
         "actions": [{"type": "move", "x": 1, "y": 2}], "pending_safety_checks": []}
    )  # fmt: skip
    seen: list[dict[str, Any]] = []
    sdk.ComputerToolset(Recorder(asynchronous=False)).execute(
        call, before_action=lambda action: True, on_diagnostic=seen.append
    )
    assert [
        {key: value for key, value in entry.items() if key != "duration_ms"} for entry in seen
    ] == [
        {
            "api": "computer",
            "stage": stage,
            "reason": "completed",
            "call_id": "call_1",
            "member": member,
            "usage": None,
        }
        for stage, member in [
            ("approval", "move"),
            ("action", "move"),
            ("approval", "screenshot"),
            ("action", "screenshot"),
        ]
    ]


@pytest.mark.parametrize("sdk", SDKS)
def test_a_driver_of_the_wrong_flavour_or_closed_toolset_is_refused(sdk: ModuleType) -> None:
    with pytest.raises(ValueError, match="has the wrong method flavor; use AsyncComputerToolset"):
        sdk.ComputerToolset(Recorder(asynchronous=True))
    with pytest.raises(ValueError, match="use ComputerToolset"):
        sdk.AsyncComputerToolset(_SyncTyped())
    toolset = sdk.ComputerToolset(Recorder(asynchronous=False))
    assert toolset.close() == {"status": "closed"}
    with pytest.raises(RuntimeError, match="Computer toolset is closed"):
        toolset.run(sdk.OpenAI(api_key="sk-test"), {"model": MODEL, "input": "click"})


class _SyncTyped:
    """A sync driver whose annotations say so (an unannotated one could be either flavour)."""

    def __getattr__(self, name: str) -> Callable[..., None]:
        if name.startswith("_"):
            raise AttributeError(name)

        def method(action: Any = None) -> None:
            return None

        return method


def test_a_subclass_missing_a_method_cannot_be_made() -> None:
    class Incomplete(typed_openai.ComputerDriver):
        def click(self, action: Any) -> None:
            return None

    with pytest.raises(TypeError):
        Incomplete()  # type: ignore[abstract]


def test_a_cut_final_answer_is_an_error_with_the_response(proxy: ScriptedServer) -> None:
    seen = same_sync(proxy, {"model": MODEL, "input": "wait", "max_output_tokens": 16})
    assert seen["result"] == {
        "error": "ComputerUseError",
        "message": "Response did not complete",
        "response_status": "incomplete",
    }
    assert len(seen["bodies"]) == 2 and seen["bodies"][1]["max_output_tokens"] == 16


def test_allowed_tools_required_is_relaxed_after_the_first_step(proxy: ScriptedServer) -> None:
    choice = {"type": "allowed_tools", "mode": "required", "tools": [{"type": "computer"}]}
    seen = same_sync(proxy, {"model": MODEL, "input": "move", "tool_choice": choice})
    assert [body["tool_choice"]["mode"] for body in seen["bodies"]] == ["required", "auto"]


@pytest.mark.parametrize("sdk", SDKS)
def test_a_fixed_idempotency_key_is_replaced_after_the_first_step(
    sdk: ModuleType, proxy: ScriptedServer
) -> None:
    params = {"model": MODEL, "input": "click; wait"}
    seen = run_sync(sdk, proxy, params, default_headers={"Idempotency-Key": "fixed"})
    assert seen["idempotency"] == [0, 1, 2]  # three requests, three keys


@pytest.mark.parametrize("sdk", SDKS)
def test_a_sync_driver_returning_an_awaitable_is_refused(sdk: ModuleType) -> None:
    class Lying:
        def __getattr__(self, name: str) -> Callable[..., Any]:
            if name.startswith("_"):
                raise AttributeError(name)

            def method(action: Any = None):  # no annotation: the flavour is not known up front
                async def later() -> None:
                    return None

                return later()

            return method

    call = sdk.types.responses.ResponseComputerToolCall.model_validate(
        {"type": "computer_call", "id": "cu_1", "call_id": "call_1", "status": "completed",
         "actions": [{"type": "wait"}], "pending_safety_checks": []}
    )  # fmt: skip
    with pytest.raises(
        sdk.lib.computer.ComputerUseError, match="returned an awaitable; use AsyncComputerToolset"
    ):
        sdk.ComputerToolset(Lying()).execute(call)


@pytest.mark.anyio
@pytest.mark.parametrize("sdk", SDKS)
async def test_one_call_at_a_time_and_close_drains(
    sdk: ModuleType, local: LocalOpenAIServer
) -> None:
    entered, release = asyncio.Event(), asyncio.Event()

    class Slow:
        async def click(self, action: Any) -> None:
            entered.set()
            await release.wait()

        def __getattr__(self, name: str) -> Callable[..., Any]:
            if name.startswith("_"):
                raise AttributeError(name)

            async def method(action: Any = None) -> Any:
                return SCREEN if name == "screenshot" else None

            return method

    toolset = sdk.AsyncComputerToolset(Slow())
    params = {"model": MODEL, "input": "click"}
    async with sdk.AsyncOpenAI(base_url=local.base_url, api_key=local.api_key) as client:
        first = asyncio.ensure_future(toolset.run(client, params))
        await entered.wait()
        with pytest.raises(RuntimeError, match="Computer toolset is busy with another call"):
            await toolset.run(client, params)
        assert toolset.close() == {"status": "draining"}
        release.set()
        assert (await first).status == "completed"  # the call under way finishes
        with pytest.raises(RuntimeError, match="Computer toolset is closed"):
            await toolset.run(client, params)
