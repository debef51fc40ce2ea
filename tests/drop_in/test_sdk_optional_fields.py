"""Every model field the official SDK leaves optional is optional here too.

Real servers leave such fields out, and code written for the SDK builds its models by hand (test
fakes) without them; a field required here would make both fail. The document's required lists
are kept in the spec; spec/config.yml's `optional:` on a type entry makes the model lenient where
the SDK is (docs/contracts.md §3). The walk covers every model class the SDK defines whose name
imports from the same module of ours (generated, or re-exported under the SDK's name).

The same walk compares names: every field of an SDK model and every key of an SDK params
TypedDict that the matched class of ours lacks entirely is listed, with its reason, in
tests/sdk_parity_allowed.txt (key kinds `field` and `key`); a new one fails, as does a stale one.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

import pydantic
import pytest
from typing_extensions import is_typeddict

from tests.test_sdk_parity import ALLOWED_FILE, NOT_BUILT, allowed


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
            for field, our_field in our_cls.model_fields.items():
                their_field = their_cls.model_fields.get(field)
                # a field the SDK's model lacks entirely is one its users never pass either
                if our_field.is_required() and (
                    their_field is None or not their_field.is_required()
                ):
                    found.add(f"{where}.{name}.{field}")
    return found, compared


def test_no_field_is_required_here_that_the_sdk_leaves_optional() -> None:
    found, compared = _required_here_optional_there()
    print(f"models compared: {compared}; required here, optional in the SDK: {len(found)}")
    assert compared > 1000
    assert found == set()


def _keys(typed_dict: Any) -> frozenset[str]:
    return typed_dict.__required_keys__ | typed_dict.__optional_keys__


def _names_the_sdk_has_that_ours_lacks() -> tuple[dict[str, str], dict[str, int]]:
    """Allow-list key -> detail for every SDK model field (attribute name) and params TypedDict
    key that the same-named class of ours lacks entirely, and how many classes were compared."""
    import openai.types

    found: dict[str, str] = {}
    compared = {"model": 0, "params": 0}
    for info in pkgutil.walk_packages(openai.types.__path__, "openai.types."):
        theirs = importlib.import_module(info.name)
        try:
            ours = importlib.import_module(info.name.replace("openai.", "typed_openai.", 1))
        except ImportError:
            continue
        for name, their_cls in vars(theirs).items():
            our_cls = getattr(ours, name, None)
            if not (
                inspect.isclass(their_cls)
                and their_cls.__module__ == info.name
                and inspect.isclass(our_cls)
            ):
                continue
            where = f"{info.name}.{name}"
            if issubclass(their_cls, pydantic.BaseModel) and issubclass(
                our_cls, pydantic.BaseModel
            ):
                compared["model"] += 1
                for field in their_cls.model_fields.keys() - our_cls.model_fields.keys():
                    found[f"field {where}.{field}"] = "a field of the SDK's model, not of ours"
            elif is_typeddict(their_cls) and is_typeddict(our_cls):
                compared["params"] += 1
                for key in _keys(their_cls) - _keys(our_cls):
                    found[f"key {where}.{key}"] = "a key of the SDK's TypedDict, not of ours"
    return found, compared


def test_every_field_and_params_key_of_the_sdk_exists_here_or_is_listed() -> None:
    """`Model(field=...)`, `obj.field` on a defaulted field and `Params(key=...)` written for the
    SDK work here, unless the difference is listed (with its reason) in the one allow-list."""
    found, compared = _names_the_sdk_has_that_ours_lacks()
    listed = {k: why for k, why in allowed().items() if k.split(" ", 1)[0] in ("field", "key")}
    not_built = sum(1 for k in found if listed.get(k, "").startswith(NOT_BUILT))
    print(
        f"models compared: {compared['model']}, params TypedDicts compared: {compared['params']}; "
        f"SDK fields missing here: {sum(1 for k in found if k.startswith('field '))}, "
        f"SDK params keys missing here: {sum(1 for k in found if k.startswith('key '))} "
        f"({not_built} of them listed NOT BUILT YET)"
    )
    assert compared["model"] > 1000 and compared["params"] > 500
    unlisted = sorted(set(found) - set(listed))
    assert not unlisted, f"not in {ALLOWED_FILE.name}: " + "\n".join(unlisted)
    stale = sorted(set(listed) - set(found))
    assert not stale, f"no longer differs, remove from {ALLOWED_FILE.name}: {stale}"


# Places where the SDK has a class of its own, lenient, for a shape ours has strict elsewhere
# (spec/config.yml `copy_of:`, the chat stream delta's audio pieces - a schema of their own in
# spec/openapi.yml - and the realtime event's own error): (SDK module under
# types, name, the fields it leaves optional), and the stricter place of the same shape, with the
# fields it requires ((SDK module or None where the SDK has no such class, our module, name)).
PLACES = [
    (
        "chat.chat_completion_chunk",
        "ChoiceDeltaAudio",
        {"id", "data", "expires_at", "transcript"},
        ("chat.chat_completion_audio", "chat.chat_completion_audio", "ChatCompletionAudio"),
    ),
    (
        "beta.web_search_action",
        "WebSearchActionResourceFindInPage",
        {"pattern", "url"},
        (
            "beta.beta_response_function_web_search",
            "beta.beta_response_function_web_search",
            "ActionFindInPage",
        ),
    ),
    (
        "realtime.conversation_item_input_audio_transcription_failed_event",
        "Error",
        {"code", "message", "param", "type"},
        ("beta.session_error", "beta_error", "BetaError"),
    ),
    (
        "beta.realtime.conversation_item_input_audio_transcription_failed_event",
        "Error",
        {"code", "message", "param", "type"},
        ("beta.session_error", "beta_error", "BetaError"),
    ),
]
# the fields the places above must have to be built at all (discriminators, a list's items)
_ALWAYS = {"type": "find_in_page"}


def _build(cls: type[pydantic.BaseModel], leave_out: set[str]) -> pydantic.BaseModel:
    values = {
        name: _ALWAYS[name]
        for name, f in cls.model_fields.items()
        if f.is_required() and name in _ALWAYS and name not in leave_out
    }
    return cls(**values)


@pytest.mark.parametrize(("module", "name", "left_out", "stricter"), PLACES)
def test_a_lenient_place_builds_without_its_optional_fields_in_both_sdks(
    module: str, name: str, left_out: set[str], stricter: tuple[str | None, str, str]
) -> None:
    ours = getattr(importlib.import_module(f"typed_openai.types.{module}"), name)
    theirs = getattr(importlib.import_module(f"openai.types.{module}"), name)
    for cls in (ours, theirs):
        built = _build(cls, left_out)
        assert all(getattr(built, field) is None for field in left_out), cls
    # a class of its own, not a second name of the stricter shape's class
    _, our_module, strict_name = stricter
    strict = getattr(importlib.import_module(f"typed_openai.types.{our_module}"), strict_name)
    assert ours is not strict
    # defined at the SDK's module (beta.realtime's is the GA realtime event's, as the event is)
    assert ours.__module__ in {f"typed_openai.types.{m}" for m in (module, module[len("beta.") :])}


@pytest.mark.parametrize(("module", "name", "left_out", "stricter"), PLACES)
def test_the_shared_shape_stays_strict_where_the_sdk_is(
    module: str, name: str, left_out: set[str], stricter: tuple[str | None, str, str]
) -> None:
    their_module, our_module, strict_name = stricter
    ours = getattr(importlib.import_module(f"typed_openai.types.{our_module}"), strict_name)
    required = {f for f in left_out if ours.model_fields[f].is_required()}
    assert required  # the document requires them there
    if their_module is not None:  # the SDK's class of that place requires the same
        sdk_name = "SessionError" if their_module == "beta.session_error" else strict_name
        theirs = getattr(importlib.import_module(f"openai.types.{their_module}"), sdk_name)
        assert {f for f in left_out if theirs.model_fields[f].is_required()} == required
        with pytest.raises(pydantic.ValidationError):
            _build(theirs, required)
    with pytest.raises(pydantic.ValidationError):
        _build(ours, required)


@pytest.mark.parametrize("package", ["typed_openai", "openai"])
@pytest.mark.parametrize("where", ["realtime", "beta.realtime"])
def test_the_transcription_failed_events_error_is_its_modules_error(
    package: str, where: str
) -> None:
    module = importlib.import_module(
        f"{package}.types.{where}.conversation_item_input_audio_transcription_failed_event"
    )
    event = module.ConversationItemInputAudioTranscriptionFailedEvent.model_validate(
        {
            "event_id": "ev_1",
            "type": "conversation.item.input_audio_transcription.failed",
            "item_id": "item_1",
            "content_index": 0,
            "error": {"code": "audio_unintelligible"},  # no message, no type
        }
    )
    assert isinstance(event.error, module.Error)
    assert (event.error.code, event.error.message, event.error.type) == (
        "audio_unintelligible",
        None,
        None,
    )
