"""Names the official SDK defines outside any schema, built here from config `aliases:` and
copies: code validating or annotating with them gets the same members."""

from __future__ import annotations

import typing

import pydantic
import pytest


@pytest.mark.parametrize(
    ("payload", "sdk_name"),
    [
        ({"type": "search", "queries": ["a", "b"]}, "WebSearchActionResourceSearch"),
        ({"type": "find_in_page", "pattern": "p"}, "WebSearchActionResourceFindInPage"),
        ({"type": "open_page", "url": "https://example.com/"}, None),
        ({"type": "other"}, None),
    ],
)
def test_the_beta_web_search_action_union_takes_each_action(
    payload: dict[str, object], sdk_name: str | None
) -> None:
    from openai.types.beta.web_search_action import WebSearchAction as SdkAction

    from typed_openai.types.beta import web_search_action
    from typed_openai.types.beta.web_search_action import WebSearchAction

    ours = pydantic.TypeAdapter(WebSearchAction).validate_python(payload)
    theirs = pydantic.TypeAdapter(SdkAction).validate_python(payload)
    assert ours.model_dump(exclude_unset=True) == theirs.model_dump(exclude_unset=True)
    if sdk_name is not None:  # its own class here, under the SDK's name
        assert type(ours) is getattr(web_search_action, sdk_name)
        assert type(ours).__name__ == type(theirs).__name__ == sdk_name
    assert len(typing.get_args(WebSearchAction)) == 4


def test_the_compact_params_are_the_responses_package_names() -> None:
    from typed_openai.types import response_compact_params
    from typed_openai.types.chat.completion_create_params import PromptCacheOptions
    from typed_openai.types.responses import ResponseCompactParams
    from typed_openai.types.responses.response_compact_params import (
        PromptCacheOptions as CompactCacheOptions,
    )
    from typed_openai.types.responses.response_compact_params import (
        ResponseCompactParams as FromModule,
    )

    assert ResponseCompactParams is FromModule is response_compact_params.ResponseCompactParams
    assert CompactCacheOptions is PromptCacheOptions
    assert {"model", "input", "previous_response_id"} <= set(FromModule.__annotations__)


def test_parseable_tool_param_and_file_content() -> None:
    from typed_openai.types import FileContent
    from typed_openai.types.chat import ChatCompletionFunctionToolParam
    from typed_openai.types.responses import ToolParam
    from typed_openai.types.responses.tool_param import ParseableToolParam

    assert typing.get_args(ParseableToolParam) == (
        *typing.get_args(ToolParam),
        ChatCompletionFunctionToolParam,
    )
    assert FileContent is str
