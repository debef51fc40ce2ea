"""`_strict_response_validation`: what the differential tests (tests/drop_in/
test_strict_response_validation.py) cannot see — a lenient client never loads the strict module,
and the flag is read where each answer is parsed."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.support.server import Reply, ScriptedServer

MODEL = {"id": "m", "object": "model", "created": 1, "owned_by": "me"}


def test_a_lenient_client_never_loads_the_strict_module(server: ScriptedServer) -> None:
    server.default = Reply.json({"object": "list", "data": [MODEL]})
    code = f"""
        import sys
        import typed_openai
        module = "typed_openai._core._validation"
        for strict in (False, True):
            client = typed_openai.OpenAI(
                api_key="k", base_url={server.url!r}, _strict_response_validation=strict
            )
            client.models.list()
            client.models.with_raw_response.list().parse()
            print(strict, module in sys.modules)
            client.close()
        """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.split() == ["False", "False", "True", "True"]


def test_the_flag_is_the_clients_attribute_read_per_answer(server: ScriptedServer) -> None:
    """Assigned after construction it counts from the next answer on (as on the official
    clients, where it is a plain attribute)."""
    import typed_openai

    server.default = Reply.json({"id": "m"})
    client = typed_openai.OpenAI(api_key="k", base_url=server.url, max_retries=0)
    assert client.models.retrieve("m").owned_by is None
    client._strict_response_validation = True  # pyright: ignore[reportPrivateUsage]
    raw = client.models.with_raw_response.retrieve("m")
    with pytest.raises(typed_openai.APIResponseValidationError) as raised:
        client.models.retrieve("m")
    assert raised.value.body == {"id": "m"}
    client._strict_response_validation = False  # pyright: ignore[reportPrivateUsage]
    assert raw.parse().owned_by is None
    client.close()
