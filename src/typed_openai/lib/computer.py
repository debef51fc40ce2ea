"""Computer use over the Responses API, with a browser or desktop driver the caller owns.

``ComputerToolset(driver).run(client, params)`` calls ``responses.create`` with one computer tool,
hands the actions of every ``computer_call`` to the driver, answers each call with a screenshot
taken after its actions (a ``computer_call_output``), and repeats with the whole history until the
model replies with a message. ``execute(call)`` does one call for code that runs its own loop.

The loop is written once, as coroutines. The async toolset awaits them; the sync toolset drives the
same coroutine by hand (``_finish``): with a sync client and driver nothing in it ever suspends, and
``_sync_value`` refuses an awaitable instead of waiting for it.
"""

from __future__ import annotations

import contextlib
import copy
import inspect
import threading
from abc import abstractmethod
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from time import monotonic
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar, Union, cast
from uuid import uuid4

from typing_extensions import TypeAlias, TypedDict

from ..types.responses import Response, ResponseComputerToolCall
from ..types.responses import computer_action as ga
from ..types.responses import response_computer_tool_call as preview
from ..types.responses.computer_action import ComputerAction
from ..types.responses.response_computer_tool_call_output_screenshot_param import (
    ResponseComputerToolCallOutputScreenshotParam,
)
from ..types.responses.response_input_param import ComputerCallOutput
from .tool_diagnostics import ToolDiagnostic, ToolDiagnosticObserver

if TYPE_CHECKING:
    from .. import AsyncOpenAI, OpenAI

__all__ = [
    "AsyncComputerDriver",
    "AsyncComputerToolset",
    "ComputerActionInput",
    "ComputerDriver",
    "ComputerToolset",
    "ComputerUseError",
    "Screenshot",
]

# A call carries either the GA tool's `actions` or the preview tool's single `action`.
ComputerActionInput: TypeAlias = Union[preview.Action, ComputerAction]
Screenshot: TypeAlias = ResponseComputerToolCallOutputScreenshotParam

_T = TypeVar("_T")
_Done = TypeVar("_Done", covariant=True)
_Shot = TypeVar("_Shot", covariant=True)
_ACTIONS = ("click", "double_click", "drag", "keypress", "move", "scroll", "type", "wait")
_COMPUTER_TOOLS = ("computer", "computer_use_preview")
# Fields the loop sets itself; `extra_body` may not override them.
_RUNNER_FIELDS = {
    "stream",
    "background",
    "conversation",
    "previous_response_id",
    "tools",
    "input",
    "include",
    "tool_choice",
}
_CANCELLED = "Computer run was cancelled"


class _Driver(Protocol[_Done, _Shot]):
    """The driver methods, once for both flavours: a sync driver's return plain values, an async
    driver's return awaitables of them (``async def`` methods do)."""

    @abstractmethod
    def click(self, action: ga.Click | preview.ActionClick) -> _Done:
        """Press ``action.button`` (left, right, wheel, back or forward) at ``action.x``,
        ``action.y``."""

    @abstractmethod
    def double_click(self, action: ga.DoubleClick | preview.ActionDoubleClick) -> _Done:
        """Double-click the left button at ``action.x``, ``action.y``."""

    @abstractmethod
    def drag(self, action: ga.Drag | preview.ActionDrag) -> _Done:
        """Press at the first point of ``action.path``, move through the others in order, and
        release at the last."""

    @abstractmethod
    def keypress(self, action: ga.Keypress | preview.ActionKeypress) -> _Done:
        """Press ``action.keys`` together (a chord such as ``["CTRL", "A"]``), then release them."""

    @abstractmethod
    def move(self, action: ga.Move | preview.ActionMove) -> _Done:
        """Move the pointer to ``action.x``, ``action.y`` without pressing anything."""

    @abstractmethod
    def scroll(self, action: ga.Scroll | preview.ActionScroll) -> _Done:
        """With the pointer at ``action.x``, ``action.y``, scroll by ``action.scroll_x``
        and ``action.scroll_y`` pixels (negative values scroll back)."""

    @abstractmethod
    def type(self, action: ga.Type | preview.ActionType) -> _Done:
        """Type ``action.text`` where the focus is."""

    @abstractmethod
    def wait(self, action: ga.Wait | preview.ActionWait) -> _Done:
        """Let the screen settle for a moment (the driver picks how long, within its own
        bounds)."""

    @abstractmethod
    def screenshot(self) -> _Shot:
        """The screen now, in native pixels: ``{"type": "computer_screenshot"}`` with an
        ``image_url`` (a data URL is fine) or a ``file_id``."""


