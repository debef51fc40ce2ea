"""Every model field the official SDK leaves optional is optional here too.

Real servers leave such fields out, and code written for the SDK builds its models by hand (test
fakes) without them; a field required here would make both fail. The document's required lists
are kept in the spec; spec/config.yml's `optional:` on a type entry makes the model lenient where
the SDK is (docs/contracts.md §3). The walk covers every model class the SDK defines whose name
imports from the same module of ours (generated, or re-exported under the SDK's name).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pydantic

# SDK names that ours re-exports as an alias of a type whose fields are required where the SDK
# requires them too (spec/sdk_names.yml: same structure, other required list). Making them
# optional would loosen that type everywhere; they need a shape of their own (name facts).
ALIAS_OF_A_STRICTER_TYPE = {
    "beta.realtime.conversation_item_input_audio_transcription_failed_event.Error.message",
    "beta.realtime.conversation_item_input_audio_transcription_failed_event.Error.type",
    "realtime.conversation_item_input_audio_transcription_failed_event.Error.message",
    "realtime.conversation_item_input_audio_transcription_failed_event.Error.type",
    "beta.web_search_action.WebSearchActionResourceFindInPage.pattern",
    "beta.web_search_action.WebSearchActionResourceFindInPage.url",
    "chat.chat_completion_chunk.ChoiceDeltaAudio.id",
    "chat.chat_completion_chunk.ChoiceDeltaAudio.data",
    "chat.chat_completion_chunk.ChoiceDeltaAudio.expires_at",
    "chat.chat_completion_chunk.ChoiceDeltaAudio.transcript",
    "webhooks.webhook_endpoint_list.WebhookEndpointList.first_id",
    "webhooks.webhook_endpoint_list.WebhookEndpointList.last_id",
}


def _required_here_optional_there() -> tuple[set[str], int]:
    import openai.types

    found: set[str] = set()
    compared = 0
    for info in pkgutil.walk_packages(openai.types.__path__, "openai.types."):
        theirs = importlib.import_module(info.name)
        where = info.name.removeprefix("openai.types.")
        try:
            ours = importlib.import_module(f"typed_openai.types.{where}")
        except ImportError:
            continue  # a module of theirs not built here: the parity tests count those
        for name, their_cls in vars(theirs).items():
            if not (
                inspect.isclass(their_cls)
                and issubclass(their_cls, pydantic.BaseModel)
                and their_cls.__module__ == info.name
            ):
                continue
            our_cls = getattr(ours, name, None)
            if not (inspect.isclass(our_cls) and issubclass(our_cls, pydantic.BaseModel)):
                continue
            compared += 1
            for field, their_field in their_cls.model_fields.items():
                our_field = our_cls.model_fields.get(field)
                if our_field is None:
                    continue
                if our_field.is_required() and not their_field.is_required():
                    found.add(f"{where}.{name}.{field}")
    return found, compared


def test_no_field_is_required_here_that_the_sdk_leaves_optional() -> None:
    found, compared = _required_here_optional_there()
    print(f"models compared: {compared}; required here, optional in the SDK: {len(found)}")
    assert compared > 1000
    assert found == ALIAS_OF_A_STRICTER_TYPE
