"""Writes `typed_openai/lib/resources/chat/completions.py` from the generated ``create()``.

``parse()`` and ``stream()`` restate every keyword argument of the generated ``create()`` so that
type checkers see them. When the spec changes ``create()``, `test_signatures.py` fails; run

    .venv/bin/python -m tests.lib.chat.emit_helpers

to re-emit the module (arguments, their type imports and the ``response_format`` union are read
from the generated module), then review the diff. Everything else in the module is the template
below.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
GENERATED = ROOT / "src/typed_openai/_generated/resources/chat/completions/__init__.py"
TARGET = ROOT / "src/typed_openai/lib/resources/chat/completions.py"

HEADER = '''"""`chat.completions` with the structured-output helpers ``parse()`` and ``stream()``.

`spec/config.yml` makes the client tree instantiate these subclasses of the generated resource
(``client.chat.completions``, and ``client.beta.chat.completions``, the same object). Both
helpers take every argument of `create()` except ``stream``, with the same names, types and
defaults; ``response_format`` also accepts a pydantic model class. The argument lists are
emitted from the generated ``create()`` by ``tests/lib/chat/emit_helpers.py`` and checked by
``tests/lib/chat/test_signatures.py``. The work that is not I/O lives in `lib/_parsing` and
`lib/streaming/chat`, shared by the sync and async classes.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, {typing_names}cast

from typing_extensions import {typing_extensions_names}TypeAlias

from typed_openai._core import (
    NOT_GIVEN,
    NotGiven,
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
    with_post_parse,
)
from typed_openai._generated.resources.chat.completions import (
    AsyncCompletions as _GeneratedAsyncCompletions,
)
from typed_openai._generated.resources.chat.completions import (
    AsyncCompletionsWithRawResponse as _GeneratedAsyncCompletionsWithRawResponse,
)
from typed_openai._generated.resources.chat.completions import (
    AsyncCompletionsWithStreamingResponse as _GeneratedAsyncCompletionsWithStreamingResponse,
)
from typed_openai._generated.resources.chat.completions import (
    Completions as _GeneratedCompletions,
)
from typed_openai._generated.resources.chat.completions import (
    CompletionsWithRawResponse as _GeneratedCompletionsWithRawResponse,
)
from typed_openai._generated.resources.chat.completions import (
    CompletionsWithStreamingResponse as _GeneratedCompletionsWithStreamingResponse,
)

# The parsing and streaming helpers load generated models, so they are imported when a helper is
# first called: touching `client.chat.completions.create` stays as cheap as without this subclass.
if TYPE_CHECKING:
    from typed_openai._core import AsyncStream, Body, Headers, Query, Stream, Timeout

    from ..._parsing._response_format import ResponseFormatInput, ResponseFormatT
    from ...streaming.chat._manager import (
        AsyncChatCompletionStreamManager,
        ChatCompletionStreamManager,
    )
    from typed_openai.types.chat.chat_completion import ChatCompletion
    from typed_openai.types.chat.chat_completion_chunk import ChatCompletionChunk
{type_imports}
    from ..._parsing._types import ParsedChatCompletion

__all__ = [
    "AsyncCompletions",
    "AsyncCompletionsWithRawResponse",
    "AsyncCompletionsWithStreamingResponse",
    "Completions",
    "CompletionsWithRawResponse",
    "CompletionsWithStreamingResponse",
]

ResponseFormatParam: TypeAlias = "{response_format_param}"
"""What `create()` takes as ``response_format``; the helpers also take a model class."""

# The arguments `parse()` / `stream()` handle themselves; every other one goes to create() as is.
_HANDLED_HERE = frozenset({{"self", "response_format", "tools"}})


def _create_arguments(arguments: Mapping[str, Any]) -> dict[str, Any]:
    """The helper's own arguments (its ``locals()`` on entry) that `create()` takes unchanged.

    Forwarding by name, rather than restating ~40 ``name=name`` lines per method, keeps the
    forwarding complete by construction; the signature test keeps the names equal to create's.
    """
    return {{name: value for name, value in arguments.items() if name not in _HANDLED_HERE}}


def _request_format(response_format: object) -> Any:
    """The ``response_format`` request field (a model class becomes a strict JSON schema).

    Checked here, when the helper is called: a bad value raises before any request is sent.
    """
    from ..._parsing._response_format import type_to_response_format_param

    return type_to_response_format_param(cast("ResponseFormatInput", response_format))


