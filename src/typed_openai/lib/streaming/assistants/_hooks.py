"""The names of the hooks the stream state calls (its own module: the handlers need it cheaply)."""

from __future__ import annotations

__all__ = ["HOOKS"]

HOOKS: tuple[str, ...] = (
    "on_event",
    "on_run_step_created",
    "on_run_step_delta",
    "on_run_step_done",
    "on_message_created",
    "on_message_delta",
    "on_message_done",
    "on_text_created",
    "on_text_delta",
    "on_text_done",
    "on_image_file_done",
    "on_tool_call_created",
    "on_tool_call_delta",
    "on_tool_call_done",
)
"""The hooks ``feed`` yields (``on_end``, ``on_timeout``, ``on_exception`` belong to the loops)."""
