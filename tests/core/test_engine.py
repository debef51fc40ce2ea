"""Client engine against the loopback server: URLs, path params, query, bodies, headers, options."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import httpx
import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai._core import NOT_GIVEN, Omit, RequestOptions, path_template

from .conftest import SECRET, AsyncExampleClient, AsyncThings, ExampleClient, Thing, Things

# --- base URL and path ----------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["/v1", "/v1/"])
def test_base_url_is_joined_with_the_path(server: ScriptedServer, suffix: str) -> None:
    server.reply(Reply.json({"id": "t"}))
    with ExampleClient(api_key="k", base_url=server.url + suffix) as client:
        client.get("/things", cast_to=object)
    assert server.requests[0].path == "/v1/things"


@pytest.mark.parametrize(
    ("value", "segment"),
    [
        ("a/../b", "a%2F..%2Fb"),
        ("x?y", "x%3Fy"),
        ("x#y", "x%23y"),
        ("...", "..."),
        (". ", ".%20"),
        ("%2e", "%252e"),
        (True, "true"),
        (5, "5"),
        ("a b", "a%20b"),
        ("ünï", "%C3%BCn%C3%AF"),
        ("%2F", "%252F"),
        # segment characters stay as they are (the official SDK's URLs): model ids carry `:`
        ("ft:gpt-4o-mini:org::ckpt", "ft:gpt-4o-mini:org::ckpt"),
        ("a@b!$&'()*+,;=", "a@b!$&'()*+,;="),
        ('[x]{y}|^`"<>\\', "%5Bx%5D%7By%7D%7C%5E%60%22%3C%3E%5C"),
    ],
)
def test_path_params_stay_one_segment(
    client: ExampleClient, server: ScriptedServer, value: object, segment: str
) -> None:
    server.reply(Reply.json({"id": "t"}))
    client.get(path_template("/things/{thing_id}/parts", thing_id=value), cast_to=object)
    assert server.requests[0].target.split("?")[0] == f"/v1/things/{segment}/parts"


@pytest.mark.parametrize("value", [".", "..", "", None, False])
def test_dot_and_empty_path_params_are_value_errors_naming_the_parameter(value: object) -> None:
    with pytest.raises(ValueError, match="`thing_id`"):
        path_template("/things/{thing_id}/parts", thing_id=value)


def test_many_paths_each_reach_their_own_url(client: ExampleClient, server: ScriptedServer) -> None:
    """A client reuses the URLs it parsed (request build speed): many distinct paths (path
    parameters) neither mix up nor make the reuse grow without bound."""
    values = [f"t{i}" for i in range(300)] + ["t0", "t299", "t0"]
    server.reply(*(Reply.json({"id": value}) for value in values))
    for value in values:
        client.get(path_template("/things/{thing_id}", thing_id=value), cast_to=object)
    assert [r.path for r in server.requests] == [f"/v1/things/{v}" for v in values]
    assert 0 < len(client._parsed_urls) <= 256  # pyright: ignore[reportPrivateUsage]


def test_path_template_rejects_an_empty_value() -> None:
    with pytest.raises(ValueError, match="thing_id"):
        path_template("/things/{thing_id}", thing_id="")


def test_path_template_requires_every_placeholder() -> None:
    with pytest.raises(KeyError):
        path_template("/things/{thing_id}")


# --- query ----------------------------------------------------------------------------------------


def test_query_encodes_arrays_nested_objects_and_booleans(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({}))
    client.get(
        "/things",
        cast_to=object,
        query={
            "limit": 10,
            "include": ["a", "b"],
            "filter": {"kind": "x", "deep": {"y": 1}},
            "flag": True,
            "skipped": NOT_GIVEN,
        },
    )
    assert server.requests[0].query == [
        ("limit", "10"),
        ("include", "a"),
        ("include", "b"),
        ("filter[kind]", "x"),
        ("filter[deep][y]", "1"),
        ("flag", "true"),
    ]


def test_query_array_format_brackets_is_configurable(server: ScriptedServer) -> None:
    from .conftest import CONFIG

    class Brackets(ExampleClient):
        _client_config = CONFIG.replace(query_array_format="brackets")

    server.reply(Reply.json({}))
    with Brackets(api_key="k", base_url=server.url) as client:
        client.get("/x", cast_to=object, query={"include": ["a", "b"]})
    assert server.requests[0].query == [("include[]", "a"), ("include[]", "b")]


def test_default_query_extra_query_and_call_query_merge(server: ScriptedServer) -> None:
    server.reply(Reply.json({}), Reply.json({}))
    with ExampleClient(api_key="k", base_url=server.url, default_query={"v": "1"}) as client:
        client.get("/x", cast_to=object)
        client.get(
            "/x",
            cast_to=object,
            query={"a": 1},
            options=RequestOptions(extra_query={"b": 2, "v": "2"}),
        )
    assert server.requests[0].query == [("v", "1")]
    assert dict(server.requests[1].query) == {"a": "1", "b": "2", "v": "2"}


# --- bodies ---------------------------------------------------------------------------------------


def test_json_body_drops_not_given_and_converts_values(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"id": "t"}))
    client.post(
        "/things",
        cast_to=Thing,
        body={
            "name": "ä",
            "temperature": NOT_GIVEN,
            "nullable": None,
            "when": dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.timezone.utc),
            "day": dt.date(2024, 1, 2),
            "tags": ("a", "b"),
            "nested": [{"x": NOT_GIVEN, "y": 1}],
            "model": Thing(id="m"),
        },
    )
    request = server.requests[0]
    assert request.headers["content-type"] == "application/json"
    assert request.json() == {
        "name": "ä",
        "nullable": None,
        "when": "2024-05-06T07:08:09+00:00",
        "day": "2024-01-02",
        "tags": ["a", "b"],
        "nested": [{"y": 1}],
        "model": {"id": "m"},
    }


def test_extra_body_is_merged_into_the_json_body(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"id": "t"}))
    client.post(
        "/things", cast_to=Thing, body={"a": 1}, options=RequestOptions(extra_body={"b": 2})
    )
    assert server.requests[0].json() == {"a": 1, "b": 2}


def test_get_without_body_sends_no_content_type(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"id": "t"}), Reply.json({"id": "t"}))
    client.get("/things/x", cast_to=Thing)
    # a GET sends no body, even one given as extra_body (as the official SDK)
    client.get("/things/x", cast_to=Thing, options=RequestOptions(extra_body={"a": 1}))
    for request in server.requests:
        assert "content-type" not in request.headers
        assert request.body == b""


@pytest.mark.parametrize("method", ["post", "delete"])
def test_other_methods_without_body_say_json(
    client: ExampleClient, server: ScriptedServer, method: str
) -> None:
    """The official SDK's wire: every request but a GET carries ``application/json``, with a
    body or without; ``Omit()`` removes it."""
    server.reply(Reply.json({}), Reply.json({}))
    getattr(client, method)("/x", cast_to=object)
    getattr(client, method)(
        "/x", cast_to=object, options=RequestOptions(extra_headers={"Content-Type": Omit()})
    )
    first, second = server.requests
    assert (first.body, first.headers["content-type"]) == (b"", "application/json")
    assert (second.body, second.headers.get("content-type")) == (b"", None)


def test_multipart_body_with_files_and_form_fields(
    client: ExampleClient, server: ScriptedServer, tmp_path: Path
) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"from a path")
    server.reply(Reply.json({"id": "f"}))
    with open(path, "rb") as handle:
        client.post(
            "/files",
            cast_to=object,
            body={"purpose": "test", "meta": {"k": "v"}, "skip": NOT_GIVEN, "flag": False},
            files={
                "raw": b"raw bytes",
                "path": path,
                "handle": handle,
                "tuple": ("custom.json", b"{}", "application/json"),
                "many": [b"1", b"2"],
            },
            options=RequestOptions(extra_body={"extra": "yes"}),
        )
    request = server.requests[0]
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    parts = _multipart(request.body, content_type.split("boundary=")[1])
    assert parts["purpose"] == [(None, None, b"test")]
    assert parts["meta[k]"] == [(None, None, b"v")]
    assert parts["flag"] == [(None, None, b"false")]
    assert parts["extra"] == [(None, None, b"yes")]
    assert "skip" not in parts
    assert parts["raw"] == [("upload", "application/octet-stream", b"raw bytes")]
    assert parts["path"] == [("notes.txt", "text/plain", b"from a path")]
    assert parts["handle"] == [("notes.txt", "text/plain", b"from a path")]
    assert parts["tuple"] == [("custom.json", "application/json", b"{}")]
    assert [p[2] for p in parts["many[]"]] == [b"1", b"2"]  # a list: name[] parts, as the SDK


def test_object_given_for_a_file_or_object_field_goes_out_as_form_fields(
    client: ExampleClient, server: ScriptedServer
) -> None:
    # e.g. videos.create(input_reference={"image_url": ...}): the field accepts an upload or a
    # JSON object; the object is sent as ordinary form fields beside the real uploads
    server.reply(Reply.json({"id": "v"}))
    client.post(
        "/videos",
        cast_to=object,
        body={"prompt": "p"},
        files={"input_reference": {"image_url": "https://x/y.png"}, "clip": b"bytes"},
    )
    request = server.requests[0]
    content_type = request.headers["content-type"]
    parts = _multipart(request.body, content_type.split("boundary=")[1])
    assert parts["input_reference[image_url]"] == [(None, None, b"https://x/y.png")]
    assert parts["prompt"] == [(None, None, b"p")]
    assert parts["clip"] == [("upload", "application/octet-stream", b"bytes")]


@pytest.mark.parametrize("files", [{"input_reference": NOT_GIVEN}, {}])
def test_a_multipart_operation_called_without_a_file_is_still_multipart(
    client: ExampleClient, server: ScriptedServer, files: dict[str, object]
) -> None:
    # e.g. videos.create(prompt=...): the spec takes multipart (or JSON listed after it), and a
    # url-encoded body (or none at all) is neither
    server.reply(Reply.json({"id": "v"}))
    client.post("/videos", cast_to=object, body={"prompt": "p", "n": [1, 2]}, files=files)
    request = server.requests[0]
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    parts = _multipart(request.body, content_type.split("boundary=")[1])
    assert parts == {
        "prompt": [(None, None, b"p")],
        "n[]": [(None, None, b"1"), (None, None, b"2")],
    }


@pytest.mark.parametrize(
    ("files", "sent"),
    [
        ({"file": NOT_GIVEN}, {"file_id": "file-1"}),
        (
            {"file": {"url": "https://x/a.csv"}},
            {"file_id": "file-1", "file": {"url": "https://x/a.csv"}},
        ),
    ],
)
def test_an_operation_declaring_json_sends_json_when_no_file_is_uploaded(
    client: ExampleClient, server: ScriptedServer, files: dict[str, object], sent: object
) -> None:
    # containers.files.create(id, file_id=...): the spec lists JSON before the upload's
    # multipart; the official SDK sends JSON unless a file is given
    server.default = Reply.json({"id": "f"})
    json_first = {"Content-Type": "application/json"}
    client.post(
        "/files", cast_to=object, body={"file_id": "file-1"}, files=files, headers=json_first
    )
    client.post("/files", cast_to=object, body={}, files={"file": b"abc"}, headers=json_first)
    as_json, upload = server.requests
    assert (as_json.headers["content-type"], as_json.json()) == ("application/json", sent)
    content_type = upload.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    parts = _multipart(upload.body, content_type.split("boundary=")[1])
    assert parts == {"file": [("upload", "application/octet-stream", b"abc")]}


def test_a_multipart_operation_without_any_field_sends_an_empty_multipart_body(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"id": "f"}))
    client.post("/files", cast_to=object, body={"file_id": NOT_GIVEN}, files={"file": NOT_GIVEN})
    request = server.requests[0]
    boundary = request.headers["content-type"].split("boundary=")[1]
    assert request.body == f"--{boundary}--\r\n".encode()


def test_an_url_encoded_operation_repeats_array_keys(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"id": "f"}))
    client.post(
        "/things",
        cast_to=object,
        body={"grant": "x", "a": ["x", "y"], "skip": NOT_GIVEN},
        files={},
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    request = server.requests[0]
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert request.body == b"grant=x&a=x&a=y"


def _multipart(body: bytes, boundary: str) -> dict[str, list[tuple[str | None, str | None, bytes]]]:
    """A tiny multipart parser for assertions: name -> [(filename, content type, data)]."""
    import re

    out: dict[str, list[tuple[str | None, str | None, bytes]]] = {}
    for chunk in body.split(b"--" + boundary.encode())[1:-1]:
        head, _, data = chunk.strip(b"\r\n").partition(b"\r\n\r\n")
        text = head.decode()
        name = re.search(r'name="([^"]*)"', text)
        filename = re.search(r'filename="([^"]*)"', text)
        ctype = re.search(r"Content-Type: (.*)", text)
        assert name is not None
        out.setdefault(name.group(1), []).append(
            (
                filename.group(1) if filename else None,
                ctype.group(1).strip() if ctype else None,
                data,
            )
        )
    return out


# --- headers --------------------------------------------------------------------------------------


def test_default_headers_auth_and_options_are_sent(server: ScriptedServer) -> None:
    server.reply(Reply.json({}))
    with ExampleClient(
        api_key="key-1",
        organization="org-1",
        base_url=server.url,
        default_headers={"X-Custom": "c"},
    ) as client:
        client.get("/x", cast_to=object)
    headers = server.requests[0].headers
    assert headers["authorization"] == "Bearer key-1"
    assert headers["example-organization"] == "org-1"
    assert "example-project" not in headers
    assert headers["x-custom"] == "c"
    assert headers["user-agent"] == "example-client/1.0"
    assert headers["accept"] == "application/json"


def test_operation_headers_then_extra_headers_win_and_omit_removes(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({}))
    client.get(
        "/x",
        cast_to=object,
        headers={"Example-Beta": "v1", "X-Op": "op"},
        options=RequestOptions(extra_headers={"example-beta": "v2", "User-Agent": Omit()}),
    )
    headers = server.requests[0].headers
    assert headers["example-beta"] == "v2"
    assert headers["x-op"] == "op"
    assert headers["user-agent"] != "example-client/1.0"  # httpx's own default is left


def test_array_header_parameter_is_sent_comma_separated(
    client: ExampleClient, server: ScriptedServer
) -> None:
    # OpenAPI's header style "simple": an array parameter goes out as one comma-separated value
    server.reply(Reply.json({}))
    client.get("/x", cast_to=object, headers={"Example-Beta": ["a=v1", "b=v2"]})  # type: ignore[dict-item]
    assert server.requests[0].headers["example-beta"] == "a=v1,b=v2"


@pytest.mark.parametrize("bad", ["a\r\nInjected: 1", "a\nb", "a\rb"])
def test_header_values_with_cr_or_lf_are_rejected_before_sending(
    client: ExampleClient, server: ScriptedServer, bad: str
) -> None:
    with pytest.raises(ValueError, match="CR or LF") as info:
        client.get("/x", cast_to=object, options=RequestOptions(extra_headers={"X-Bad": bad}))
    assert bad not in str(info.value)
    with pytest.raises(ValueError, match="CR or LF"):
        ExampleClient(api_key="k\nx", base_url=server.url)
    assert server.requests == []


# --- per-call options, copies, http client, lifecycle ----------------------------------------------


def test_per_call_timeout_is_applied(client: ExampleClient, server: ScriptedServer) -> None:
    from typed_openai._core import APITimeoutError

    server.reply(Reply.after(0.5, Reply.json({})))
    with pytest.raises(APITimeoutError):
        client.get("/slow", cast_to=object, options=RequestOptions(timeout=0.05, max_retries=0))


def test_with_options_returns_a_configured_copy(
    client: ExampleClient, server: ScriptedServer
) -> None:
    copy = client.with_options(
        max_retries=0, timeout=3.0, organization="org-2", default_headers={"X-A": "1"}
    )
    assert copy is not client
    assert isinstance(copy, ExampleClient)
    assert (copy.max_retries, copy.timeout, copy.organization) == (0, 3.0, "org-2")
    assert client.max_retries == 2 and client.organization is None
    assert copy.api_key == SECRET and copy.base_url == client.base_url
    server.reply(Reply.json({}))
    copy.get("/x", cast_to=object)
    headers = server.requests[0].headers
    assert headers["example-organization"] == "org-2" and headers["x-a"] == "1"
    assert copy._http is client._http  # pyright: ignore[reportPrivateUsage]  # the pool is shared


def test_copy_rejects_conflicting_header_arguments(client: ExampleClient) -> None:
    with pytest.raises(ValueError):
        client.copy(default_headers={"a": "1"}, set_default_headers={"b": "2"})


def test_unknown_client_option_is_a_type_error(server: ScriptedServer) -> None:
    from typed_openai._core import SyncAPIClient

    class Bare(SyncAPIClient):
        _client_config = ExampleClient._client_config  # pyright: ignore[reportPrivateUsage]

    with pytest.raises(TypeError, match="colour"):
        Bare(api_key="k", base_url=server.url, colour="red")


def test_custom_http_client_is_used(server: ScriptedServer) -> None:
    seen: list[str] = []
    http = httpx.Client(
        event_hooks={"request": [lambda r: seen.append(str(r.url))]}, headers={"X-Proxy": "p"}
    )
    server.reply(Reply.json({}))
    with ExampleClient(api_key="k", base_url=server.url, http_client=http) as client:
        client.get("/x", cast_to=object)
    assert seen == [f"{server.url}/x"]
    assert server.requests[0].headers["x-proxy"] == "p"
    assert http.is_closed


def test_close_and_context_manager_close_the_pool(server: ScriptedServer) -> None:
    server.reply(Reply.json({}))
    client = ExampleClient(api_key="k", base_url=server.url)
    client.get("/x", cast_to=object)
    assert not client.is_closed()
    client.close()
    assert client.is_closed()
    server.wait_for_closed(1)
    with ExampleClient(api_key="k", base_url=server.url) as other:
        pass
    assert other.is_closed()


def test_connections_are_reused_across_calls(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(Reply.json({}), Reply.json({}), Reply.json({}))
    for _ in range(3):
        client.get("/x", cast_to=object)
    assert server.opened == 1
    assert len({r.connection_id for r in server.requests}) == 1


def test_resource_methods_use_the_client(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(Reply.json({"id": "a/b", "name": "n"}))
    thing = Things(client).retrieve("a/b")
    assert thing == Thing(id="a/b", name="n")
    assert server.requests[0].target == "/v1/things/a%2Fb"


def test_empty_and_text_and_binary_results(client: ExampleClient, server: ScriptedServer) -> None:
    from typed_openai._core import BinaryResponseContent

    server.reply(
        Reply.empty(204), Reply.raw("plain", content_type="text/plain"), Reply.raw(b"\x00\x01")
    )
    assert client.delete("/x", cast_to=None) is None
    assert client.get("/t", cast_to=str) == "plain"
    binary = client.get("/b", cast_to=BinaryResponseContent)
    assert isinstance(binary, BinaryResponseContent)
    assert binary.content == b"\x00\x01" and binary.read() == b"\x00\x01"


# --- async twins ----------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_async_request_building(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"id": "t"}))
    thing = await async_client.post(
        path_template("/things/{id}", id="x?y"),
        cast_to=Thing,
        body={"a": 1, "b": NOT_GIVEN},
        query={"q": ["1", "2"]},
        headers={"X-Op": "1"},
        options=RequestOptions(
            extra_headers={"X-Extra": "2"}, extra_body={"c": 3}, extra_query={"e": 4}
        ),
    )
    assert thing == Thing(id="t")
    request = server.requests[0]
    assert request.path == "/v1/things/x%3Fy"
    assert request.query == [("q", "1"), ("q", "2"), ("e", "4")]
    assert json.loads(request.body) == {"a": 1, "c": 3}
    assert request.headers["x-op"] == "1" and request.headers["x-extra"] == "2"
    assert request.headers["authorization"] == f"Bearer {SECRET}"


@pytest.mark.anyio
async def test_async_multipart(async_client: AsyncExampleClient, server: ScriptedServer) -> None:
    server.reply(Reply.json({}))
    await async_client.post(
        "/files",
        cast_to=object,
        body={"purpose": "p"},
        files={"file": ("a.txt", b"abc", "text/plain")},
    )
    request = server.requests[0]
    assert (
        b'filename="a.txt"' in request.body
        and b"abc" in request.body
        and b"purpose" in request.body
    )


@pytest.mark.anyio
async def test_async_with_options_and_resource(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"id": "1"}))
    copy = async_client.with_options(project="p-1")
    assert isinstance(copy, AsyncExampleClient)
    assert await AsyncThings(copy).retrieve("1") == Thing(id="1")
    assert server.requests[0].headers["example-project"] == "p-1"


@pytest.mark.anyio
async def test_async_custom_http_client_and_close(server: ScriptedServer) -> None:
    http = httpx.AsyncClient(headers={"X-Proxy": "p"})
    server.reply(Reply.json({}))
    async with AsyncExampleClient(api_key="k", base_url=server.url, http_client=http) as client:
        await client.get("/x", cast_to=object)
    assert server.requests[0].headers["x-proxy"] == "p"
    assert http.is_closed and client.is_closed()


@pytest.mark.anyio
async def test_async_header_injection_rejected(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    with pytest.raises(ValueError, match="CR or LF"):
        await async_client.get("/x", cast_to=object, headers={"X": "a\r\nb"})
    assert server.requests == []


def test_http_client_cookies_and_params_are_kept(server: ScriptedServer) -> None:
    http = httpx.Client(cookies={"session": "s1"}, params={"tenant": "t"})
    server.reply(Reply.json({}))
    with ExampleClient(api_key="k", base_url=server.url, http_client=http) as client:
        client.get("/x", cast_to=object, query={"q": 1})
    request = server.requests[0]
    assert request.headers["cookie"] == "session=s1"
    assert dict(request.query) == {"tenant": "t", "q": "1"}


def test_not_given_whole_body_and_unset_header_params_are_not_sent(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({}))
    client.post(
        "/x", cast_to=object, body=NOT_GIVEN, headers={"X-Optional": NOT_GIVEN, "X-None": None}
    )
    request = server.requests[0]
    # no body, but a POST still says JSON (the official SDK's wire)
    assert request.body == b"" and request.headers["content-type"] == "application/json"
    assert "x-optional" not in request.headers and "x-none" not in request.headers


def test_empty_body_for_raw_json_is_none(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(Reply.empty(200))
    assert client.delete("/x", cast_to=object) is None


def test_timeout_configured_on_a_custom_http_client_is_kept(server: ScriptedServer) -> None:
    http = httpx.Client(timeout=12.0)
    with ExampleClient(api_key="k", base_url=server.url, http_client=http) as client:
        assert client.timeout == httpx.Timeout(12.0)
    with ExampleClient(api_key="k", base_url=server.url, http_client=httpx.Client()) as client:
        assert client.timeout == httpx.Timeout(600.0, connect=5.0)


def test_local_errors_are_not_retried(server: ScriptedServer) -> None:
    import time

    from typed_openai._core import APIConnectionError

    from .conftest import CONFIG

    class SlowRetries(ExampleClient):
        _client_config = CONFIG.replace(initial_retry_delay=0.3, max_retry_delay=0.3)

    with SlowRetries(api_key="k", base_url="ftp://127.0.0.1:1", max_retries=3) as client:
        start = time.monotonic()
        with pytest.raises(APIConnectionError):
            client.get("/x", cast_to=object)
    assert time.monotonic() - start < 0.2  # three retries would have waited ~0.7 s


def test_raw_bytes_text_and_file_bodies_are_sent_as_given(
    client: ExampleClient, server: ScriptedServer
) -> None:
    import io

    server.reply(Reply.json({}), Reply.json({}), Reply.json({}), Reply.json({}))
    client.post("/raw", cast_to=object, body=b"\x00\x01binary")
    client.post(
        "/raw",
        cast_to=object,
        body=io.BytesIO(b"from a file"),
        headers={"Content-Type": "audio/wav"},
    )
    client.post("/text", cast_to=object, body="plain text", headers={"Content-Type": "text/plain"})
    client.post("/json", cast_to=object, body="a JSON string")
    raw, wav, text, json_string = server.requests
    assert (raw.body, raw.headers["content-type"]) == (
        b"\x00\x01binary",
        "application/octet-stream",
    )
    assert (wav.body, wav.headers["content-type"]) == (b"from a file", "audio/wav")
    assert (text.body, text.headers["content-type"]) == (b"plain text", "text/plain")
    assert (json_string.body, json_string.headers["content-type"]) == (
        b'"a JSON string"',
        "application/json",
    )
