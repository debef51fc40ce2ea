"""Computer-use replies for ``/responses`` requests that carry a computer tool.

The plan comes from the user's prompt: its ``;``-separated steps each become one ``computer_call``
whose actions are the action names the step mentions, in order (``"click and type; scroll"`` is
two calls). A step is answered when the input holds one more ``computer_call_output``; after the
last step the reply is a plain message. A step that mentions ``sensitive`` carries a pending
safety check. The GA ``computer`` tool gets ``actions`` lists; ``computer_use_preview`` gets the
older single ``action`` (a step's first action) with ``pending_safety_checks`` always present.
"""

from __future__ import annotations

import re
from typing import Any

from .._ids import new_id

JsonObject = dict[str, Any]

COMPUTER_TOOLS = ("computer", "computer_use_preview")
_ACTION_WORDS = re.compile(
    r"\b(double_click|click|drag|keypress|move|scroll|type|wait|screenshot)\b"
)


def computer_tool(tools: list[Any]) -> JsonObject | None:
    """The request's computer tool, if it has one."""
    for tool in tools:
        if isinstance(tool, dict) and tool.get("type") in COMPUTER_TOOLS:
            return tool  # pyright: ignore[reportUnknownVariableType]
    return None


def _action(kind: str, step: int, position: int) -> JsonObject:
    # Coordinates vary with the place in the plan so that a test can tell the calls apart.
    x, y = 100 + 10 * step + position, 200 + 10 * step + position
    arguments: dict[str, JsonObject] = {
        "click": {"button": "left", "x": x, "y": y},
        "double_click": {"x": x, "y": y},
        "drag": {"path": [{"x": x, "y": y}, {"x": x + 50, "y": y + 50}]},
        "keypress": {"keys": ["CTRL", "A"]},
        "move": {"x": x, "y": y},
        "scroll": {"x": x, "y": y, "scroll_x": 0, "scroll_y": 120},
        "type": {"text": f"text {step}"},
    }
    return {"type": kind, **arguments.get(kind, {})}


def computer_call(tool: JsonObject, prompt: str, answered: int) -> JsonObject | None:
    """The next computer call of the prompt's plan after ``answered`` calls (None when done)."""
    steps = [step for step in prompt.split(";") if _ACTION_WORDS.search(step)]
    if answered >= len(steps):
        return None
    text = steps[answered]
    actions = [
        _action(match.group(1), answered, position)
        for position, match in enumerate(_ACTION_WORDS.finditer(text))
    ]
    checks = []
    if "sensitive" in text:
        checks.append(
            {
                "id": new_id("cu_sc"),
                "code": "sensitive_domain",
                "message": "The page looks sensitive; confirm before continuing.",
            }
        )
    call: JsonObject = {"type": "computer_call", "id": new_id("cu"), "call_id": new_id("call")}
    if tool["type"] == "computer":
        call["actions"] = actions
        if checks:
            call["pending_safety_checks"] = checks
    else:
        call["action"] = actions[0]
        call["pending_safety_checks"] = checks
    call["status"] = "completed"
    return call
