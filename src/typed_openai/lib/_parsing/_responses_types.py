"""`ParsedResponse[T]` and friends: the generated Responses models plus the parsed values.

Each class extends its generated counterpart, so a parsed response is still a `Response` and only
narrows the output items that carry parsed values: messages (their ``output_text`` parts get
``parsed``) and function calls (``parsed_arguments``). ``T`` is the ``text_format`` model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Generic, List, Union, cast, get_args

from pydantic import Field
from typing_extensions import Annotated, TypeAlias, TypeVar

from typed_openai._core import UnionTag, as_plain_union
from typed_openai.types.responses.response import Response
from typed_openai.types.responses.response_function_tool_call import ResponseFunctionToolCall
from typed_openai.types.responses.response_output_item import ResponseOutputItem
from typed_openai.types.responses.response_output_message import ResponseOutputMessage
from typed_openai.types.responses.response_output_refusal import ResponseOutputRefusal
from typed_openai.types.responses.response_output_text import ResponseOutputText

if TYPE_CHECKING:
    # The kinds of output item besides messages and function calls (`ResponseOutputItem`'s
    # members but those two; tests/typing/test_parsed_types.py keeps the lists equal). For type
    # checkers, a parsed response's items are these or the parsed two, so narrowing an item by
    # its `type` (`item.type == "message"`) gives the parsed class, as with the official SDK.
    from typed_openai.types.responses.response_apply_patch_tool_call import (
        ResponseApplyPatchToolCall,
    )
    from typed_openai.types.responses.response_apply_patch_tool_call_output import (
        ResponseApplyPatchToolCallOutput,
    )
    from typed_openai.types.responses.response_code_interpreter_tool_call import (
        ResponseCodeInterpreterToolCall,
    )
    from typed_openai.types.responses.response_compaction_item import ResponseCompactionItem
    from typed_openai.types.responses.response_computer_tool_call import ResponseComputerToolCall
    from typed_openai.types.responses.response_computer_tool_call_output_item import (
        ResponseComputerToolCallOutputItem,
    )
    from typed_openai.types.responses.response_custom_tool_call import ResponseCustomToolCall
    from typed_openai.types.responses.response_custom_tool_call_output_item import (
        ResponseCustomToolCallOutputItem,
    )
    from typed_openai.types.responses.response_file_search_tool_call import (
        ResponseFileSearchToolCall,
    )
    from typed_openai.types.responses.response_function_shell_tool_call import (
        ResponseFunctionShellToolCall,
    )
    from typed_openai.types.responses.response_function_shell_tool_call_output import (
        ResponseFunctionShellToolCallOutput,
    )
    from typed_openai.types.responses.response_function_tool_call_output_item import (
        ResponseFunctionToolCallOutputItem,
    )
    from typed_openai.types.responses.response_function_web_search import (
        ResponseFunctionWebSearch,
    )
    from typed_openai.types.responses.response_output_item import (
        AdditionalTools,
        ImageGenerationCall,
        LocalShellCall,
        LocalShellCallOutput,
        McpApprovalRequest,
        McpApprovalResponse,
        McpCall,
        McpListTools,
        Program,
        ProgramOutput,
    )
    from typed_openai.types.responses.response_reasoning_item import ResponseReasoningItem
    from typed_openai.types.responses.response_tool_search_call import ResponseToolSearchCall
    from typed_openai.types.responses.response_tool_search_output_item import (
        ResponseToolSearchOutputItem,
    )

    OtherOutputItem: TypeAlias = Union[
        ResponseFileSearchToolCall,
        ResponseFunctionToolCallOutputItem,
        ResponseFunctionWebSearch,
        ResponseComputerToolCall,
        ResponseComputerToolCallOutputItem,
        ResponseReasoningItem,
        Program,
        ProgramOutput,
        ResponseToolSearchCall,
        ResponseToolSearchOutputItem,
        AdditionalTools,
        ResponseCompactionItem,
        ImageGenerationCall,
        ResponseCodeInterpreterToolCall,
        LocalShellCall,
        LocalShellCallOutput,
        ResponseFunctionShellToolCall,
        ResponseFunctionShellToolCallOutput,
        ResponseApplyPatchToolCall,
        ResponseApplyPatchToolCallOutput,
        McpCall,
        McpListTools,
        McpApprovalRequest,
        McpApprovalResponse,
        ResponseCustomToolCall,
        ResponseCustomToolCallOutputItem,
    ]

__all__ = [
    "ContentType",
    "ParsedContent",
    "ParsedResponse",
    "ParsedResponseFunctionToolCall",
    "ParsedResponseOutputItem",
    "ParsedResponseOutputMessage",
    "ParsedResponseOutputText",
]

# The generated models build lazily; their fields are completed before subclassing (see
# `_types.py` for why).
for _parent in (
    ResponseOutputText,
    ResponseOutputRefusal,
    ResponseOutputMessage,
    ResponseFunctionToolCall,
    Response,
):
    _parent.model_rebuild()

# Type checkers read an unparametrized class's `parsed` as None. At run time the variable has no
# default: parsed values are built into the unparametrized classes (the official SDK's class
# names), and a None default would make pydantic warn when it serializes a parsed model there.
if TYPE_CHECKING:
    ContentType = TypeVar("ContentType", default=None)
else:
    ContentType = TypeVar("ContentType")


# The parsed values exist only on this side: an output item fed back into a request's `input`
# (a stateless agent's history) goes without them, or the API answers 400 "Unknown parameter".
# `__wire_exclude__` is the `exclude` the request encoder (`_core/_transform.py`) dumps it with.


class ParsedResponseOutputText(ResponseOutputText, Generic[ContentType]):
    __wire_exclude__: ClassVar[Any] = {"parsed"}

    parsed: ContentType | None = None
    """The text validated into the ``text_format`` model (None without one)."""


ParsedContent: TypeAlias = Annotated[
    Union[ParsedResponseOutputText[object], ResponseOutputRefusal], UnionTag("type")
]
"""A part of a parsed message: parsed text, or a refusal (told apart by `type`, as the SDK's)."""


class ParsedResponseOutputMessage(ResponseOutputMessage, Generic[ContentType]):
    __wire_exclude__: ClassVar[Any] = {"content": {"__all__": {"parsed"}}}

    content: List[  # type: ignore[assignment]  # pyright: ignore[reportIncompatibleVariableOverride]
        Annotated[
            Union[ParsedResponseOutputText[ContentType], ResponseOutputRefusal], UnionTag("type")
        ]
    ]


class ParsedResponseFunctionToolCall(ResponseFunctionToolCall):
    __wire_exclude__: ClassVar[Any] = {"parsed_arguments"}

    parsed_arguments: object = None
    """The arguments as an instance of the tool's model (a `pydantic_function_tool`), the
    decoded JSON for another strict tool, None for a tool that is not strict."""


# an item of a parsed response's output, under the SDK's name for it (what `ParsedResponse.output`
# below holds): one union of every kind told apart by `type`, as the SDK's, the parsed two first;
# the checker sees the other item kinds without the two parsed ones
if TYPE_CHECKING:
    ParsedResponseOutputItem: TypeAlias = Annotated[
        Union[
            ParsedResponseOutputMessage[ContentType],
            ParsedResponseFunctionToolCall,
            OtherOutputItem,
        ],
        Field(discriminator="type", json_schema_extra=as_plain_union),
    ]
else:
    _OTHER_OUTPUT_ITEMS = tuple(
        member
        for member in get_args(get_args(ResponseOutputItem)[0])
        if member not in (ResponseOutputMessage, ResponseFunctionToolCall)
    )
    ParsedResponseOutputItem: TypeAlias = Annotated[
        Union[
            (
                ParsedResponseOutputMessage[ContentType],
                ParsedResponseFunctionToolCall,
                *_OTHER_OUTPUT_ITEMS,
            )
        ],
        Field(discriminator="type", json_schema_extra=as_plain_union),
    ]


class ParsedResponse(Response, Generic[ContentType]):
    """A `Response` whose message texts and strict function-call arguments are parsed.

    ``output`` holds `ParsedResponseOutputMessage` / `ParsedResponseFunctionToolCall` for those
    items and the generated item models for every other kind.
    """

    if TYPE_CHECKING:
        output: List[ParsedResponseOutputItem[ContentType]]  # type: ignore[assignment]  # pyright: ignore[reportIncompatibleVariableOverride]
    else:
        # (a pydantic generic model given its own type variable is the class itself: the alias
        # has no parameter at run time; `ParsedResponse[T]` puts `T` in)
        output: List[ParsedResponseOutputItem]

    @property
    def output_parsed(self) -> ContentType | None:
        """The first parsed ``output_text`` of the output messages (None if there is none)."""
        for item in self.output:
            if isinstance(item, ParsedResponseOutputMessage):
                parts = cast("list[Any]", item.content)  # pyright: ignore[reportUnknownMemberType]
                for part in parts:
                    if isinstance(part, ParsedResponseOutputText):
                        value = cast(object, part.parsed)  # pyright: ignore[reportUnknownMemberType]
                        if value:
                            return cast("ContentType", value)
        return None
