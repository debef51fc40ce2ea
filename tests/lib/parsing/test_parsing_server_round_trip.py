"""Strict schemas sent over HTTP to the local test server, which enforces the strict-mode rules
like the API, and its answers parsed back into the models.

This covers the shapes the official SDK gets wrong: for some of them its schema is refused by the
server, ours is accepted and the answer validates as the model.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, List, Literal, Union

import pytest
from openai.lib._parsing._completions import (
    type_to_response_format_param as official_type_to_response_format_param,
)
from pydantic import BaseModel, ConfigDict, Field

from typed_openai import BadRequestError, OpenAI
from typed_openai._core import NOT_GIVEN
from typed_openai.lib._parsing._completions import parse_chat_completion
from typed_openai.lib._parsing._response_format import type_to_response_format_param
from typed_openai.lib._tools import pydantic_function_tool
from typed_openai.testing import LocalOpenAIServer


class Step(BaseModel):
    explanation: str
    output: str


class MathResponse(BaseModel):
    steps: List[Step]
    final_answer: str


class Address(BaseModel):
    street: str
    city: str


class AllowsExtra(BaseModel):
    model_config = ConfigDict(extra="allow")

    name: str


class WithExtraChild(BaseModel):
    child: AllowsExtra


class Settings(BaseModel):
    retries: int = 3
    home: Address = Address(street="Main", city="Town")
    note: str | None = "n/a"


class Cat(BaseModel):
    kind: Literal["cat"]
    meows: int


class Dog(BaseModel):
    kind: Literal["dog"]
    barks: int


class Household(BaseModel):
    pet: Union[Cat, Dog] = Field(discriminator="kind")


class Folder(BaseModel):
    name: str
    children: List[Annotated[Folder, Field(description="A sub-folder")]]


class Described(BaseModel):
    home: Address = Field(description="Where they live")
    work: Address | None = Field(description="Where they work, if anywhere")


SHAPES: list[type[BaseModel]] = [
    MathResponse,
    WithExtraChild,
    Settings,
    Household,
    Folder,
    Described,
]


@pytest.fixture(scope="module")
def client() -> Iterator[OpenAI]:
    with (
        LocalOpenAIServer() as server,
        OpenAI(base_url=server.base_url, api_key=server.api_key) as client,
    ):
        yield client


def _ask(client: OpenAI, response_format: Any, prompt: str) -> Any:
    return client.chat.completions.create(
        model="gpt-4o-2024-08-06",
        messages=[{"role": "user", "content": prompt}],
        response_format=response_format,
    )


@pytest.mark.parametrize("model", SHAPES, ids=lambda m: m.__name__)
@pytest.mark.parametrize("prompt", ["first prompt", "another prompt"])
def test_server_accepts_our_schema_and_the_answer_parses(
    client: OpenAI, model: type[BaseModel], prompt: str
) -> None:
    completion = _ask(client, type_to_response_format_param(model), prompt)
    parsed = parse_chat_completion(
        response_format=model, input_tools=NOT_GIVEN, chat_completion=completion
    )
    assert isinstance(parsed.choices[0].message.parsed, model)


def test_server_refuses_the_official_schema_for_an_extra_allow_model(client: OpenAI) -> None:
    # The control: the official SDK keeps `additionalProperties: true` for `extra="allow"`.
    with pytest.raises(BadRequestError, match="additionalProperties"):
        _ask(client, official_type_to_response_format_param(WithExtraChild), "x")


def test_strict_tool_from_a_described_recursive_model_round_trips(client: OpenAI) -> None:
    tools = [pydantic_function_tool(Folder, name="make_folder")]
    completion = client.chat.completions.create(
        model="gpt-4o-2024-08-06",
        messages=[{"role": "user", "content": "please make folder for me"}],
        tools=tools,
        tool_choice={"type": "function", "function": {"name": "make_folder"}},
    )
    parsed = parse_chat_completion(
        response_format=NOT_GIVEN, input_tools=tools, chat_completion=completion
    )
    call = (parsed.choices[0].message.tool_calls or [])[0]
    assert isinstance(call.function.parsed_arguments, Folder)
