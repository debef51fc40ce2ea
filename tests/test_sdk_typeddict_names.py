"""Request-side TypedDicts under the official SDK's `__name__` (issue 15), and the measurement
behind the `typeddict-names` known difference (tests/typing/test_drop_in_types.py):
`python -m tools.sdk_names.params` counts the official SDK's request-side TypedDicts whose
counterpart here carries another `__name__` (what type checkers print in a message or hover, and
what code reading `__name__` sees)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from typing_extensions import is_typeddict

from codegen.config import load_sdk_copies
from codegen.naming import copy_twin_name
from tools.sdk_names import __main__ as sdk_names
from tools.sdk_names.params import aliases_text, is_request_module, sdk_aliases, typeddict_report

pytest.importorskip("openai")

# measured with `python -m tools.sdk_names.params` (last line): 329 before per-place copies had
# their own request side, 154 before the SDK's request-side classes of a shape defined once here
# were classes of their own (codegen/param_classes.py)
DIFFERING_AT_MOST = 1  # the config's own path beta.realtime.conversation_item_content_param
ALIAS_FACTS = Path(__file__).resolve().parent.parent / "spec" / "sdk_param_aliases.yml"


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return typeddict_report()


def test_no_more_request_side_typeddicts_have_another_name_than_measured(report) -> None:  # type: ignore[no-untyped-def]
    assert report.total >= 1500  # the SDK's *_param(s) modules were all read
    assert len(report.differing) <= DIFFERING_AT_MOST, "\n".join(report.differing)


def test_the_sdks_request_side_second_names_show_the_sdks_name(report) -> None:  # type: ignore[no-untyped-def]
    """The SDK binds some request-side names to a class of another `__name__`
    (`ChatCompletionToolParam = ChatCompletionFunctionToolParam`, the conversations' content
    parts to the Responses ones): ours show that `__name__` too, not one of their own."""
    assert report.aliases >= 30
    assert report.aliases_differing == (), "\n".join(report.aliases_differing)


def test_the_sdks_packages_reexport_request_classes_under_the_sdks_name(report) -> None:  # type: ignore[no-untyped-def]
    """A package's name of a request-side class (`types.webhooks.WebhookListParams`) is its
    module's class here too, not the shape that one derives from (22 before)."""
    assert report.reexports >= 500
    assert len(report.reexports_differing) <= 1, "\n".join(report.reexports_differing)


def test_the_alias_facts_file_is_what_the_tool_writes_today() -> None:
    wanted = aliases_text(sdk_aliases())
    assert wanted == ALIAS_FACTS.read_text(encoding="utf-8"), (
        "spec/sdk_param_aliases.yml is stale: run `python -m tools.sdk_names.params "
        "--write-aliases spec/sdk_param_aliases.yml`, `python -m codegen`"
    )


# (SDK module under types, name): request-side classes code written for the SDK imports, each a
# kind of rename: a class's own TypedDict, a per-place copy's (nested and own-module), a twin of a
# class the SDK names otherwise, a copy's path the config had paired by hand
SDK_PATHS = [
    ("responses", "ResponseInputTextParam"),
    ("chat", "ChatCompletionToolParam"),
    ("responses.response_input_item_param", "CompactionTrigger"),
    ("responses.response_output_text_param", "AnnotationFileCitation"),
    ("realtime", "RealtimeMcpToolCallParam"),
    ("realtime", "RealtimeConversationItemUserMessageParam"),
    ("realtime.realtime_response_create_params_param", "RealtimeResponseCreateParamsParam"),
    # a class of its own deriving from a TypedDict of another module (a module of second names,
    # one with types of its own), of the same module, of a module importing this one (made on
    # first use) and the SDK's shorter name bound to one of those
    ("webhooks.webhook_list_params", "WebhookListParams"),
    ("vector_stores.file_batch_create_params", "File"),
    ("admin.organization.projects.hosted_tool_permission_update_params", "FileSearch"),
    ("responses.responses_client_event_param", "ResponseCreateStreamOptions"),
    ("responses.responses_client_event_param", "StreamOptions"),
    # the SDK's second names of a class of another name (spec/sdk_param_aliases.yml)
    ("chat.chat_completion_tool_param", "ChatCompletionToolParam"),
    ("conversations.input_file_content_param", "InputFileContentParam"),
    ("responses.tool_param", "WebSearchToolFilters"),
    # a package's re-export of its module's class of the SDK's
    ("webhooks", "WebhookListParams"),
    ("admin.organization", "AdminAPIKeyCreateParams"),
    ("realtime", "ResponseItemReferenceParam"),
    ("beta.beta_response_input_item_param", "MessageAgent"),
    ("beta", "BetaToolSearchOutputNamespaceToolParam"),
    ("beta.beta_tool_search_output_namespace_tool_param", "BetaToolSearchOutputNamespaceToolParam"),
]