class Completions(_GeneratedCompletions):
    @cached_property
    def with_raw_response(self) -> CompletionsWithRawResponse:
        return CompletionsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> CompletionsWithStreamingResponse:
        return CompletionsWithStreamingResponse(self)

{sync_parse}
{sync_stream}

class AsyncCompletions(_GeneratedAsyncCompletions):
    @cached_property
    def with_raw_response(self) -> AsyncCompletionsWithRawResponse:
        return AsyncCompletionsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncCompletionsWithStreamingResponse:
        return AsyncCompletionsWithStreamingResponse(self)

{async_parse}
{async_stream}

# Raw access to `parse()` as well: its raw response's ``.parse()`` returns the parsed completion
# (the step `parse()` adds rides on the response, see `with_post_parse`). `stream()` has none, as
# it already hands out the response it reads.


class CompletionsWithRawResponse(_GeneratedCompletionsWithRawResponse):
    def __init__(self, completions: Completions) -> None:
        super().__init__(completions)
        self.parse = to_raw_response_wrapper(completions.parse)


class CompletionsWithStreamingResponse(_GeneratedCompletionsWithStreamingResponse):
    def __init__(self, completions: Completions) -> None:
        super().__init__(completions)
        self.parse = to_streamed_response_wrapper(completions.parse)


class AsyncCompletionsWithRawResponse(_GeneratedAsyncCompletionsWithRawResponse):
    def __init__(self, completions: AsyncCompletions) -> None:
        super().__init__(completions)
        self.parse = async_to_raw_response_wrapper(completions.parse)


class AsyncCompletionsWithStreamingResponse(_GeneratedAsyncCompletionsWithStreamingResponse):
    def __init__(self, completions: AsyncCompletions) -> None:
        super().__init__(completions)
        self.parse = async_to_streamed_response_wrapper(completions.parse)
