"""Assistants, threads and messages (the stored objects runs work on)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._app import Route
from .._errors import ApiError, invalid_type, invalid_value
from .._ids import new_id
from .._pagination import cursor_page, public
from .._wire import Request, Response, json_response, optional, require
from ._common import deleted, fetch, metadata_of

if TYPE_CHECKING:
    from .._app import App

JsonObject = dict[str, Any]
_TOOL_TYPES = ("code_interpreter", "file_search", "function")


def validate_tools(tools: Any, param: str = "tools") -> list[JsonObject]:
    if tools is None:
        return []
    if not isinstance(tools, list):
        raise invalid_type(param, "an array")
    if len(tools) > 128:
        raise invalid_value(param, f"Invalid '{param}': at most 128 tools are allowed.")
    for index, tool in enumerate(tools):
        if not isinstance(tool, dict) or tool.get("type") not in _TOOL_TYPES:
            raise invalid_value(
                f"{param}[{index}].type",
                f"Invalid value for '{param}[{index}].type'. Supported values are: "
                + ", ".join(f"'{t}'" for t in _TOOL_TYPES)
                + ".",
            )
        if tool["type"] == "function":
            function = tool.get("function")
            if not isinstance(function, dict) or not isinstance(function.get("name"), str):
                raise ApiError(
                    400,
                    f"Missing required parameter: '{param}[{index}].function.name'.",
                    param=f"{param}[{index}].function.name",
                    code="missing_required_parameter",
                )
    return list(tools)


# -- assistants ---------------------------------------------------------------------------------


def new_assistant(app: App, body: JsonObject, *, object_id: str | None = None) -> JsonObject:
    assistant = {
        "id": object_id or new_id("asst"),
        "object": "assistant",
        "created_at": int(app.now()),
        "name": optional(body, "name", str, None),
        "description": optional(body, "description", str, None),
        "model": require(body, "model", str),
        "instructions": optional(body, "instructions", str, None),
        "tools": validate_tools(body.get("tools")),
        "tool_resources": optional(body, "tool_resources", dict, {}),
        "metadata": metadata_of(body),
        "temperature": optional(body, "temperature", (int, float), 1.0),
        "top_p": optional(body, "top_p", (int, float), 1.0),
        "response_format": body.get("response_format") or "auto",
    }
    if body.get("reasoning_effort") is not None:
        assistant["reasoning_effort"] = body["reasoning_effort"]
    app.store.put("assistant", assistant)
    return assistant


def create_assistant(app: App, request: Request) -> Response:
    return json_response(new_assistant(app, request.json()))


def list_assistants(app: App, request: Request) -> Response:
    return json_response(cursor_page(app.store.list("assistant"), request.query, render=public))


def retrieve_assistant(app: App, request: Request) -> Response:
    return json_response(
        public(fetch(app, "assistant", request.path_params["assistant_id"], "assistant"))
    )


def modify_assistant(app: App, request: Request) -> Response:
    assistant = fetch(app, "assistant", request.path_params["assistant_id"], "assistant")
    body = request.json()
    for name, kind in (
        ("name", str),
        ("description", str),
        ("model", str),
        ("instructions", str),
        ("tool_resources", dict),
        ("temperature", (int, float)),
        ("top_p", (int, float)),
    ):
        if name in body:
            assistant[name] = optional(body, name, kind, None)
    if "tools" in body:
        assistant["tools"] = validate_tools(body["tools"])
    if "metadata" in body:
        assistant["metadata"] = metadata_of(body)
    if "response_format" in body:
        assistant["response_format"] = body["response_format"] or "auto"
    app.store.put("assistant", assistant)
    return json_response(public(assistant))


def delete_assistant(app: App, request: Request) -> Response:
    assistant_id = request.path_params["assistant_id"]
    fetch(app, "assistant", assistant_id, "assistant")
    app.store.delete("assistant", assistant_id)
    return deleted(assistant_id, "assistant.deleted")


# -- threads ------------------------------------------------------------------------------------


def new_thread(
    app: App, body: JsonObject, param: str = "", *, object_id: str | None = None
) -> JsonObject:
    thread = {
        "id": object_id or new_id("thread"),
        "object": "thread",
        "created_at": int(app.now()),
        "tool_resources": optional(body, "tool_resources", dict, {}),
        "metadata": metadata_of(body),
    }
    messages = optional(body, "messages", list, [])
    prepared = [
        _new_message(app, thread["id"], message, param=f"{param}messages[{index}]")
        for index, message in enumerate(messages)
    ]
    app.store.put("thread", thread)
    for message in prepared:
        app.store.put("thread.message", message, parent=thread["id"])
    return thread


def create_thread(app: App, request: Request) -> Response:
    return json_response(new_thread(app, request.json()))


def retrieve_thread(app: App, request: Request) -> Response:
    return json_response(public(fetch(app, "thread", request.path_params["thread_id"], "thread")))


def modify_thread(app: App, request: Request) -> Response:
    thread = fetch(app, "thread", request.path_params["thread_id"], "thread")
    body = request.json()
    if "metadata" in body:
        thread["metadata"] = metadata_of(body)
    if "tool_resources" in body:
        thread["tool_resources"] = optional(body, "tool_resources", dict, {})
    app.store.put("thread", thread)
    return json_response(public(thread))


def delete_thread(app: App, request: Request) -> Response:
    thread_id = request.path_params["thread_id"]
    fetch(app, "thread", thread_id, "thread")
    app.store.delete("thread", thread_id)
    return deleted(thread_id, "thread.deleted")


# -- messages -----------------------------------------------------------------------------------


def text_part(value: str) -> JsonObject:
    return {"type": "text", "text": {"value": value, "annotations": []}}


def _content_parts(content: Any, param: str) -> list[JsonObject]:
    if isinstance(content, str):
        return [text_part(content)]
    if not isinstance(content, list) or not content:
        raise invalid_type(param, "a string or a non-empty array of content parts")
    parts: list[JsonObject] = []
    for index, part in enumerate(content):
        kind = part.get("type") if isinstance(part, dict) else None
        if kind == "text" and isinstance(part.get("text"), str):
            parts.append(text_part(part["text"]))
        elif kind == "image_file" and isinstance(part.get("image_file"), dict):
            parts.append(
                {"type": "image_file", "image_file": {"detail": "auto", **part["image_file"]}}
            )
        elif kind == "image_url" and isinstance(part.get("image_url"), dict):
            parts.append(
                {"type": "image_url", "image_url": {"detail": "auto", **part["image_url"]}}
            )
        else:
            raise invalid_value(f"{param}[{index}]", f"Invalid content part at '{param}[{index}]'.")
    return parts


def _new_message(app: App, thread_id: str, body: Any, *, param: str = "") -> JsonObject:
    if not isinstance(body, dict):
        raise invalid_type(param or "body", "an object")
    prefix = f"{param}." if param else ""
    role = body.get("role")
    if role is None:
        raise ApiError(
            400,
            f"Missing required parameter: '{prefix}role'.",
            param=f"{prefix}role",
            code="missing_required_parameter",
        )
    if role not in ("user", "assistant"):
        raise invalid_value(
            f"{prefix}role",
            f"Invalid value: '{role}'. Supported values are: 'user' and 'assistant'.",
        )
    if body.get("content") is None:
        raise ApiError(
            400,
            f"Missing required parameter: '{prefix}content'.",
            param=f"{prefix}content",
            code="missing_required_parameter",
        )
    now = int(app.now())
    return {
        "id": new_id("msg"),
        "object": "thread.message",
        "created_at": now,
        "thread_id": thread_id,
        "status": "completed",
        "incomplete_details": None,
        "completed_at": now,
        "incomplete_at": None,
        "role": role,
        "content": _content_parts(body["content"], f"{prefix}content"),
        "assistant_id": None,
        "run_id": None,
        "attachments": optional(body, "attachments", list, []),
        "metadata": metadata_of(body),
    }


def add_message(app: App, thread_id: str, body: JsonObject, *, param: str = "") -> JsonObject:
    message = _new_message(app, thread_id, body, param=param)
    app.store.put("thread.message", message, parent=thread_id)
    return message


def create_message(app: App, request: Request) -> Response:
    from ._runs import active_run

    thread_id = request.path_params["thread_id"]
    fetch(app, "thread", thread_id, "thread")
    running = active_run(app, thread_id)
    if running is not None:
        raise ApiError(
            400,
            f"Can't add messages to {thread_id} while a run {running['id']} is active.",
        )
    return json_response(add_message(app, thread_id, request.json()))


def list_messages(app: App, request: Request) -> Response:
    from ._runs import advance_thread

    thread_id = request.path_params["thread_id"]
    fetch(app, "thread", thread_id, "thread")
    advance_thread(app, thread_id)
    items = app.store.list("thread.message", parent=thread_id)
    run_id = request.query.get("run_id")
    if run_id:
        items = [item for item in items if item.get("run_id") == run_id]
    return json_response(cursor_page(items, request.query, render=public))


def _thread_message(app: App, request: Request) -> JsonObject:
    thread_id = request.path_params["thread_id"]
    fetch(app, "thread", thread_id, "thread")
    message = fetch(app, "thread.message", request.path_params["message_id"], "message")
    if message["thread_id"] != thread_id:
        raise ApiError(404, f"No message found with id '{message['id']}'.")
    return message


def retrieve_message(app: App, request: Request) -> Response:
    from ._runs import advance_thread

    advance_thread(app, request.path_params["thread_id"])
    return json_response(public(_thread_message(app, request)))


def modify_message(app: App, request: Request) -> Response:
    message = _thread_message(app, request)
    body = request.json()
    if "metadata" in body:
        message["metadata"] = metadata_of(body)
    app.store.put("thread.message", message)
    return json_response(public(message))


def delete_message(app: App, request: Request) -> Response:
    message = _thread_message(app, request)
    app.store.delete("thread.message", message["id"])
    return deleted(message["id"], "thread.message.deleted")


ROUTES = [
    Route("POST", "/assistants", create_assistant),
    Route("GET", "/assistants", list_assistants),
    Route("GET", "/assistants/{assistant_id}", retrieve_assistant),
    Route("POST", "/assistants/{assistant_id}", modify_assistant),
    Route("DELETE", "/assistants/{assistant_id}", delete_assistant),
    Route("POST", "/threads", create_thread),
    Route("GET", "/threads/{thread_id}", retrieve_thread),
    Route("POST", "/threads/{thread_id}", modify_thread),
    Route("DELETE", "/threads/{thread_id}", delete_thread),
    Route("POST", "/threads/{thread_id}/messages", create_message),
    Route("GET", "/threads/{thread_id}/messages", list_messages),
    Route("GET", "/threads/{thread_id}/messages/{message_id}", retrieve_message),
    Route("POST", "/threads/{thread_id}/messages/{message_id}", modify_message),
    Route("DELETE", "/threads/{thread_id}/messages/{message_id}", delete_message),
]
