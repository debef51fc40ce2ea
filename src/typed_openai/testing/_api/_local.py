"""The server's own control endpoints under ``/_local/`` (no auth): stats, clock, faults, scripts.

They let a test drive a server running in another process the way ``LocalOpenAIServer``'s
methods drive an in-process one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._app import Route
from .._errors import ApiError
from .._faults import Fault
from .._scripts import ScriptedReply
from .._wire import Request, Response, json_response, require

if TYPE_CHECKING:
    from .._app import App


def stats(app: App, request: Request) -> Response:
    return json_response(app.stats.snapshot())


def reset_stats(app: App, request: Request) -> Response:
    app.stats.reset()
    return json_response(app.stats.snapshot())


def add_fault(app: App, request: Request) -> Response:
    body = request.json()
    status = body.get("status", 500)
    if status is not None and (not isinstance(status, int) or not 400 <= status <= 599):
        raise ApiError(400, "'status' must be an HTTP error status or null.", param="status")
    try:
        app.faults.add(
            Fault(
                status=status,
                count=int(body.get("count", 1)),
                path=body.get("path"),
                method=body.get("method"),
                retry_after=body.get("retry_after"),
                delay=float(body.get("delay", 0.0)),
            )
        )
    except (TypeError, ValueError) as error:
        raise ApiError(400, f"Invalid fault: {error}.") from None
    return json_response({"pending": True})


def clear_faults(app: App, request: Request) -> Response:
    app.faults.clear()
    return json_response({"pending": False})


def advance_clock(app: App, request: Request) -> Response:
    seconds = require(request.json(), "seconds", (int, float))
    if isinstance(seconds, bool) or seconds < 0:
        raise ApiError(400, "'seconds' must be a non-negative number.", param="seconds")
    app.advance_clock(float(seconds))
    return json_response({"now": app.now()})


def script_chat_reply(app: App, request: Request) -> Response:
    body = request.json()
    count = body.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool):
        raise ApiError(400, "'count' must be an integer.", param="count")
    fields = {name: body.get(name) for name in ("content", "refusal", "finish_reason")}
    if any(value is not None and not isinstance(value, str) for value in fields.values()):
        raise ApiError(400, "'content', 'refusal' and 'finish_reason' must be strings.")
    try:
        app.reply_script.add(ScriptedReply(**fields), count)
    except ValueError as error:
        raise ApiError(400, f"Invalid scripted reply: {error}.") from None
    return json_response({"pending": True})


def clear_chat_script(app: App, request: Request) -> Response:
    app.reply_script.clear()
    return json_response({"pending": False})


ROUTES = [
    Route("GET", "/_local/stats", stats, locked=False),
    Route("POST", "/_local/stats/reset", reset_stats, locked=False),
    Route("POST", "/_local/clock/advance", advance_clock, locked=False),
    Route("POST", "/_local/faults", add_fault, locked=False),
    Route("DELETE", "/_local/faults", clear_faults, locked=False),
    Route("POST", "/_local/chat/script", script_chat_reply, locked=False),
    Route("DELETE", "/_local/chat/script", clear_chat_script, locked=False),
]
