"""The pretend code interpreter's code and output agree; demo fixtures make README ids exist."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import httpx
import pytest

from typed_openai.testing import LocalOpenAIServer
from typed_openai.testing._code_interpreter import plan_code

from .conftest import HEADERS


@pytest.mark.parametrize(
    ("prompt", "logs"),
    [
        ("solve 8x + 31 = 2", "-3.625\n"),
        ("I need to solve the equation 3x + 11 = 14. Can you help me?", "1.0\n"),
        ("x - 4 = 10", "14.0\n"),
        ("-2y=8", "-4.0\n"),
        ("2.5 * z + 1 = 6", "2.0\n"),
        ("count these four words", "4\n"),
        ("what is 0x + 1 = 2", "7\n"),  # no solution: falls back to counting words
        ("this = 5", "3\n"),  # a word ending in a letter is not a variable
    ],
)
def test_printed_output_is_what_the_code_prints(prompt: str, logs: str) -> None:
    planned = plan_code(prompt)
    assert planned.logs == logs
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        exec(planned.code, {})  # the code is ours and tiny; running it proves the logs honest
    assert captured.getvalue() == logs


def test_demo_fixtures_back_the_readme_ids(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    for _ in range(2):  # the second start finds them in the database and adds nothing
        with (
            LocalOpenAIServer(demo_fixtures=True, db_path=db) as server,
            httpx.Client(base_url=server.base_url, headers=HEADERS) as api,
        ):
            assistant = api.get("/assistants/assistant_id").json()
            assert assistant["tools"] == [{"type": "code_interpreter"}]
            assert len(api.get("/assistants").json()["data"]) == 1
            response = api.post(
                "/threads/thread_id/runs", json={"assistant_id": "assistant_id", "stream": True}
            )
            logs = [
                json.loads(line[6:])
                for line in response.text.splitlines()
                if line.startswith("data: {") and '"logs"' in line
            ]
            assert (
                logs[0]["delta"]["step_details"]["tool_calls"][0]["code_interpreter"]["outputs"][0][
                    "logs"
                ]
                == "1.0\n"
            )
            assert "thread.run.completed" in response.text


def test_without_demo_fixtures_the_ids_are_unknown(api: httpx.Client) -> None:
    assert api.get("/assistants/assistant_id").status_code == 404
    assert api.get("/threads/thread_id").status_code == 404
