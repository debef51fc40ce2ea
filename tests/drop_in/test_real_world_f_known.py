"""Real-world sweep F, the differences still open: each a program run against both packages and
marked as a strict xfail saying what is open and whose area it is (it fails the day the
difference is gone: then make it a plain test in the file it belongs to), and one deliberate
difference kept as a plain test of both sides (download Accept headers).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from pydantic import BaseModel

from tests.support.server import Reply, ScriptedServer

from .conftest import client_of, run_both
from .test_real_world_apps import output_message, response_events, response_object, sse
from .test_real_world_f_responses import REASONING_ITEM, answer, cited_message


def test_annotation_classes_print_under_the_sdk_names(server: ScriptedServer) -> None:
    """Fixed (fid-surface, spec/sdk_class_names.yml + spec/sdk_copies.yml): a Responses output
    text's annotations print as openai 3.57's AnnotationURLCitation / AnnotationFileCitation, a
    reasoning item's summary parts as its Summary (a copy of the summary text schema at that
    place)."""

    def run(openai: ModuleType) -> Any:
        server.reply(answer(REASONING_ITEM, cited_message("News: all good.")))
        with client_of(openai, server.url + "/v1") as client:
            response = client.responses.create(model="gpt-4.1", input="news?")
        notes = response.output[1].content[0].annotations
        module = openai.types.responses.response_output_text
        return (
            [type(note).__name__ for note in notes],
            notes[0] == module.AnnotationURLCitation(**notes[0].model_dump()),
            repr(response.output[0]),
        )

    ours, theirs = run_both(run)
    assert theirs == (
        ["AnnotationURLCitation", "AnnotationFileCitation"],
        True,
        "ResponseReasoningItem(id='rs_1', summary=[Summary(text='Thinking hard.', "
        "type='summary_text')], type='reasoning', content=None, encrypted_content=None, "
        "status=None)",
    )
    assert ours == theirs


def test_download_accept_headers(server: ScriptedServer) -> None:
    """A deliberate difference (docs/contracts.md, binary answers): openai 3.57 asks for
    'application/binary' when it downloads file or container-file content; typed_openai asks for
    the media type the spec declares for the answer (codegen render_resources._accept), which a
    server that negotiates content — Prism among them — accepts where it refuses the SDK's with
    406. The bytes the caller gets are the same."""

    def run(openai: ModuleType) -> Any:
        server.reply(*[Reply.raw(b"bytes")] * 2)
        with client_of(openai, server.url + "/v1") as client:
            got = [
                client.files.content("file-1").read(),
                client.containers.files.content.retrieve("cfile_1", container_id="cntr_1").read(),
            ]
        return got, [r.headers["accept"] for r in server.requests[-2:]]

    ours, theirs = run_both(run)
    assert theirs == ([b"bytes"] * 2, ["application/binary"] * 2)
    assert ours == ([b"bytes"] * 2, ["application/octet-stream"] * 2)


class Verdict(BaseModel):
    label: str


def test_parsed_response_class_names(server: ScriptedServer) -> None:
    """Fixed (fid-runtime, lib/_parsing/_responses): responses.parse / the stream helper with a
    text_format build the plain classes, as openai 3.57 prints them ('ParsedResponse', ...)."""
    item = output_message('{"label": "spam"}')

    def run(openai: ModuleType) -> Any:
        server.reply(answer(item), sse(response_events(response_object([item]), item)))
        with client_of(openai, server.url + "/v1") as client:
            parsed = client.responses.parse(model="gpt-4.1", input="x", text_format=Verdict)
            with client.responses.stream(model="gpt-4.1", input="x", text_format=Verdict) as stream:
                events = sorted({type(e).__name__ for e in stream if "text" in e.type})
                final = stream.get_final_response()
        return [
            (type(r).__name__, repr(r.output[0])[:40], type(r.output[0].content[0]).__name__)
            for r in (parsed, final)
        ], events

    ours, theirs = run_both(run)
    assert theirs == (
        [("ParsedResponse", "ParsedResponseOutputMessage(id='msg_1', ", "ParsedResponseOutputText")]
        * 2,
        ["ResponseTextDeltaEvent", "ResponseTextDoneEvent"],
    )
    assert ours == theirs


def test_parsed_response_pickles(server: ScriptedServer) -> None:
    """Fixed (fid-runtime): a responses.parse(text_format=Model) result is the plain
    ParsedResponse, which pickles, as openai 3.57's."""
    import pickle

    def run(openai: ModuleType) -> Any:
        server.reply(answer(output_message('{"label": "ham"}')))
        with client_of(openai, server.url + "/v1") as client:
            parsed = client.responses.parse(model="gpt-4.1", input="x", text_format=Verdict)
        restored = pickle.loads(pickle.dumps(parsed))
        return restored.output_parsed, restored.output_text, restored == parsed

    ours, theirs = run_both(run)
    assert theirs == (Verdict(label="ham"), '{"label": "ham"}', True)
    assert ours == theirs
