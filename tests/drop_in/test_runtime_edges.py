"""Runtime edge cases where code written for the official SDK relies on what it does past the
usual path: ``get_next_page()`` called on the last page — run against both packages over the
scripted loopback server.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import arun_both, async_client_of, client_of, run_both
from .test_real_world_h_results import files_page

# --- get_next_page() on the last page ---------------------------------------------------------


def test_get_next_page_called_on_the_last_page(server: ScriptedServer) -> None:
    """Asked for by hand, the page after a has_more=false page is requested (after its last id);
    the empty page the API answers has no next page to ask for."""

    def run(openai: ModuleType) -> Any:
        server.requests.clear()
        server.default = Reply.dynamic(files_page)
        with client_of(openai, server.url) as client:
            page = client.files.list(limit=5)
            beyond = page.get_next_page()
            try:
                beyond.get_next_page()
                after_empty: Any = "requested"
            except RuntimeError:
                after_empty = "RuntimeError"
            walked = [file.id for file in client.files.list(limit=5)]  # iteration: one page
        queries = [r.query for r in server.requests]
        return page.has_next_page(), [f.id for f in beyond.data], after_empty, walked, queries

    ours, theirs = run_both(run)
    assert theirs[:3] == (False, [], "RuntimeError")
    assert theirs[4][1] == [("limit", "5"), ("after", "file-4")]
    assert len(theirs[4]) == 3
    assert ours == theirs


@pytest.mark.anyio
async def test_async_get_next_page_called_on_the_last_page(server: ScriptedServer) -> None:
    async def run(openai: ModuleType) -> Any:
        server.requests.clear()
        server.default = Reply.dynamic(files_page)
        async with async_client_of(openai, server.url) as client:
            page = await client.files.list(limit=5)
            beyond = await page.get_next_page()
            walked = [file.id async for file in client.files.list(limit=5)]
        return [f.id for f in beyond.data], walked, [r.query for r in server.requests]

    ours, theirs = await arun_both(run)
    assert theirs[0] == [] and len(theirs[2]) == 3
    assert ours == theirs