class ComputerDriver(_Driver[None, Screenshot], Protocol):
    """Performs each action on a screen the caller controls, and takes screenshots.

    A method raises when it cannot do what it is asked (never skips it silently); the driver
    owns permissions, bounds checks, waiting for the screen to settle, and cleanup.
    """


class AsyncComputerDriver(_Driver[Awaitable[None], Awaitable[Screenshot]], Protocol):
    """``ComputerDriver`` with ``async def`` methods, for ``AsyncComputerToolset``."""


class ComputerUseError(RuntimeError):
    """A computer run stopped before the model's final answer; ``response`` is the last one seen."""

    def __init__(self, message: str, response: Response | None = None) -> None:
        super().__init__(message)
        self.response = response


class CloseStatus(TypedDict):
    status: Literal["closed", "draining"]


# -- preparing the request ------------------------------------------------------------------------


def _prepare(params: Mapping[str, Any], max_steps: object) -> dict[str, Any]:
    """The request of the first step: the caller's params (copied) with the loop's own fields."""
    if isinstance(max_steps, bool) or not isinstance(max_steps, int) or max_steps < 1:
        raise ValueError("max_steps must be a positive integer")
    request = copy.deepcopy(dict(params))
    extra_body = request.get("extra_body")
    if isinstance(extra_body, Mapping) and _RUNNER_FIELDS.intersection(
        cast(Mapping[str, Any], extra_body)
    ):
        raise ValueError("ComputerToolset extra_body cannot override runner-owned fields")
    if request.get("stream") or request.get("background"):
        raise ValueError("ComputerToolset requires non-streaming, foreground responses")
    if request.get("previous_response_id") or request.get("conversation"):
        raise ValueError(
            "Pass complete input history; conversation and previous_response_id are not supported"
        )
    tools = list(request["tools"]) if request.get("tools") is not None else None
    if tools is None and "tools" not in request:
        tools = [{"type": "computer"}]
    if tools is None or len(tools) != 1 or _field(tools[0], "type") not in _COMPUTER_TOOLS:
        raise ValueError("ComputerToolset requires exactly one computer tool")
    given = request.get("input", [])
    # The whole history is sent again at every step, so the loop works with storage off too.
    request.update(
        tools=tools,
        stream=False,
        input=[{"role": "user", "content": given}] if isinstance(given, str) else list(given),
        include=list(
            dict.fromkeys([*(request.get("include") or []), "reasoning.encrypted_content"])
        ),
    )
    return request


def _field(value: object, name: str) -> object:
    if isinstance(value, Mapping):
        return cast(Mapping[str, object], value).get(name)
    return getattr(value, name, None)


def _rotate_idempotency_key(client: OpenAI | AsyncOpenAI, request: dict[str, Any]) -> None:
    """A key the caller set once would make the server replay the first step's answer."""
    extra = dict(cast(Mapping[str, str], request.get("extra_headers") or {}))
    if any(name.lower() == "idempotency-key" for name in [*client.default_headers, *extra]):
        kept = {name: value for name, value in extra.items() if name.lower() != "idempotency-key"}
        request["extra_headers"] = {**kept, "Idempotency-Key": f"typed-openai-computer-{uuid4()}"}


