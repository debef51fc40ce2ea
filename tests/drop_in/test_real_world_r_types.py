"""Real-world sweep R, the type imports tutorials and apps make around Assistants, files and
media: stream events told apart with ``isinstance`` against ``openai.types.beta`` classes,
content blocks and tool-call deltas against ``openai.types.beta.threads`` ones, files, pages,
jobs, checkpoints, transcripts and images checked against their public types, the handler and
manager imported from ``openai.lib.streaming`` — each module imported by the dotted path the
user's code names, run against both packages over the loopback server (see real_world_d).
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import observed_the_same
from .test_real_world_b_assistants import code_interpreter_stream, listing, message
from .test_real_world_b_files import file_object
from .test_real_world_b_media import VERBOSE, images_answer
from .test_real_world_b_stores import job
from .test_real_world_d_assistants import function_call_stream

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def sub(openai: ModuleType, dotted: str) -> Any:
    """``import openai.<dotted>`` as the program's own import line."""
    return importlib.import_module(f"{openai.__name__}.{dotted}")


@program
def stream_events_told_apart_with_isinstance(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    events_module = sub(openai, "types.beta.assistant_stream_event")
    threads = sub(openai, "types.beta.threads")
    runs = sub(openai, "types.beta.threads.runs")
    server.reply(code_interpreter_stream())
    seen = []
    with client.beta.threads.runs.stream(thread_id="thread_abc", assistant_id="asst_abc") as stream:
        for event in stream:
            if isinstance(event, events_module.ThreadMessageDelta):
                for block in event.data.delta.content or []:
                    if isinstance(block, threads.TextDeltaBlock):
                        seen.append(
                            ("text", block.text.value, isinstance(block.text, threads.TextDelta))
                        )
            elif isinstance(event, events_module.ThreadRunStepDelta):
                details = event.data.delta.step_details
                if isinstance(details, runs.ToolCallDeltaObject):
                    for call in details.tool_calls or []:
                        seen.append(
                            (
                                "call",
                                isinstance(call, runs.CodeInterpreterToolCallDelta),
                                isinstance(call, runs.FunctionToolCallDelta),
                            )
                        )
            elif isinstance(event, events_module.ThreadRunCompleted):
                seen.append(("completed", isinstance(event.data, threads.Run)))
            elif isinstance(event, events_module.ThreadMessageCompleted):
                message_done = event.data
                seen.append(
                    (
                        "message",
                        isinstance(message_done, threads.Message),
                        isinstance(message_done.content[0], threads.TextContentBlock),
                        isinstance(message_done.content[0].text, threads.Text),
                    )
                )
            elif isinstance(event, events_module.ThreadRunStepCompleted):
                seen.append(("step", isinstance(event.data, runs.RunStep)))
    return seen


@program
def handler_imported_from_lib_streaming(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    streaming = sub(openai, "lib.streaming")
    runs = sub(openai, "types.beta.threads.runs")
    threads = sub(openai, "types.beta.threads")
    server.reply(function_call_stream())
    checks = []

    class Handler(streaming.AssistantEventHandler):
        def on_tool_call_created(self, tool_call: Any) -> None:
            checks.append((isinstance(tool_call, runs.FunctionToolCall), tool_call.function.name))

        def on_end(self) -> None:
            checks.append(isinstance(self.current_run, threads.Run))

    manager = client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc", event_handler=Handler()
    )
    with manager as stream:
        stream.until_done()
    return (
        checks,
        isinstance(manager, streaming.AssistantStreamManager),
        openai.AssistantEventHandler is streaming.AssistantEventHandler,
        issubclass(Handler, openai.AssistantEventHandler),
    )


@program
def file_page_and_job_types_checked(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    types = sub(openai, "types")
    pagination = sub(openai, "pagination")
    fine_tuning = sub(openai, "types.fine_tuning")
    jobs = sub(openai, "types.fine_tuning.jobs")
    server.reply(
        Reply.json(listing(file_object("file-1", "a.jsonl"))),
        Reply.json(job("succeeded", fine_tuned_model="ft:gpt-4o-mini:org::abc")),
        Reply.json(
            listing(
                {
                    "id": "ftevent-1",
                    "object": "fine_tuning.job.event",
                    "created_at": 1,
                    "level": "warn",
                    "message": "slow",
                }
            )
        ),
        Reply.json(
            listing(
                {
                    "id": "ftckpt-1",
                    "object": "fine_tuning.job.checkpoint",
                    "created_at": 1,
                    "fine_tuned_model_checkpoint": "ft:x",
                    "fine_tuning_job_id": "ftjob-abc",
                    "step_number": 1,
                    "metrics": {"step": 1, "train_loss": 0.5},
                }
            )
        ),
        Reply.json({"id": "file-1", "object": "file", "deleted": True}),
    )
    page = client.files.list()
    done = client.fine_tuning.jobs.retrieve("ftjob-abc")
    events = client.fine_tuning.jobs.list_events("ftjob-abc")
    checkpoints = client.fine_tuning.jobs.checkpoints.list("ftjob-abc")
    deleted = client.files.delete("file-1")
    return (
        isinstance(page, pagination.SyncCursorPage),
        isinstance(page.data[0], types.FileObject),
        isinstance(done, fine_tuning.FineTuningJob),
        isinstance(events, pagination.SyncCursorPage),
        isinstance(events.data[0], fine_tuning.FineTuningJobEvent),
        events.data[0].level,
        isinstance(checkpoints.data[0], jobs.FineTuningJobCheckpoint),
        checkpoints.data[0].metrics.valid_loss,
        isinstance(deleted, types.FileDeleted),
        isinstance(done.hyperparameters.n_epochs, int),
    )


@program
def media_results_checked_against_their_types(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    types = sub(openai, "types")
    audio = sub(openai, "types.audio")
    server.reply(
        Reply.json(images_answer({"url": "https://img.test/a.png", "revised_prompt": "a"})),
        Reply.json(VERBOSE),
        Reply.json({"text": "Hello"}),
        Reply.raw(b"Hello", content_type="text/plain"),
        Reply.json({"text": "Hola", "language": "es", "duration": 1.0, "task": "translate"}),
    )
    images = client.images.generate(prompt="x", model="dall-e-3")
    verbose = client.audio.transcriptions.create(
        model="whisper-1", file=("a.mp3", b"ID3"), response_format="verbose_json"
    )
    plain = client.audio.transcriptions.create(model="whisper-1", file=("a.mp3", b"ID3"))
    text = client.audio.transcriptions.create(
        model="whisper-1", file=("a.mp3", b"ID3"), response_format="text"
    )
    translated = client.audio.translations.create(
        model="whisper-1", file=("a.mp3", b"ID3"), response_format="verbose_json"
    )
    return (
        isinstance(images, types.ImagesResponse),
        isinstance(images.data[0], types.Image),
        isinstance(verbose, audio.TranscriptionVerbose),
        isinstance(verbose.words[0], audio.TranscriptionWord),
        isinstance(verbose.segments[0], audio.TranscriptionSegment),
        isinstance(plain, audio.Transcription),
        isinstance(text, str),
        isinstance(translated, audio.TranslationVerbose),
        translated.language,
        type(translated).__name__,
    )


@program
def message_params_typed_dicts_built_by_hand(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Code typed against the params modules: an attachment and content parts built with the
    ``TypedDict`` classes and sent."""
    params = sub(openai, "types.beta.threads.message_create_params")
    parts = sub(openai, "types.beta.threads")
    server.reply(Reply.json(message("user", "see file", "msg_p")))
    attachment = params.Attachment(file_id="file-1", tools=[{"type": "file_search"}])
    text_part = parts.TextContentBlockParam(type="text", text="see file")
    image_part = parts.ImageFileContentBlockParam(
        type="image_file", image_file=parts.ImageFileParam(file_id="file-img", detail="low")
    )
    made = client.beta.threads.messages.create(
        "thread_abc", role="user", content=[text_part, image_part], attachments=[attachment]
    )
    return made.id, server.requests[0].json(), sorted(attachment), type(attachment).__name__


test_program_observes_the_same = observed_the_same(PROGRAMS)