'''

PARSE_DOC = '''        """Create a chat completion and parse it (never streams).

        `response_format` may be a pydantic model: it is sent as a strict JSON schema and the
        content comes back validated in ``choices[i].message.parsed`` (None when the model
        refused; the text is then in ``message.refusal``). Only strict function tools may be
        given (`typed_openai.pydantic_function_tool` makes one); the arguments of their calls
        come back in ``tool_calls[j].function.parsed_arguments``. Raises
        `LengthFinishReasonError` / `ContentFilterFinishReasonError` when a choice finished
        for those reasons. Every other argument is passed to `create()` unchanged.
        """'''

STREAM_DOC = '''        """Stream a chat completion as typed events: use it as ``{prefix}with ... as stream``.

        Takes the arguments of `parse()`. The request (``stream: true``) is sent when the block
        is entered and the response closed when it exits. The stream yields ``chunk``,
        ``content.delta`` / ``.done``, ``refusal.*``, ``tool_calls.function.arguments.*`` and
        ``logprobs.*`` events, accumulates the completion (``current_completion_snapshot``) and
        parses it at the end like `parse()` (``get_final_completion()``). Tools need not be
        strict here; strict ones get their arguments parsed.
        """'''

PARSE_BODY = """        arguments = _create_arguments(locals())  # first: before any local name is bound
        from ..._parsing._completions import parse_chat_completion
        from ..._parsing._tool_arguments import validate_input_tools

        input_tools = validate_input_tools(tools)
        completion = {await_}self.create(
            **arguments,
            response_format=_request_format(response_format),
            tools=cast(Any, input_tools),
            stream=False,
        )

        def parse_completion(completion: ChatCompletion) -> ParsedChatCompletion[ResponseFormatT]:
            parsed = parse_chat_completion(
                response_format=response_format, input_tools=input_tools, chat_completion=completion
            )
            return cast("ParsedChatCompletion[ResponseFormatT]", parsed)

        # Under `with_raw_response` the completion is a raw response: it parses on `.parse()`.
        return with_post_parse(completion, parse_completion)
"""

STREAM_BODY = """        arguments = _create_arguments(locals())  # first: before any local name is bound
        from ...streaming.chat._manager import {manager}
        from ...streaming.chat._state import ChatCompletionStreamState

        input_tools = NOT_GIVEN if isinstance(tools, NotGiven) else list(tools)
        response_format_param = _request_format(response_format)

        {async_}def api_request() -> {stream}[ChatCompletionChunk]:
            return {await_}self.create(
                **arguments,
                response_format=response_format_param,
                tools=cast(Any, input_tools),
                stream=True,
            )

        state = ChatCompletionStreamState(input_tools=input_tools, response_format=response_format)
        return {manager}(api_request, state=state)
"""


def _create_function(tree: ast.Module) -> ast.FunctionDef:
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "Completions":
            for item in node.body:
                if (
                    isinstance(item, ast.FunctionDef)
                    and item.name == "create"
                    and not any(ast.unparse(d) == "overload" for d in item.decorator_list)
                ):
                    return item
    raise LookupError("no create() implementation in the generated Completions")


def _parameters(source: str, create: ast.FunctionDef) -> tuple[str, str]:
    """(the keyword parameter lines for the helpers, create's response_format union)."""
    lines: list[str] = []
    response_format_param = ""
    defaults = create.args.kw_defaults
    for arg, default in zip(create.args.kwonlyargs, defaults, strict=True):
        if arg.arg == "stream":
            continue
        annotation = ast.get_source_segment(source, arg.annotation) if arg.annotation else None
        assert annotation is not None, arg.arg
        annotation = " ".join(annotation.split())
        if arg.arg == "response_format":
            response_format_param = re.sub(r"\s*\|\s*NotGiven$", "", annotation)
            annotation = "type[ResponseFormatT] | ResponseFormatParam | NotGiven"
        value = "" if default is None else f" = {ast.unparse(default)}"
        lines.append(f"        {arg.arg}: {annotation}{value},")
    return "\n".join(lines), response_format_param.replace("[ ", "[").replace(" ]", "]")


def _type_imports(tree: ast.Module, used: set[str]) -> str:
    """The generated module's TYPE_CHECKING imports of the names the parameters use, from the
    public ``typed_openai.types`` modules."""
    out: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for item in node.body:
                if not isinstance(item, ast.ImportFrom) or item.module is None:
                    continue
                if not item.module.startswith("typed_openai._generated.types."):
                    continue
                names = sorted(alias.name for alias in item.names if alias.name in used)
                if names:
                    module = item.module.replace(
                        "typed_openai._generated.types.", "typed_openai.types."
                    )
                    out.append(f"    from {module} import {', '.join(names)}")
    return "\n".join(out)


def _typing_names(tree: ast.Module, module: str, used: set[str], fixed: set[str]) -> str:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == module:
            names.update(alias.name for alias in node.names if alias.name in used)
    return "".join(f"{name}, " for name in sorted(names - fixed))


def _method(kind: str, asynchronous: bool, parameters: str) -> str:
    await_ = "await " if asynchronous else ""
    if kind == "parse":
        head = f"    {'async ' if asynchronous else ''}def parse("
        returns = "ParsedChatCompletion[ResponseFormatT]"
        doc, body = PARSE_DOC, PARSE_BODY.format(await_=await_)
    else:
        manager = (
            "AsyncChatCompletionStreamManager" if asynchronous else "ChatCompletionStreamManager"
        )
        head = "    def stream("
        returns = f"{manager}[ResponseFormatT]"
        doc = STREAM_DOC.format(prefix="async " if asynchronous else "")
        body = STREAM_BODY.format(
            async_="async " if asynchronous else "",
            await_=await_,
            stream="AsyncStream" if asynchronous else "Stream",
            manager=manager,
        )
    return f"{head}\n        self,\n        *,\n{parameters}\n    ) -> {returns}:\n{doc}\n{body}"


def emit(generated: Path = GENERATED) -> str:
    source = generated.read_text()
    tree = ast.parse(source)
    parameters, response_format_param = _parameters(source, _create_function(tree))
    used = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", parameters + " " + response_format_param))
    return HEADER.format(
        typing_names=_typing_names(tree, "typing", used, {"TYPE_CHECKING", "Any", "cast"}),
        typing_extensions_names=_typing_names(tree, "typing_extensions", used, {"TypeAlias"}),
        type_imports=_type_imports(tree, used),
        response_format_param=response_format_param,
        sync_parse=_method("parse", False, parameters),
        sync_stream=_method("stream", False, parameters),
        async_parse=_method("parse", True, parameters),
        async_stream=_method("stream", True, parameters),
    )


def main(argv: list[str]) -> None:
    # An optional argument names another copy of the generated module (e.g. `git show` output).
    TARGET.write_text(emit(Path(argv[0]) if argv else GENERATED))
    ruff = [sys.executable, "-m", "ruff"]
    subprocess.run([*ruff, "check", "--fix", "--quiet", str(TARGET)], check=True)
    subprocess.run([*ruff, "format", "--quiet", str(TARGET)], check=True)
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