def _seen_ids(history: list[Any]) -> tuple[set[str], set[str]]:
    """The item ids and call ids already in the input, which no reply may use again."""
    ids: set[str] = set()
    call_ids: set[str] = set()
    for item in history:
        if isinstance(item, Mapping):
            entry = cast(Mapping[str, object], item)
            if isinstance(entry.get("id"), str) and entry["id"] != "":
                ids.add(cast(str, entry["id"]))
            if isinstance(entry.get("call_id"), str):
                call_ids.add(cast(str, entry["call_id"]))
    return ids, call_ids


# -- reading a response ---------------------------------------------------------------------------


def _integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _point(value: object) -> bool:
    return _integer(getattr(value, "x", None)) and _integer(getattr(value, "y", None))


def _each(values: object, check: Callable[[object], bool]) -> bool:
    return isinstance(values, list) and all(check(value) for value in cast(list[object], values))


def _strings(value: object) -> bool:
    return _each(value, lambda item: isinstance(item, str))


def _valid_action(action: object) -> bool:
    kind = getattr(action, "type", None)
    keys = getattr(action, "keys", None)
    if keys is not None and not _strings(keys):
        return False
    if kind in ("click", "double_click", "move", "scroll") and not _point(action):
        return False
    if kind == "click":
        return getattr(action, "button", None) in ("left", "right", "wheel", "back", "forward")
    if kind == "scroll":
        return _integer(getattr(action, "scroll_x", None)) and _integer(
            getattr(action, "scroll_y", None)
        )
    if kind == "drag":
        path = getattr(action, "path", None)
        return _each(path, _point)
    if kind == "keypress":
        return keys is not None
    if kind == "type":
        return isinstance(getattr(action, "text", None), str)
    return kind in ("double_click", "move", "screenshot", "wait")


def _valid_check(check: object) -> bool:
    return (
        isinstance(check, preview.PendingSafetyCheck)
        and isinstance(cast(object, check.id), str)
        and all(
            isinstance(value, (str, type(None)))
            for value in cast(list[object], [check.code, check.message])
        )
    )


def _actions(call: ResponseComputerToolCall) -> list[Any]:
    """The call's actions, checked before anything is done for it."""
    if not isinstance(cast(object, call.id), str):
        raise ComputerUseError("Computer call needs a string id")
    if not isinstance(cast(object, call.call_id), str):
        raise ComputerUseError("Computer call needs a string call_id")
    given = call.model_fields_set
    if (
        ("actions" in given and call.actions is None)
        or ("action" in given and call.action is None)
        or (call.actions is not None and call.action is not None)
    ):
        raise ComputerUseError("Computer call requires exactly one of action or actions")
    actions: list[Any] = (
        list(call.actions) if call.actions is not None else [call.action] if call.action else []
    )
    if not actions:
        raise ComputerUseError("Computer call has no actions")
    if "pending_safety_checks" not in given:
        if call.action is not None:
            raise ComputerUseError("Legacy computer call is missing safety checks")
    else:
        checks = cast(object, call.pending_safety_checks)
        if not _each(checks, _valid_check):
            raise ComputerUseError("Computer safety checks are malformed")
    if not all(_valid_action(action) for action in actions):
        raise ComputerUseError("Invalid computer action")
    return actions


def _texts(parts: object, kind: str) -> bool:
    """Whether ``parts`` is a list of ``kind`` parts, each with a string ``text``."""
    return _each(
        parts,
        lambda part: (
            getattr(part, "type", None) == kind and isinstance(getattr(part, "text", None), str)
        ),
    )


def _message_part(part: object) -> bool:
    if getattr(part, "type", None) == "refusal":
        return isinstance(getattr(part, "refusal", None), str)
    return _texts([part], "output_text") and isinstance(getattr(part, "annotations", None), list)