@pytest.mark.parametrize(("module", "name"), SDK_PATHS)
def test_a_typeddict_imported_at_the_sdks_path_has_the_sdks_name(module: str, name: str) -> None:
    theirs = getattr(importlib.import_module(f"openai.types.{module}"), name)
    ours = getattr(importlib.import_module(f"typed_openai.types.{module}"), name)
    assert is_typeddict(theirs) and is_typeddict(ours)
    assert ours.__name__ == theirs.__name__


def test_request_modules_are_the_param_and_params_modules() -> None:
    assert is_request_module("chat.completion_create_params")
    assert is_request_module("responses.response_input_param")
    assert not is_request_module("chat.chat_completion")
    assert not is_request_module("responses.param_helpers")


def test_the_report_counts_each_class_where_the_sdk_defines_it(report) -> None:  # type: ignore[no-untyped-def]
    # the client event's moderation: the SDK's class there, ours derives from chat's moderation
    from typed_openai.types.chat.completion_create_params import Moderation
    from typed_openai.types.responses.responses_client_event_param import (
        ResponseCreateModeration,
    )

    assert ResponseCreateModeration.__name__ == "ResponseCreateModeration"
    assert ResponseCreateModeration.__orig_bases__ == (Moderation,)  # type: ignore[attr-defined]
    named_so = (
        "responses.responses_client_event_param.ResponseCreateModeration:",
        "chat.completion_create_params.CompletionCreateParamsBase:",
        "responses.response_input_item_param.CompactionTrigger:",  # (renamed with its class)
    )
    for named in named_so:
        assert not any(line.startswith(named) for line in report.differing)
    assert not any(line.startswith(named_so[0].rstrip(":")) for line in report.missing)
    assert report.total > len(report.differing) + len(report.missing)


def test_the_facts_tool_matches_the_class_an_sdk_request_class_derives_from() -> None:
    """A TypedDict deriving from one other and adding no key is that one under the SDK's name:
    the facts tool pairs SDK names with the class it derives from (else the facts would name
    the classes they make)."""
    from tools.sdk_names.shapes import standing_for
    from typed_openai.types.batch_list_params import BatchListParams
    from typed_openai.types.chat import completion_create_params
    from typed_openai.types.webhooks.webhook_list_params import WebhookListParams

    assert standing_for(WebhookListParams) is BatchListParams
    assert standing_for(BatchListParams) is BatchListParams
    streaming = completion_create_params.CompletionCreateParamsStreaming  # (adds `stream`)
    assert standing_for(streaming) is streaming


def _our(module: str, name: str) -> object:
    return getattr(importlib.import_module(f"typed_openai.types.{module}"), name, None)


def _sdk(module: str, name: str) -> object:
    try:
        return getattr(importlib.import_module(f"openai.types.{module}"), name, None)
    except ImportError:
        return None


def _required(typeddict: object) -> set[str]:
    """The keys a TypedDict requires, read from its annotations (both sides' modules postpone
    them, so the runtime's `__required_keys__` cannot see `Required[...]`)."""
    total = getattr(typeddict, "__total__", True)
    required = set()
    for key, hint in getattr(typeddict, "__annotations__", {}).items():
        text = getattr(hint, "__forward_arg__", None) or str(hint)
        if text.startswith("Required[") or (total and not text.startswith("NotRequired[")):
            required.add(key)
    return required


