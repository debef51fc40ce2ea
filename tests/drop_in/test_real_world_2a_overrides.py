"""Real-world sweep 2A, the client's override points that code written for the official SDK
reaches for: the retry wait patched away in a test suite
(``mock.patch("openai._base_client.BaseClient._calculate_retry_timeout", ...)``, as the SDK's own
tests do), a subclass with its own retry rule (``_should_retry``) or its own errors for a
gateway's statuses (``_make_status_error``), the internal httpx client (``client._client``) —
programs run unchanged against both packages over the loopback server.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any
from unittest import mock

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY
from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_completion

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

ASK = [{"role": "user", "content": "hi"}]
ANSWER = Reply.json(chat_completion({"role": "assistant", "content": "fine"}))


def failure(status: int, **headers: str) -> Reply:
    body = {"error": {"message": f"failed {status}", "type": "server", "param": None, "code": None}}
    return Reply.json(body, status, headers=headers)


@program
def retry_wait_patched_in_a_test_suite(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A test suite making retries instant: the server asks for 20 s, the patched wait answers
    0; what the patch was asked (the retries left, the server's header) and the outcome."""
    asked: list[Any] = []

    def no_wait(
        self: Any, remaining_retries: int, options: Any, response_headers: Any = None
    ) -> float:
        asked.append(
            (
                remaining_retries,
                None if response_headers is None else response_headers.get("retry-after"),
            )
        )
        return 0.0

    base_client = importlib.import_module(f"{openai.__name__}._base_client")
    server.reply(failure(503, **{"retry-after": "20"}), Reply.drop(), ANSWER)
    with mock.patch.object(base_client.BaseClient, "_calculate_retry_timeout", no_wait):
        completion = client.with_options(max_retries=3).chat.completions.create(
            model="gpt-4o", messages=ASK
        )
    return asked, completion.choices[0].message.content, len(server.requests)


@program
def retry_wait_patched_with_a_lambda(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The SDK's own test suite's idiom: ``mock.patch("openai._base_client.BaseClient.
    _calculate_retry_timeout", lambda *args, **kwargs: 0.01)`` by dotted name."""
    server.reply(failure(500), failure(500), failure(500))
    target = f"{openai.__name__}._base_client.BaseClient._calculate_retry_timeout"
    with mock.patch(target, lambda *args, **kwargs: 0.01):
        try:
            client.with_options(max_retries=2).chat.completions.create(model="gpt-4o", messages=ASK)
        except openai.InternalServerError as error:
            outcome = (error.status_code, error.message)
    return outcome, len(server.requests)


@program
def subclass_with_its_own_retry_rule(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A batch worker that never retries a 429 itself (its queue backs off instead) but keeps
    the SDK's rule for the rest: ``_should_retry`` overridden, ``super()`` asked otherwise."""
    decided: list[Any] = []

    class QueueClient(openai.OpenAI):  # type: ignore[misc, name-defined]
        def _should_retry(self, response: Any) -> bool:
            verdict = response.status_code != 429 and super()._should_retry(response)
            decided.append((response.status_code, verdict))
            return verdict

    fast = {"retry-after-ms": "1"}
    server.reply(
        failure(429, **fast),
        failure(500, **fast),
        ANSWER,
        failure(400, **{**fast, "x-should-retry": "true"}),
        ANSWER,
    )
    seen = []
    with QueueClient(api_key=API_KEY, base_url=server.url + "/v1", max_retries=2) as queue:
        for _ in range(3):
            try:
                completion = queue.chat.completions.create(model="gpt-4o", messages=ASK)
                seen.append(("ok", completion.choices[0].message.content))
            except openai.APIStatusError as error:
                seen.append((type(error).__name__, error.status_code))
    return seen, decided, len(server.requests)


@program
def subclass_raising_its_own_errors(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A gateway client mapping the gateway's 402 to an error class of its own (a subclass of
    ``APIStatusError``) and leaving the other statuses to the SDK."""

    class CreditsExhausted(openai.APIStatusError):  # type: ignore[misc, name-defined]
        pass

    class GatewayClient(openai.OpenAI):  # type: ignore[misc, name-defined]
        def _make_status_error(self, err_msg: str, *, body: object, response: Any) -> Any:
            if response.status_code == 402:
                return CreditsExhausted(f"gateway: {err_msg}", response=response, body=body)
            return super()._make_status_error(err_msg, body=body, response=response)

    server.reply(failure(402), failure(404), failure(429))
    seen = []
    with GatewayClient(api_key=API_KEY, base_url=server.url + "/v1", max_retries=0) as gateway:
        for _ in range(3):
            try:
                gateway.chat.completions.create(model="gpt-4o", messages=ASK)
            except openai.APIStatusError as error:
                seen.append(
                    (
                        type(error).__name__,
                        isinstance(error, CreditsExhausted),
                        error.status_code,
                        error.message,
                        error.body,
                    )
                )
    return seen


test_program_observes_the_same = observed_the_same(PROGRAMS)


@async_program
async def async_retry_wait_patched(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The async client goes through the same patched wait."""
    asked: list[int] = []

    def no_wait(self: Any, remaining_retries: int, *args: Any, **kwargs: Any) -> float:
        asked.append(remaining_retries)
        return 0.0

    base_client = importlib.import_module(f"{openai.__name__}._base_client")
    server.reply(failure(502, **{"retry-after": "30"}), failure(429), ANSWER)
    with mock.patch.object(base_client.BaseClient, "_calculate_retry_timeout", no_wait):
        completion = await client.with_options(max_retries=2).chat.completions.create(
            model="gpt-4o", messages=ASK
        )
    return asked, completion.choices[0].message.content


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