# Output items sent back as they are: only shapes this client knows, so the replay is faithful.
_REPLAYABLE: dict[str, Callable[[Any], bool]] = {
    "message": lambda item: (
        isinstance(item.id, str)
        and item.role == "assistant"
        and item.status in ("completed", "incomplete", "in_progress")
        and getattr(item, "phase", None) in (None, "commentary", "final_answer")
        and _each(item.content, _message_part)
    ),
    "reasoning": lambda item: (
        isinstance(item.id, str)
        and _texts(item.summary, "summary_text")
        and ("content" not in item.model_fields_set or _texts(item.content, "reasoning_text"))
        and isinstance(item.encrypted_content, (str, type(None)))
    ),
    "compaction": lambda item: (
        isinstance(getattr(item, "id", None), str)
        and isinstance(getattr(item, "encrypted_content", None), str)
    ),
}
_KIND = {"message": "assistant", "reasoning": "reasoning", "compaction": "compaction"}


def _computer_calls(
    response: Response, last_step: bool, seen_ids: set[str], seen_call_ids: set[str]
) -> list[ResponseComputerToolCall]:
    """The response's computer calls, after checking that the loop can go on with it."""
    if response.status != "completed":
        raise ComputerUseError("Response did not complete", response)
    calls: list[ResponseComputerToolCall] = []
    ids: set[str] = set()
    for item in response.output:
        if isinstance(item, ResponseComputerToolCall):
            if item.status != "completed":
                raise ComputerUseError("Computer call did not complete", response)
            try:
                _actions(item)
            except ComputerUseError as error:
                error.response = response
                raise
            if item.call_id in seen_call_ids or item.call_id in {call.call_id for call in calls}:
                raise ComputerUseError("Response has a duplicate computer call identity", response)
            calls.append(item)
        elif item.type not in _REPLAYABLE:
            raise ComputerUseError("Response requires a tool this helper does not handle", response)
        elif not _REPLAYABLE[item.type](item):
            raise ComputerUseError(
                f"Response requires native {_KIND[item.type]} content before replay", response
            )
        identity = cast(str, getattr(item, "id", ""))
        if identity in ids or (identity != "" and identity in seen_ids):
            raise ComputerUseError("Response has a duplicate output item identity", response)
        ids.add(identity)
    seen_ids.update(identity for identity in ids if identity != "")
    seen_call_ids.update(call.call_id for call in calls)
    if calls and last_step:
        raise ComputerUseError("Computer run reached max_steps before completion", response)
    final = any(
        item.type == "message" and item.status == "completed" and item.phase != "commentary"
        for item in response.output
    )
    if not calls and not final:
        raise ComputerUseError("Response has no final message or computer call", response)
    return calls


def _continue(request: dict[str, Any], response: Response) -> list[Any]:
    """Add the response's output to the history; a forced computer call is not forced again."""
    history = cast(list[Any], request["input"])
    for item in response.output:
        replay = item.to_dict(mode="json")
        replay.pop("created_by", None)
        history.append(replay)
    choice = request.get("tool_choice")
    kind = _field(choice, "type")
    if choice == "required" or kind in ("computer", "computer_use_preview", "computer_use"):
        request["tool_choice"] = "auto"
    elif kind == "allowed_tools" and _field(choice, "mode") == "required":
        request["tool_choice"] = {
            "type": "allowed_tools",
            "tools": _field(choice, "tools"),
            "mode": "auto",
        }
    return history


def _output(call: ResponseComputerToolCall, screenshot: object) -> ComputerCallOutput:
    """The call's answer: the screenshot the driver took after its actions."""
    shown: Mapping[str, object] = (
        cast(Mapping[str, object], screenshot) if isinstance(screenshot, Mapping) else {}
    )
    sources = {
        name: shown[name] for name in ("image_url", "file_id") if shown.get(name) is not None
    }
    if (
        shown.get("type") != "computer_screenshot"
        or not sources
        or not all(isinstance(value, str) and value.strip() for value in sources.values())
    ):
        raise ComputerUseError("Driver must return a computer_screenshot with image_url or file_id")
    return {
        "type": "computer_call_output",
        "call_id": call.call_id,
        "output": cast(Screenshot, {"type": "computer_screenshot", **sources}),
        "acknowledged_safety_checks": [
            {"id": check.id, "code": check.code, "message": check.message}
            for check in call.pending_safety_checks or []
        ],
    }


# -- calling the driver and the caller's policies -------------------------------------------------


