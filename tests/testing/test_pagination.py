"""Cursor pagination: ``limit``, ``order``, ``after``, ``before`` and their errors."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from typed_openai.testing import LocalOpenAIServer

from .conftest import HEADERS


@pytest.fixture(scope="module")
def seeded() -> Iterator[tuple[httpx.Client, list[str]]]:
    """A fresh server holding exactly seven assistants, oldest first in the returned ids."""
    with (
        LocalOpenAIServer() as server,
        httpx.Client(base_url=server.base_url, headers=HEADERS) as client,
    ):
        ids = [
            client.post("/assistants", json={"model": "m", "name": str(i)}).json()["id"]
            for i in range(7)
        ]
        yield client, ids


def _page(client: httpx.Client, **params: object) -> dict[str, object]:
    response = client.get("/assistants", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _ids(page: dict[str, object]) -> list[str]:
    data = page["data"]
    assert isinstance(data, list)
    return [item["id"] for item in data]


def test_default_is_newest_first(seeded: tuple[httpx.Client, list[str]]) -> None:
    client, ids = seeded
    page = _page(client)
    assert page["object"] == "list"
    assert _ids(page) == ids[::-1]
    assert page["first_id"] == ids[-1] and page["last_id"] == ids[0] and page["has_more"] is False


def test_walk_forward_with_after(seeded: tuple[httpx.Client, list[str]]) -> None:
    client, ids = seeded
    seen: list[str] = []
    after = None
    while True:
        params: dict[str, object] = {"limit": 3, "order": "asc"}
        if after:
            params["after"] = after
        page = _page(client, **params)
        seen += _ids(page)
        if not page["has_more"]:
            break
        after = page["last_id"]
    assert seen == ids


def test_before_returns_the_items_just_before(seeded: tuple[httpx.Client, list[str]]) -> None:
    client, ids = seeded
    page = _page(client, order="asc", before=ids[5], limit=2)
    assert _ids(page) == ids[3:5] and page["has_more"] is True
    first = _page(client, order="asc", before=ids[1], limit=2)
    assert _ids(first) == ids[:1] and first["has_more"] is False


def test_desc_with_after(seeded: tuple[httpx.Client, list[str]]) -> None:
    client, ids = seeded
    page = _page(client, after=ids[4], limit=2)
    assert _ids(page) == [ids[3], ids[2]] and page["has_more"] is True


def test_empty_page_and_unknown_cursor(seeded: tuple[httpx.Client, list[str]]) -> None:
    client, ids = seeded
    last = _page(client, order="asc", after=ids[-1])
    assert (
        last["data"] == []
        and last["first_id"] is None
        and last["last_id"] is None
        and last["has_more"] is False
    )
    assert _page(client, after="asst_unknown")["data"] == []


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"order": "up"}, "order"),
    ],
)
def test_invalid_paging_parameters(
    seeded: tuple[httpx.Client, list[str]], params: dict[str, object], param: str
) -> None:
    client, _ = seeded
    response = client.get("/assistants", params=params)
    assert response.status_code == 400
    assert response.json()["error"]["param"] == param