def test_each_per_place_copy_has_a_request_side_class_of_its_own_where_the_sdk_has_one() -> None:
    """A per-place copy (spec/sdk_copies.yml) a request sends is a TypedDict of its own in its
    module's `_param` module, under the SDK's name there (`beta_response_input_item_param`'s
    MessageAgent, ComputerCallOutputAgent, ...), not the twin of what it copies."""
    copies = load_sdk_copies(sdk_names.COPY_FACTS)
    checked = []
    for module, names in copies.items():
        for name in names:
            place = f"{module}_param"
            theirs = _sdk(place, copy_twin_name(name, module))
            if not is_typeddict(theirs):
                continue
            ours = _our(place, copy_twin_name(name, module))
            checked.append(f"{place}.{copy_twin_name(name, module)}")
            assert is_typeddict(ours), checked[-1]
            assert ours.__name__ == theirs.__name__, checked[-1]  # type: ignore[union-attr]
            assert ours.__module__ == f"typed_openai.types.{place}", checked[-1]  # type: ignore[union-attr]
            # (what the SDK lets a request leave out, ours does too: config `param: {optional:}`
            # of what it copies holds for the copy)
            assert _required(ours) <= _required(theirs), checked[-1]
    assert len(checked) >= 40
    assert "beta.beta_response_input_item_param.MessageAgent" in checked


def test_a_copys_request_side_sends_what_its_source_sends() -> None:
    from typed_openai.types.beta.beta_response_input_item_param import FunctionCallOutputAgent
    from typed_openai.types.beta_agent_tag_param_param import BetaAgentTagParamParam

    assert FunctionCallOutputAgent.__annotations__.keys() == (
        BetaAgentTagParamParam.__annotations__.keys()
    )
    assert FunctionCallOutputAgent is not BetaAgentTagParamParam


def test_a_package_reexports_a_copys_class_not_its_request_side() -> None:
    """A copy and its request side share a name in two modules of one package; the package
    re-exports the class, as it did before the copy had a request side (the SDK's
    `beta.realtime.Session` is a class too)."""
    import typed_openai.types.beta.realtime as package
    from typed_openai.types.beta.realtime.session_update_event import Session

    assert package.Session is Session


def test_the_twin_of_a_class_the_sdk_names_otherwise_has_the_sdks_request_side_name() -> None:
    """A model the class-name facts define under the SDK's name (`RealtimeMCPToolCall` ->
    `RealtimeMcpToolCall`) has its TypedDict twin named after that name too, its former name
    bound to it as a second name (codegen/param_names.py)."""
    from openai.types.realtime import realtime_mcp_tool_call_param as theirs
    from openai.types.responses import response_input_item_param as theirs_nested

    from typed_openai.types import compaction_trigger_item_param as nested
    from typed_openai.types import realtime_mcp_tool_call_param as ours

    assert ours.RealtimeMcpToolCallParam.__name__ == theirs.RealtimeMcpToolCallParam.__name__
    assert ours.RealtimeMCPToolCallParam is ours.RealtimeMcpToolCallParam
    # nested in another's module at the SDK: the SDK's name itself
    assert nested.CompactionTrigger.__name__ == theirs_nested.CompactionTrigger.__name__
    assert nested.CompactionTriggerItemParam is nested.CompactionTrigger


def test_a_renamed_twin_is_named_after_the_sdks_own_module_of_its_class() -> None:
    """The facts bind the realtime user message at a module named after the SDK's name
    (`realtime.realtime_conversation_item_user_message`), ours after the document's: the SDK's
    request side is that module's `_param` class, the name plus `Param`."""
    from openai.types.realtime import realtime_conversation_item_user_message_param as theirs

    from typed_openai.types import realtime_conversation_item_message_user_param as ours

    twin = ours.RealtimeConversationItemUserMessageParam
    assert twin.__name__ == theirs.RealtimeConversationItemUserMessageParam.__name__
    assert ours.RealtimeConversationItemMessageUserParam is twin  # (its former name)