def _invoke(
    function: Callable[..., object], *args: object, cancelled: Callable[[], bool] | None
) -> object:
    """Call ``function``, passing ``cancelled=`` too when it takes such a parameter."""
    try:
        parameter = inspect.signature(function).parameters.get("cancelled")
    except (TypeError, ValueError):
        parameter = None
    if parameter is not None and parameter.kind in (
        parameter.KEYWORD_ONLY,
        parameter.POSITIONAL_OR_KEYWORD,
    ):
        return function(*args, cancelled=cancelled)
    return function(*args)


def _returns_awaitable(method: Callable[..., object]) -> bool | None:
    """Whether a driver method is async (None when its signature does not tell)."""
    target = inspect.unwrap(method)
    if inspect.iscoroutinefunction(target) or (
        not inspect.isroutine(target) and inspect.iscoroutinefunction(target.__call__)
    ):
        return True
    try:
        returns = inspect.signature(target).return_annotation
    except (TypeError, ValueError):
        return None
    text = str(returns)
    if returns is inspect.Signature.empty or text in (
        "Any",
        "typing.Any",
        "object",
        "<class 'object'>",
    ):
        return None
    return any(name in text for name in ("Awaitable[", "Coroutine[", "Future["))


async def _sync_value(value: object) -> object:
    if inspect.isawaitable(value):
        if inspect.iscoroutine(value):
            value.close()
        raise ComputerUseError(
            "Synchronous computer driver returned an awaitable; use AsyncComputerToolset."
        )
    return value


async def _async_value(value: object) -> object:
    return await value if inspect.isawaitable(value) else value


def _finish(coroutine: Coroutine[Any, Any, _T]) -> _T:
    """Run a coroutine that never suspends (the sync toolset's) to its result."""
    try:
        coroutine.send(None)
    except StopIteration as done:
        return cast(_T, done.value)
    coroutine.close()
    raise RuntimeError("a synchronous computer run tried to wait for an awaitable")


class _Run:
    """One run's or execute's policies: approvals, cancellation, diagnostics, and how to wait."""

    def __init__(
        self,
        resolve: Callable[[object], Awaitable[object]],
        approve_safety_checks: Callable[[ResponseComputerToolCall], object] | None,
        before_action: Callable[[Any], object] | None,
        cancelled: Callable[[], bool] | None,
        on_diagnostic: ToolDiagnosticObserver | None,
    ) -> None:
        self.resolve = resolve
        self.approve_safety_checks = approve_safety_checks
        self.before_action = before_action
        self.cancelled = cancelled
        self.on_diagnostic = on_diagnostic

    def stopped(self) -> bool:
        return self.cancelled is not None and self.cancelled()

    def check(self, response: Response | None = None) -> None:
        if self.stopped():
            raise ComputerUseError(_CANCELLED, response)

    def report(
        self, stage: Any, reason: Any, started: float, call_id: str, member: str | None
    ) -> None:
        if self.on_diagnostic is None:
            return
        diagnostic = ToolDiagnostic(
            api="computer",
            stage=stage,
            reason=reason,
            call_id=call_id,
            member=member,
            duration_ms=max(0.0, (monotonic() - started) * 1000),
            usage=None,
        )
        with contextlib.suppress(Exception):  # an observer's failure must not change the run
            result: object = self.on_diagnostic(diagnostic)
            if inspect.iscoroutine(result):  # an async observer is not awaited: not left pending
                result.close()

    async def approve(
        self,
        policy: Callable[..., object] | None,
        subject: Any,
        refusal: str,
        call_id: str,
        member: str | None,
    ) -> None:
        """Ask a policy callback; anything but exactly True stops the run."""
        started = monotonic()
        try:
            approved = (
                False
                if policy is None
                else await self.resolve(_invoke(policy, subject, cancelled=self.cancelled))
            )
            self.check()
        except Exception:
            if not self.stopped():
                raise
            self.report("approval", "cancelled", started, call_id, member)
            raise ComputerUseError(_CANCELLED) from None
        if approved is not True:
            self.report("approval", "refused", started, call_id, member)
            raise ComputerUseError(refusal)
        self.report("approval", "completed", started, call_id, member)

    async def perform(
        self, method: Callable[..., object], args: tuple[object, ...], call_id: str, member: str
    ) -> object:
        """Call a driver method; a failure while the run is cancelled reads as the cancellation."""
        started = monotonic()
        try:
            result = await self.resolve(_invoke(method, *args, cancelled=self.cancelled))
            self.check()
        except Exception:
            stopped = self.stopped()
            self.report(
                "action", "cancelled" if stopped else "driver_failed", started, call_id, member
            )
            if stopped:
                raise ComputerUseError(_CANCELLED) from None
            raise
        self.report("action", "completed", started, call_id, member)
        return result


