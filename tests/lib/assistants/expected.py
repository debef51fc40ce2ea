"""The hook calls (name + key arguments, see ``streams.summarize``) each scenario must produce.

``on_event`` calls are left out here (they are one per event, checked separately); ``on_end`` is
the last call of every stream that ran to its end.
"""

from __future__ import annotations

from typing import Any

from tests.lib.assistants import streams as S

Call = tuple[Any, ...]


def text_message(
    msg_id: str, pieces: list[str], step_id: str, last_tool_call: Call | None = None
) -> list[Call]:
    """Hooks of ``streams.text_message_events`` (after a tool call, see ``code_interpreter_run``)."""
    calls: list[Call] = [
        ("on_run_step_created", (step_id, "in_progress", "message_creation")),
        ("on_message_created", (msg_id, "in_progress", [])),
    ]
    so_far = ""
    for number, piece in enumerate(pieces):
        so_far += piece
        if number == 0:
            calls.append(("on_text_created", so_far))
        calls.append(("on_text_delta", piece, so_far))
        calls.append(("on_message_delta", (msg_id, "in_progress", [so_far])))
    calls += [("on_text_done", so_far), ("on_message_done", (msg_id, "completed", [so_far]))]
    if last_tool_call is not None:
        calls.append(("on_tool_call_done", last_tool_call))
    calls.append(("on_run_step_done", (step_id, "completed", "message_creation")))
    return calls


def text_run(pieces: list[str]) -> list[Call]:
    return [*text_message("msg_1", pieces, "step_m"), ("on_end",)]


def _ci(code: str, logs: list[str]) -> Call:
    return ("code_interpreter", "call_ci", code, logs)


def code_interpreter_run() -> list[Call]:
    calls: list[Call] = [
        ("on_run_step_created", ("step_ci", "in_progress", [])),
        ("on_tool_call_created", _ci("", [])),
        ("on_run_step_delta", ("step_ci", "in_progress", [_ci("", [])])),
    ]
    code = ""
    for piece in S.CODE:
        code += piece
        calls.append(("on_tool_call_delta", ("code_interpreter", None, piece, None), _ci(code, [])))
        calls.append(("on_run_step_delta", ("step_ci", "in_progress", [_ci(code, [])])))
    logs = ""
    for piece in S.LOGS:
        logs += piece
        calls.append(
            ("on_tool_call_delta", ("code_interpreter", None, None, [piece]), _ci(code, [logs]))
        )
        calls.append(("on_run_step_delta", ("step_ci", "in_progress", [_ci(code, [logs])])))
    calls += [
        ("on_tool_call_done", _ci(code, [logs])),
        ("on_run_step_done", ("step_ci", "completed", [_ci(code, [logs])])),
        # the SDK does not forget the last tool call: it is reported done again when any later
        # step ends and when the run stops
        *text_message("msg_ci", ["x = ", "1"], "step_m2", last_tool_call=_ci(code, [logs])),
        ("on_tool_call_done", _ci(code, [logs])),
        ("on_end",),
    ]
    return calls


def _fn(arguments: str) -> Call:
    return ("function", "call_fn", "get_weather", arguments)


def function_call_run() -> list[Call]:
    calls: list[Call] = [
        ("on_run_step_created", ("step_fn", "in_progress", [])),
        ("on_tool_call_created", _fn("")),
        ("on_run_step_delta", ("step_fn", "in_progress", [_fn("")])),
    ]
    arguments = ""
    for piece in S.ARGS:
        arguments += piece
        calls.append(("on_tool_call_delta", ("function", None, None, piece), _fn(arguments)))
        calls.append(("on_run_step_delta", ("step_fn", "in_progress", [_fn(arguments)])))
    calls += [("on_tool_call_done", _fn(arguments)), ("on_end",)]
    return calls


def after_tool_outputs_run() -> list[Call]:
    return [*text_message("msg_fn", ["It is ", "sunny."], "step_m3"), ("on_end",)]


