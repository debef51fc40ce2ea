"""Turning a chat completion into a `ParsedChatCompletion` (content and tool-call arguments).

Kept free of imports: `_completions` and `_types` load the generated chat models, which the client
only loads when `parse()` is first called.
"""

from typing import Any

# The names the official SDK's private `openai.lib._parsing` package exports, which code written
# for it imports (`from openai.lib._parsing import type_to_response_format_param`): looked up in
# `_completions` on first use, so importing the package still loads nothing.
_COMPLETIONS_NAMES = frozenset(
    {
        "ResponseFormatT",
        "get_input_tool_by_name",
        "has_parseable_input",
        "materialize_input_tools",
        "maybe_parse_content",
        "parse_chat_completion",
        "parse_function_tool_arguments",
        "type_to_response_format_param",
        "validate_input_tools",
    }
)


def __getattr__(name: str) -> Any:
    if name in _COMPLETIONS_NAMES:
        from . import _completions

        return getattr(_completions, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