class _Toolset:
    """What the sync and async toolsets share: the driver's methods, the loop, one call at a time."""

    def __init__(self, driver: Any, asynchronous: bool) -> None:
        self.driver = driver
        self._methods: dict[str, Callable[..., object]] = {}
        for name in (*_ACTIONS, "screenshot"):
            method = getattr(driver, name, None)
            if not callable(method):
                raise ValueError("Computer toolset requires callable computer driver methods.")
            returns_awaitable = _returns_awaitable(method)
            if returns_awaitable is not None and returns_awaitable != asynchronous:
                right = "AsyncComputerToolset" if returns_awaitable else "ComputerToolset"
                raise ValueError(
                    f"Computer member {name!r} has the wrong method flavor; use {right}."
                )
            self._methods[name] = method
        self._lock = threading.Lock()
        self._busy = False
        self._closed = False

    def close(self) -> CloseStatus:
        """Refuse new calls; "draining" while a call is still under way."""
        with self._lock:
            self._closed = True
            return {"status": "draining" if self._busy else "closed"}

    def _enter(self) -> None:
        with self._lock:
            if self._closed:
                raise RuntimeError("Computer toolset is closed.")
            if self._busy:
                raise RuntimeError("Computer toolset is busy with another call.")
            self._busy = True

    def _exit(self) -> None:
        with self._lock:
            self._busy = False

    async def _run(
        self, client: OpenAI | AsyncOpenAI, params: Mapping[str, Any], max_steps: int, run: _Run
    ) -> Response:
        self._enter()
        try:
            request = _prepare(params, max_steps)
            seen_ids, seen_call_ids = _seen_ids(request["input"])
            # one signature for both clients' overloads: the request is built at run time
            create = cast(Callable[..., object], client.responses.create)
            response: Response | None = None
            for step in range(max_steps):
                run.check(response)
                if step:
                    _rotate_idempotency_key(client, request)
                response = cast(Response, await run.resolve(create(**request)))
                run.check(response)
                calls = _computer_calls(response, step == max_steps - 1, seen_ids, seen_call_ids)
                if not calls:
                    break
                history = _continue(request, response)
                for call in calls:
                    try:
                        history.append(await self._dispatch(call, run))
                    except ComputerUseError as error:
                        error.response = response
                        raise
            return cast(Response, response)
        finally:
            self._exit()

    async def _execute(self, call: ResponseComputerToolCall, run: _Run) -> ComputerCallOutput:
        self._enter()
        try:
            return await self._dispatch(call, run)
        finally:
            self._exit()

    async def _dispatch(self, call: ResponseComputerToolCall, run: _Run) -> ComputerCallOutput:
        """Approve and perform one call's actions, then screenshot the result."""
        call = call.model_copy(deep=True)
        if call.type != "computer_call" or call.status != "completed":
            raise ComputerUseError("Computer call did not complete")
        actions = _actions(call)
        if actions[-1].type != "screenshot":
            actions.append(ga.Screenshot(type="screenshot"))
        run.check()
        if call.pending_safety_checks:
            refusal = "Computer safety checks require explicit approval"
            await run.approve(
                run.approve_safety_checks, call.model_copy(deep=True), refusal, call.call_id, None
            )
        for action in actions:
            run.check()
            if run.before_action is not None:
                refusal = "Computer action was not approved"
                await run.approve(
                    run.before_action, copy.deepcopy(action), refusal, call.call_id, action.type
                )
            run.check()
            if action.type != "screenshot":  # one screenshot, after the whole batch
                await run.perform(
                    self._methods[action.type], (copy.deepcopy(action),), call.call_id, action.type
                )
        screenshot = await run.perform(self._methods["screenshot"], (), call.call_id, "screenshot")
        output = _output(call, screenshot)
        run.check()
        return output


