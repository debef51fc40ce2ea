"""Real-world sweep H, differences still open (strict xfails: each turns into a failure — to
be made a plain test — once the difference is gone). Owners are told in /work/TEAMMATES.md."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY, run_both
from .test_real_world_h_results import COMPLETION, files_page


@pytest.mark.xfail(
    strict=True,
    reason="_core (fid-runtime): a response validated in one pass keeps pydantic's fields set, "
    "which counts the unknown fields the API sent (kept as extras); the official SDK builds "
    "responses with construct(), whose fields set holds declared fields only — code that lists "
    "`__fields_set__`/`model_fields_set` to see what the API sent gets one name more",
)
def test_fields_set_of_a_response_with_a_field_newer_than_the_sdk(server: ScriptedServer) -> None:
    def run(openai: ModuleType) -> Any:
        server.default = Reply.json(COMPLETION)
        with openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as client:
            completion = client.chat.completions.create(model="gpt-4o", messages=[])
        return sorted(completion.__fields_set__), sorted(completion.model_fields_set)

    ours, theirs = run_both(run)
    assert "brand_new_field" not in theirs[0]
    assert ours == theirs


@pytest.mark.xfail(
    strict=True,
    reason="_core pagination (fid-runtime; may be deliberate): get_next_page() on a page the API "
    "marked has_more=false raises RuntimeError in typed_openai before sending anything; the "
    "official SDK requests the page after the last id anyway (and returns the empty page the "
    "API answers), raising only once a page has no items",
)
def test_get_next_page_called_on_the_last_page(server: ScriptedServer) -> None:
    def run(openai: ModuleType) -> Any:
        server.requests.clear()
        server.default = Reply.dynamic(files_page)
        with openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as client:
            page = client.files.list(limit=5)
            outcome: Any
            try:
                beyond = page.get_next_page()
                outcome = ([f.id for f in beyond.data], beyond.has_next_page())
            except RuntimeError:
                outcome = "RuntimeError"
        return page.has_next_page(), outcome, [sorted(r.query) for r in server.requests]

    ours, theirs = run_both(run)
    assert theirs[1] == ([], False)
    assert ours == theirs
