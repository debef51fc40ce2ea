"""Objects a fresh server can start with, so documentation snippets run unchanged.

The SDK's README streams a run with ``thread_id="thread_id", assistant_id="assistant_id"``;
with ``demo_fixtures`` those ids exist: a math-tutor assistant with the code interpreter and a
thread holding one question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._api._assistants import new_assistant, new_thread

if TYPE_CHECKING:
    from ._app import App

DEMO_ASSISTANT_ID = "assistant_id"
DEMO_THREAD_ID = "thread_id"


def install_demo_fixtures(app: App) -> None:
    """Create the demo assistant and thread unless they exist (a SQLite store may keep them)."""
    with app.lock:
        if app.store.get("assistant", DEMO_ASSISTANT_ID) is None:
            new_assistant(
                app,
                {
                    "model": "gpt-4o",
                    "name": "Math Tutor",
                    "instructions": "You are a math tutor. Write and run code to answer questions.",
                    "tools": [{"type": "code_interpreter"}],
                },
                object_id=DEMO_ASSISTANT_ID,
            )
        if app.store.get("thread", DEMO_THREAD_ID) is None:
            question = "I need to solve the equation 3x + 11 = 14. Can you help me?"
            new_thread(
                app,
                {"messages": [{"role": "user", "content": question}]},
                object_id=DEMO_THREAD_ID,
            )
