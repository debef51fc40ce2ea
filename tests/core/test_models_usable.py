"""Models are fully usable however they were reached, with no `model_rebuild()` by the user.

Models build lazily; a model that refers to a class defined later in its module used to show
`ForwardRef('Optional[ToolResources]')` in `model_fields` until something built it. Each check
runs in a fresh interpreter, where nothing has built the models yet.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap


def _run(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def test_field_annotations_of_every_generated_model_are_resolved() -> None:
    code = """
        import importlib, pkgutil, typing
        import pydantic
        import typed_openai.types as root

        def unresolved(tp):
            if isinstance(tp, (typing.ForwardRef, str)):
                return True
            if typing.get_origin(tp) is typing.Literal:
                return False
            return any(unresolved(arg) for arg in typing.get_args(tp))

        models, bad = 0, []
        for info in pkgutil.walk_packages(root.__path__, root.__name__ + "."):
            module = importlib.import_module(info.name)
            for name, cls in vars(module).items():
                if not (isinstance(cls, type) and issubclass(cls, pydantic.BaseModel)):
                    continue
                if cls.__module__ != module.__name__:
                    continue
                models += 1
                for field, field_info in cls.model_fields.items():
                    if unresolved(field_info.annotation):
                        bad.append(f"{cls.__qualname__}.{field}: {field_info.annotation}")
        print(models, bad[:5])
    """
    models, bad = _run(code).split(" ", 1)
    assert bad == "[]"
    assert int(models) > 300


ASSISTANT = {
    "id": "asst_1",
    "object": "assistant",
    "created_at": 1,
    "name": None,
    "description": None,
    "model": "gpt-4o",
    "instructions": None,
    "tools": [{"type": "code_interpreter"}],
    "metadata": {},
    "tool_resources": {"code_interpreter": {"file_ids": ["f1"]}},
}


def test_a_nested_model_reached_through_a_response_is_complete() -> None:
    """The ISSUE's case: `ToolResources` reached only through its parent, then introspected,
    serialised, pickled, copied and compared — the same answers as the official SDK's models."""
    code = f"""
        import copy, json, pickle, typing, warnings
        warnings.simplefilter("ignore", DeprecationWarning)
        from typed_openai._core._models import parse_json
        from typed_openai.types.beta import Assistant
        import openai.types.beta as sdk

        data = {json.dumps(ASSISTANT)!r}
        results = []
        for cls in (sdk.Assistant, Assistant):
            item = parse_json(cls, data) if cls is Assistant else cls.model_validate_json(data)
            nested = type(item.tool_resources)
            annotation = nested.model_fields["code_interpreter"].annotation
            inner = typing.get_args(annotation)[0]
            schema = nested.model_json_schema()
            restored = pickle.loads(pickle.dumps(item))
            results.append([
                inner.__name__,
                inner.model_fields["file_ids"].annotation == typing.Optional[typing.List[str]],
                sorted(schema["properties"]),
                restored == item,
                copy.deepcopy(item) == item,
                restored.tool_resources.code_interpreter.file_ids,
            ])
        print(json.dumps(results))
    """
    sdk, ours = json.loads(_run(code))
    assert ours == sdk
    assert ours[0] == "ToolResourcesCodeInterpreter" and ours[3:] == [True, True, ["f1"]]


def test_model_fields_is_the_same_mapping_as_pydantics_once_built() -> None:
    from typed_openai.types.beta import Assistant

    Assistant.model_rebuild()
    assert Assistant.model_fields is Assistant.__pydantic_fields__
    assert set(Assistant.model_fields) >= {"id", "tool_resources", "metadata"}


def test_a_users_subclass_of_an_unbuilt_model_is_usable() -> None:
    # litellm's `class Usage(CompletionUsage)` in a module that imports neither `Optional` nor
    # the detail classes the inherited fields name; used before anything built CompletionUsage
    code = """
        from typed_openai.types.completion_usage import CompletionUsage
        from typed_openai.types.chat import ChatCompletion

        class Usage(CompletionUsage):
            cost: float = 0.0

        class Completion(ChatCompletion):
            pass

        usage = Usage(prompt_tokens=1, completion_tokens=2, total_tokens=3, cost=0.5)
        usage = Usage.model_validate({**usage.model_dump(), "prompt_tokens_details": {"cached_tokens": 1}})
        print(type(usage.prompt_tokens_details).__name__, usage.cost)
        print(Completion.model_validate({"id": "c", "object": "chat.completion", "created": 1,
              "model": "m", "choices": []}).id)
    """
    assert _run(code).splitlines() == ["PromptTokensDetails 0.5", "c"]
