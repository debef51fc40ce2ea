"""Every operation both SDKs have, called the same way through each (only the required
arguments, then every argument, as the conformance plan passes them) against the loopback server:
the requests must be the same on the wire — method, path, query, headers (less each client's own
identity: User-Agent, the retry counter, the official SDK's X-Stainless-* telemetry) and body
(JSON decoded, multipart parts compared as a set). The differences left are listed below, each
with its reason; one that goes away, or a new one, fails the test."""

from __future__ import annotations

import contextlib
import copy
from typing import Any

from tests.api_resources._plan import calls
from tests.api_resources.test_conformance import method_of
from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .conftest import official, run_both

# headers each client sends as itself, or that depend on the connection
_IDENTITY = frozenset(
    {"host", "user-agent", "x-retry-count", "connection", "accept-encoding", "content-length"}
)

_NO_SDK_ARGUMENT = "openai 3.57.0 has no such argument: its call raises TypeError, sends nothing"
_SPEC_MEDIA = (
    "Accept names the media type the spec declares for the download; the SDK asks for "
    "application/binary, which the spec does not declare (Prism answers it 406)"
)
KNOWN: dict[str, str] = {
    "beta.realtime.sessions.create-all_args": _NO_SDK_ARGUMENT + " (truncation)",
    **{
        f"{name}-{variant}": _SPEC_MEDIA
        for name in (
            "files.content",
            "containers.files.content.retrieve",
            "videos.download_content",
            "skills.content.retrieve",
            "skills.versions.content.retrieve",
        )
        for variant in ("required_args", "all_args")
    },
    **{
        f"evals.runs.cancel-{variant}": (
            "the SDK posts to /evals/{id}/runs/{run_id}/cancel; the spec (as upstream's) cancels "
            "with POST /evals/{id}/runs/{run_id}"
        )
        for variant in ("required_args", "all_args")
    },
}


def _parts(request: RecordedRequest) -> list[tuple[str, bytes]]:
    boundary = request.headers["content-type"].split("boundary=")[1].encode()
    found = []
    for part in request.body.split(b"--" + boundary)[1:-1]:
        head, _, body = part.strip(b"\r\n").partition(b"\r\n\r\n")
        found.append((head.decode(), body))
    return sorted(found)


def _wire(request: RecordedRequest) -> tuple[Any, ...]:
    headers = {
        name: value
        for name, value in request.headers.items()
        if name not in _IDENTITY and not name.startswith("x-stainless")
    }
    body: Any = request.body
    if headers.get("content-type", "").startswith("multipart/"):
        headers["content-type"] = "multipart/form-data"  # the boundary is random
        body = _parts(request)
    elif body and "json" in headers.get("content-type", ""):
        body = request.json()
    return (request.method, request.path, sorted(request.query), headers, body)


def test_every_operation_sends_what_the_official_sdk_sends(server: ScriptedServer) -> None:
    server.default = Reply.json({})
    with (
        official().OpenAI(
            api_key="k", admin_api_key="a", base_url=server.url + "/v1", max_retries=0
        ) as theirs,
    ):
        shared = [call for call in calls() if _has(theirs, call)]

    def observe(sdk: Any) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        with sdk.OpenAI(
            api_key="k", admin_api_key="a", base_url=server.url + "/v1", max_retries=0
        ) as client:
            for call in shared:
                for variant, everything in (("required_args", False), ("all_args", True)):
                    args, kwargs = call.call_args(everything=everything)
                    count = len(server.requests)
                    # the answer `{}` need not parse: the request is what is compared
                    with contextlib.suppress(Exception):
                        method_of(client, call)(*copy.deepcopy(args), **copy.deepcopy(kwargs))
                    sent = server.requests[count:]
                    seen[f"{call.id}-{variant}"] = _wire(sent[0]) if sent else None
        return seen

    ours, theirs_seen = run_both(observe)
    differing = {key for key in ours if ours[key] != theirs_seen[key]}
    print(
        f"wire comparison: {len(ours)} calls, {len(ours) - len(differing)} the same, "
        f"{len(differing)} differ ({len(KNOWN)} listed)"
    )
    unexpected = {key: (ours[key], theirs_seen[key]) for key in sorted(differing - set(KNOWN))}
    assert unexpected == {}
    assert sorted(set(KNOWN) - differing) == [], "listed differences that are gone: unlist them"


def _has(client: Any, call: Any) -> bool:
    try:
        method_of(client, call)
    except AttributeError:
        return False
    return True
