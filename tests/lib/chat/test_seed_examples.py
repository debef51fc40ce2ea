"""The streaming examples of the seed documentation (`../shared/seed/helpers.txt`), as written.

Only the import changes (``typed_openai`` for ``openai``) and ``messages=[...]`` gets a real
message list; the client finds the loopback server through ``OPENAI_BASE_URL`` as it would find
the API.
"""

from __future__ import annotations

import pytest

from tests.lib.chat._support import sse, text_stream
from tests.support.server import Reply, ScriptedServer

PIECES = ["The answer", " is ", "x = -29/8."]


@pytest.fixture
def environment(server: ScriptedServer, monkeypatch: pytest.MonkeyPatch) -> ScriptedServer:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-secret")
    monkeypatch.setenv("OPENAI_BASE_URL", server.url)
    return server


@pytest.mark.anyio
async def test_streaming_example_prints_the_content(
    environment: ScriptedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    environment.reply(Reply.sse([sse(text_stream(PIECES))]))

    from typed_openai import AsyncOpenAI

    client = AsyncOpenAI()

    async with client.beta.chat.completions.stream(
        model="gpt-4o-2024-08-06",
        messages=[{"role": "user", "content": "solve 8x + 31 = 2"}],
    ) as stream:
        async for event in stream:
            if event.type == "content.delta":
                print(event.content, flush=True, end="")

    await client.close()  # not in the seed; the test must not leak the pooled connection
    assert capsys.readouterr().out == "".join(PIECES)
    assert environment.requests[0].json()["stream"] is True


@pytest.mark.anyio
async def test_get_final_completion_and_until_done_examples(
    environment: ScriptedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    environment.reply(Reply.sse([sse(text_stream(PIECES))]), Reply.sse([sse(text_stream(PIECES))]))

    from typed_openai import AsyncOpenAI

    client = AsyncOpenAI()
    messages = [{"role": "user", "content": "solve 8x + 31 = 2"}]

    async with client.beta.chat.completions.stream(
        model="gpt-4o-2024-08-06", messages=messages
    ) as stream:
        ...
        completion = await stream.get_final_completion()
        print(completion.choices[0].message)

    async with client.beta.chat.completions.stream(
        model="gpt-4o-2024-08-06", messages=messages
    ) as stream:
        await stream.until_done()
        # stream is now finished

    await client.close()  # not in the seed; the test must not leak the pooled connection
    assert "x = -29/8." in capsys.readouterr().out
    assert completion.choices[0].message.content == "".join(PIECES)
    assert stream.current_completion_snapshot.choices[0].message.content == "".join(PIECES)