def image_file_run() -> list[Call]:
    msg = "msg_img"
    image = ("image_file", "file_png")
    final = ["Here is the plot:", image, "Done."]
    return [
        ("on_message_created", (msg, "in_progress", [])),
        ("on_text_created", "Here is"),
        ("on_text_delta", "Here is", "Here is"),
        ("on_message_delta", (msg, "in_progress", ["Here is"])),
        ("on_text_delta", " the plot:", "Here is the plot:"),
        ("on_message_delta", (msg, "in_progress", ["Here is the plot:"])),
        # a new index: the previous text block is done
        ("on_text_done", "Here is the plot:"),
        ("on_message_delta", (msg, "in_progress", ["Here is the plot:", image])),
        ("on_text_created", "Done."),
        ("on_text_delta", "Done.", "Done."),
        ("on_image_file_done", "file_png"),
        ("on_message_delta", (msg, "in_progress", final)),
        ("on_text_done", "Done."),
        ("on_message_done", (msg, "completed", final)),
        ("on_end",),
    ]


def annotated_text_run() -> list[Call]:
    msg = "msg_ann"
    full = "Fact 【4:0†source】"
    return [
        ("on_message_created", (msg, "in_progress", [])),
        ("on_text_created", "Fact "),
        ("on_text_delta", "Fact ", "Fact "),
        ("on_message_delta", (msg, "in_progress", ["Fact "])),
        ("on_text_delta", "【4:0†source】", full),
        ("on_message_delta", (msg, "in_progress", [full])),
        ("on_text_done", full),
        ("on_message_done", (msg, "completed", [full])),
        ("on_end",),
    ]


def parallel_function_calls_run() -> list[Call]:
    def fn(call_id: str, arguments: str) -> Call:
        return ("function", call_id, "get_weather", arguments)

    a, b = '{"city": "A"}', '{"city": "B"}'
    return [
        ("on_run_step_created", ("step_pf", "in_progress", [])),
        ("on_tool_call_created", fn("call_a", "")),
        ("on_run_step_delta", ("step_pf", "in_progress", [fn("call_a", "")])),
        ("on_tool_call_delta", ("function", None, None, a), fn("call_a", a)),
        ("on_run_step_delta", ("step_pf", "in_progress", [fn("call_a", a)])),
        # a new index: the first call is done, the second starts
        ("on_tool_call_done", fn("call_a", a)),
        ("on_tool_call_created", fn("call_b", "")),
        ("on_run_step_delta", ("step_pf", "in_progress", [fn("call_a", a), fn("call_b", "")])),
        ("on_tool_call_delta", ("function", None, None, b), fn("call_b", b)),
        ("on_run_step_delta", ("step_pf", "in_progress", [fn("call_a", a), fn("call_b", b)])),
        ("on_tool_call_done", fn("call_b", b)),
        ("on_end",),
    ]


def file_search_run() -> list[Call]:
    return [
        ("on_run_step_created", ("step_fs", "in_progress", [])),
        ("on_tool_call_created", ("file_search", "call_fs")),
        ("on_run_step_delta", ("step_fs", "in_progress", [("file_search", "call_fs")])),
        ("on_tool_call_done", ("file_search", "call_fs")),
        ("on_run_step_done", ("step_fs", "completed", [("file_search", "call_fs")])),
        *text_message(
            "msg_fs", ["Found ", "it."], "step_m4", last_tool_call=("file_search", "call_fs")
        ),
        ("on_tool_call_done", ("file_search", "call_fs")),
        ("on_end",),
    ]


def create_and_run() -> list[Call]:
    return text_run(["Hi", " there"])


SCENARIOS: dict[str, tuple[Any, Any]] = {
    "text": (lambda: S.text_run(["Hel", "lo", "!"]), lambda: text_run(["Hel", "lo", "!"])),
    "code_interpreter": (S.code_interpreter_run, code_interpreter_run),
    "function_call": (S.function_call_run, function_call_run),
    "after_tool_outputs": (S.after_tool_outputs_run, after_tool_outputs_run),
    "image_file": (S.image_file_run, image_file_run),
    "annotated_text": (S.annotated_text_run, annotated_text_run),
    "create_and_run": (S.create_and_run_events, create_and_run),
    "parallel_function_calls": (S.parallel_function_calls_run, parallel_function_calls_run),
    "file_search": (S.file_search_run, file_search_run),
}
"""name -> (events factory, expected hook calls factory)"""
