"""Sweep J: request parameters kept as TypedDicts and spread into calls (`create(**params)`),
content parts, and the media and platform calls of an app written for the official SDK, with
``reveal_type`` where its author's editor shows a type: each must be the SDK's."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

from openai import OpenAI
from openai.types import ChatModel, EmbeddingModel, ImageModel, Metadata, ReasoningEffort
from openai.types.audio import TranscriptionCreateParams
from openai.types.chat import (
    ChatCompletionAudioParam,
    ChatCompletionContentPartImageParam,
    ChatCompletionContentPartParam,
    ChatCompletionContentPartTextParam,
    ChatCompletionMessageParam,
    ChatCompletionNamedToolChoiceParam,
    ChatCompletionPredictionContentParam,
    ChatCompletionStreamOptionsParam,
    CompletionCreateParams,
)
from openai.types.chat.completion_create_params import (
    CompletionCreateParamsNonStreaming,
    CompletionCreateParamsStreaming,
    ResponseFormat,
    WebSearchOptions,
)
from openai.types.realtime import RealtimeConversationItemUserMessageParam
from openai.types.responses import ResponseCreateParams
from openai.types.responses.responses_client_event_param import (
    StreamOptions as EventStreamOptions,
)
from openai.types.shared_params import Reasoning, ResponseFormatJSONSchema
from openai.types.shared_params.response_format_json_schema import JSONSchema
from openai.types.vector_stores.file_batch_create_params import File as BatchFile
from typing_extensions import reveal_type

client = OpenAI()

model: ChatModel = "gpt-4o"
effort: ReasoningEffort = "low"
meta: Metadata = {"k": "v"}
text_part: ChatCompletionContentPartTextParam = {"type": "text", "text": "hi"}
image_part: ChatCompletionContentPartImageParam = {
    "type": "image_url",
    "image_url": {"url": "https://example.com/a.png", "detail": "high"},
}
parts: List[ChatCompletionContentPartParam] = [text_part, image_part]
parts.append({"type": "input_audio", "input_audio": {"data": "AAA", "format": "wav"}})
parts.append({"type": "file", "file": {"file_id": "file-1"}})
messages: List[ChatCompletionMessageParam] = [{"role": "user", "content": parts}]
messages.append({"role": "developer", "content": [{"type": "text", "text": "be brief"}]})
messages.append({"role": "assistant", "content": None, "tool_calls": []})
schema: JSONSchema = {"name": "x", "schema": {"type": "object"}, "strict": True}
json_schema_format: ResponseFormatJSONSchema = {"type": "json_schema", "json_schema": schema}
response_format: ResponseFormat = json_schema_format
audio: ChatCompletionAudioParam = {"voice": "alloy", "format": "wav"}
prediction: ChatCompletionPredictionContentParam = {"type": "content", "content": "x"}
stream_options: ChatCompletionStreamOptionsParam = {"include_usage": True}
tool_choice: ChatCompletionNamedToolChoiceParam = {"type": "function", "function": {"name": "f"}}
web_search: WebSearchOptions = {"search_context_size": "low"}
reasoning: Reasoning = {"effort": "minimal", "summary": "auto"}


def spread_params() -> None:
    params: CompletionCreateParamsNonStreaming = {
        "model": model,
        "messages": messages,
        "response_format": response_format,
        "reasoning_effort": effort,
        "metadata": meta,
        "modalities": ["text", "audio"],
        "audio": audio,
        "prediction": prediction,
        "tool_choice": tool_choice,
        "web_search_options": web_search,
        "service_tier": "flex",
        "store": True,
    }
    reveal_type(client.chat.completions.create(**params))
    streaming: CompletionCreateParamsStreaming = {
        "model": "gpt-4o",
        "messages": messages,
        "stream": True,
        "stream_options": stream_options,
    }
    reveal_type(client.chat.completions.create(**streaming))
    loose: Dict[str, Any] = {"model": "gpt-4o", "messages": messages}
    reveal_type(client.chat.completions.create(**loose))
    either: CompletionCreateParams = params
    reveal_type(either["messages"])
    request: ResponseCreateParams = {"model": "gpt-4.1", "input": "x", "reasoning": reasoning}
    reveal_type(request)
    reveal_type(request.get("reasoning"))
    # not request["input"]: the SDK's input items have a member the upstream document lacks
    # (the configuration_update item, newer SDK), listed in tests/sdk_parity_allowed.txt
    transcription: TranscriptionCreateParams = {"file": b"x", "model": "whisper-1"}
    reveal_type(transcription["file"])


def media(folder: Path) -> None:
    embedding_model: EmbeddingModel = "text-embedding-3-small"
    embedded = client.embeddings.create(model=embedding_model, input=["a", "b"], dimensions=256)
    reveal_type(embedded)
    reveal_type(embedded.data[0].embedding)
    reveal_type(embedded.usage)
    image_model: ImageModel = "gpt-image-1"
    images = client.images.generate(model=image_model, prompt="cat", size="1024x1024", n=1)
    reveal_type(images.data)
    if images.data:
        reveal_type(images.data[0].b64_json)
        reveal_type(images.data[0].url)
        reveal_type(images.data[0].revised_prompt)
    reveal_type(images.usage)
    reveal_type(client.images.edit(image=folder / "a.png", prompt="p"))
    reveal_type(client.images.create_variation(image=folder / "a.png"))
    audio_file = folder / "a.mp3"
    transcript = client.audio.transcriptions.create(model="whisper-1", file=audio_file)
    reveal_type(transcript)
    reveal_type(transcript.text)
    reveal_type(
        client.audio.transcriptions.create(
            model="whisper-1", file=audio_file, response_format="text"
        )
    )
    reveal_type(
        client.audio.transcriptions.create(
            model="whisper-1", file=audio_file, response_format="verbose_json"
        )
    )
    reveal_type(client.audio.translations.create(model="whisper-1", file=audio_file))
    speech = client.audio.speech.create(model="tts-1", voice="alloy", input="hello")
    reveal_type(speech)
    speech.write_to_file(folder / "out.mp3")
    moderation = client.moderations.create(model="omni-moderation-latest", input="text")
    reveal_type(moderation.results[0].flagged)
    reveal_type(moderation.results[0].categories.hate)
    reveal_type(moderation.results[0].category_scores.violence)


def platform(folder: Path) -> None:
    with open(folder / "x.jsonl", "rb") as handle:
        uploaded = client.files.create(file=handle, purpose="batch")
    reveal_type(uploaded)
    reveal_type(client.files.delete("file-1"))
    reveal_type(client.files.wait_for_processing("file-1"))
    batch = client.batches.create(
        input_file_id=uploaded.id, endpoint="/v1/chat/completions", completion_window="24h"
    )
    reveal_type(batch.status)
    reveal_type(batch.request_counts)
    reveal_type(batch.output_file_id)
    job = client.fine_tuning.jobs.create(model="gpt-4o-mini", training_file=uploaded.id)
    reveal_type(job.fine_tuned_model)
    reveal_type(job.hyperparameters)
    reveal_type(job.status)
    reveal_type(client.models.retrieve("gpt-4o"))
    reveal_type(client.models.delete("ft:x"))
    store = client.vector_stores.create(name="kb")
    reveal_type(store.file_counts)
    reveal_type(client.vector_stores.files.create_and_poll(vector_store_id="vs", file_id="f"))
    reveal_type(client.vector_stores.search(vector_store_id="vs", query="q"))
    reveal_type(client.webhooks.verify_signature("{}", {}))


def realtime_message() -> RealtimeConversationItemUserMessageParam:
    message: RealtimeConversationItemUserMessageParam = {
        "type": "message",
        "role": "user",
        "content": [{"type": "input_text", "text": "Hello"}],
    }
    reveal_type(message)
    return message


def batch_file() -> BatchFile:
    file: BatchFile = {"file_id": "file-abc"}
    reveal_type(file)
    return file


def event_stream_options() -> EventStreamOptions:
    # the SDK's class for responses.create's stream options in the websocket client event
    options: EventStreamOptions = {"include_obfuscation": False}
    reveal_type(options)
    client.responses.create(model="gpt-4o", input="hi", stream=True, stream_options=options)
    return options