class ComputerToolset(_Toolset):
    """Runs the computer tool loop with a synchronous driver. It opens no browser and never closes
    the driver; per-request HTTP settings come from ``client.with_options()``."""

    driver: ComputerDriver

    def __init__(self, driver: ComputerDriver) -> None:
        super().__init__(driver, asynchronous=False)

    def run(
        self,
        client: OpenAI,
        params: Mapping[str, Any],
        *,
        max_steps: int = 20,
        approve_safety_checks: Callable[[ResponseComputerToolCall], bool] | None = None,
        before_action: Callable[[ComputerActionInput], bool] | None = None,
        cancelled: Callable[[], bool] | None = None,
        on_diagnostic: ToolDiagnosticObserver | None = None,
    ) -> Response:
        """Loop until the model answers with a message; ``max_steps`` bounds the create calls.

        Pending safety checks stop the run unless ``approve_safety_checks`` returns True;
        ``before_action`` (True to go on) sees every action and the closing screenshot.
        ``cancelled`` is polled between requests and driver calls.
        """
        run = _Run(_sync_value, approve_safety_checks, before_action, cancelled, on_diagnostic)
        return _finish(self._run(client, params, max_steps, run))

    def execute(
        self,
        call: ResponseComputerToolCall,
        *,
        approve_safety_checks: Callable[[ResponseComputerToolCall], bool] | None = None,
        before_action: Callable[[ComputerActionInput], bool] | None = None,
        cancelled: Callable[[], bool] | None = None,
        on_diagnostic: ToolDiagnosticObserver | None = None,
    ) -> ComputerCallOutput:
        """Perform one computer call and return its ``computer_call_output``."""
        run = _Run(_sync_value, approve_safety_checks, before_action, cancelled, on_diagnostic)
        return _finish(self._execute(call, run))


class AsyncComputerToolset(_Toolset):
    """``ComputerToolset`` for an ``AsyncOpenAI`` client and an async driver."""

    driver: AsyncComputerDriver

    def __init__(self, driver: AsyncComputerDriver) -> None:
        super().__init__(driver, asynchronous=True)

    async def run(
        self,
        client: AsyncOpenAI,
        params: Mapping[str, Any],
        *,
        max_steps: int = 20,
        approve_safety_checks: Callable[[ResponseComputerToolCall], Awaitable[bool]] | None = None,
        before_action: Callable[[ComputerActionInput], Awaitable[bool]] | None = None,
        cancelled: Callable[[], bool] | None = None,
        on_diagnostic: ToolDiagnosticObserver | None = None,
    ) -> Response:
        """As ``ComputerToolset.run``, awaiting the client, the driver and the policy callbacks;
        ``cancelled`` stays a plain function, polled between the awaits."""
        run = _Run(_async_value, approve_safety_checks, before_action, cancelled, on_diagnostic)
        return await self._run(client, params, max_steps, run)

    async def execute(
        self,
        call: ResponseComputerToolCall,
        *,
        approve_safety_checks: Callable[[ResponseComputerToolCall], Awaitable[bool]] | None = None,
        before_action: Callable[[ComputerActionInput], Awaitable[bool]] | None = None,
        cancelled: Callable[[], bool] | None = None,
        on_diagnostic: ToolDiagnosticObserver | None = None,
    ) -> ComputerCallOutput:
        """As ``ComputerToolset.execute``, awaiting the driver and the policy callbacks."""
        run = _Run(_async_value, approve_safety_checks, before_action, cancelled, on_diagnostic)
        return await self._execute(call, run)
