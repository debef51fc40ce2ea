"""Real-world sweep D, the fakes 1.x test suites build from the SDK's types to stand in for the API
(mocked `create` returning a hand-made completion with tool calls): the import paths they use,
including names the official SDK keeps outside its modules' `__all__` (which the parity test
reads), and what the built objects dump — both packages compared."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from .conftest import run_both


def fake_tool_call_completion(openai: ModuleType) -> Any:
    package = openai.__name__
    tool_call = importlib.import_module(f"{package}.types.chat.chat_completion_message_tool_call")
    chat_completion = importlib.import_module(f"{package}.types.chat.chat_completion")
    message_module = importlib.import_module(f"{package}.types.chat.chat_completion_message")
    call = tool_call.ChatCompletionMessageToolCall(
        id="call_1",
        type="function",
        function=tool_call.Function(name="get_weather", arguments='{"city": "Paris"}'),
    )
    message = message_module.ChatCompletionMessage(
        role="assistant", content=None, tool_calls=[call]
    )
    completion = chat_completion.ChatCompletion(
        id="chatcmpl-fake",
        object="chat.completion",
        created=0,
        model="gpt-4o",
        choices=[chat_completion.Choice(index=0, finish_reason="tool_calls", message=message)],
    )
    first = completion.choices[0].message.tool_calls[0]
    return (
        type(first).__name__,
        first.function.name,
        completion.model_dump(exclude_none=True),
        isinstance(first, openai.types.chat.ChatCompletionMessageToolCall),
    )


def test_fake_completion_with_tool_calls() -> None:
    ours, theirs = run_both(fake_tool_call_completion)
    assert ours == theirs
    assert ours[:2] == ("ChatCompletionMessageFunctionToolCall", "get_weather")
