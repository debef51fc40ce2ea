"""The server's application object: configuration, store, clock, routing, auth and errors."""

from __future__ import annotations

import re
import threading
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Union
from urllib.parse import parse_qsl, unquote

from ._api_facts import ApiFacts, shipped_facts
from ._errors import ApiError
from ._faults import FaultPlan
from ._multipart import parse_multipart
from ._scripts import ReplyScript
from ._store import Store
from ._wire import Request, Response, StreamResponse, json_response

Reply = Union[Response, StreamResponse]
Handler = Callable[["App", Request], Reply]


@dataclass(frozen=True)
class ServerConfig:
    """Knobs of the local server.

    ``step_seconds`` is how long a run or a vector-store file stays in each intermediate state
    (queued, in_progress …); tests set it small, demos a little larger so the states are visible.
    ``upload_delay`` makes every ``POST /files`` take that long, so concurrency caps of upload
    helpers can be observed in ``stats.peak_concurrent_uploads``. ``stream_delay`` pauses between
    SSE events (0 sends a whole stream in one write). ``api_key`` restricts access to one key.
    ``log_requests`` prints one line per request to stderr (never headers or bodies).
    """

    api_key: str | None = None
    step_seconds: float = 0.05
    stream_delay: float = 0.0
    upload_delay: float = 0.0
    log_requests: bool = False


@dataclass
class Stats:
    """Counters a test can assert on (read them via ``server.stats`` or ``GET /_local/stats``)."""

    requests: int = 0
    current_uploads: int = 0
    peak_concurrent_uploads: int = 0
    requests_by_route: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, route: str) -> None:
        with self._lock:
            self.requests += 1
            self.requests_by_route[route] = self.requests_by_route.get(route, 0) + 1

    def upload_started(self) -> None:
        with self._lock:
            self.current_uploads += 1
            self.peak_concurrent_uploads = max(self.peak_concurrent_uploads, self.current_uploads)

    def upload_finished(self) -> None:
        with self._lock:
            self.current_uploads -= 1

    def reset(self) -> None:
        with self._lock:
            self.requests = 0
            self.peak_concurrent_uploads = self.current_uploads
            self.requests_by_route.clear()

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "requests": self.requests,
                "current_uploads": self.current_uploads,
                "peak_concurrent_uploads": self.peak_concurrent_uploads,
                "requests_by_route": dict(self.requests_by_route),
            }


@dataclass(frozen=True)
class Route:
    method: str
    template: str
    handler: Handler
    # Handlers that sleep (slow uploads) take the app lock themselves, around store access only.
    locked: bool = True


_PARAM = re.compile(r"\{(\w+)\}")


class Router:
    """Finds the route of a request. Templates may name query values they need
    (``/responses?beta=true``); such a route wins over the same path without them."""

    def __init__(self, routes: Sequence[Route]) -> None:
        self._routes = [(route, *self._compile(route.template)) for route in routes]

    @staticmethod
    def _compile(template: str) -> tuple[re.Pattern[str], dict[str, str]]:
        path, _, query = template.partition("?")
        escaped = re.escape(path).replace(r"\{", "{").replace(r"\}", "}")
        pattern = re.compile("^" + _PARAM.sub(lambda m: f"(?P<{m.group(1)}>[^/]+)", escaped) + "$")
        return pattern, dict(parse_qsl(query, keep_blank_values=True))

    def match(
        self, method: str, path: str, query: Mapping[str, str] | None = None
    ) -> tuple[Route, dict[str, str]] | None:
        path_matched = False
        query = query or {}
        for route, pattern, needs in self._routes:
            found = pattern.match(path)
            if found is None or any(query.get(k) != v for k, v in needs.items()):
                continue
            path_matched = True
            if route.method == method:
                return route, found.groupdict()
        if path_matched:
            raise ApiError(
                405, f"Method {method} is not allowed on {path}.", code="method_not_allowed"
            )
        return None


class App:
    """Turns a parsed ``Request`` into a ``Response``; the socket layer lives in ``_http``."""

    def __init__(self, config: ServerConfig, store: Store, facts: ApiFacts | None = None) -> None:
        from ._api import all_routes

        self.config = config
        self.store = store
        self.stats = Stats()
        self.lock = threading.RLock()
        self._clock_offset = 0.0
        self.faults = FaultPlan()
        self.reply_script = ReplyScript()
        # the spec's operations: every one without a hand-written route is answered from these
        self.facts = facts or shipped_facts()
        self.router = Router(all_routes(self.facts))

    def now(self) -> float:
        return time.time() + self._clock_offset

    def advance_clock(self, seconds: float) -> None:
        """Move the server's clock forward, so tests can step state machines without sleeping."""
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        with self.lock:
            self._clock_offset += seconds

    def poll_after_ms(self) -> str:
        return str(max(1, int(self.config.step_seconds * 1000)))

    def handle(self, request: Request) -> Reply:
        if not request.path.startswith("/_local/"):
            fault = self.faults.take(request.method, request.path)
            if fault is not None:
                if fault.delay:
                    time.sleep(fault.delay)
                if fault.status is not None:
                    error = fault.error()
                    return json_response(error.body(), status=error.status, headers=fault.headers())
        try:
            if request.azure and request.query.pop("api-version", None) is None:
                # what Azure OpenAI answers a call without the API version it is made for
                raise ApiError(404, "Resource not found", code="404")
            matched = self.router.match(request.method, request.path, request.query)
            if matched is None:
                raise ApiError(404, f"Invalid URL ({request.method} /v1{request.path})")
            route, params = matched
            self.stats.count(f"{route.method} {route.template}")
            if not request.path.startswith("/_local/"):
                self._authenticate(request)
                _require_beta_header(request)
            request.path_params = {name: unquote(value) for name, value in params.items()}
            if request.content_type.startswith("multipart/form-data"):
                request.form, request.files = parse_multipart(request.body, request.content_type)
            if route.locked:
                with self.lock:
                    return route.handler(self, request)
            return route.handler(self, request)
        except ApiError as error:
            return json_response(error.body(), status=error.status)
        except Exception:
            # Keep the server up and say so the way the API does; the traceback helps debugging.
            traceback.print_exc()
            error = ApiError(
                500,
                "The local server had an error while processing your request.",
                type="server_error",
            )
            return json_response(error.body(), status=500)

    def _authenticate(self, request: Request) -> None:
        if request.azure and "authorization" not in request.headers:
            # Azure OpenAI takes an API key in the `api-key` header (or an Entra ID token as a
            # bearer token, checked below like an OpenAI key)
            self._check_key(request.headers.get("api-key", "").strip(), "an api-key header")
            return
        header = request.headers.get("authorization", "")
        scheme, _, key = header.partition(" ")
        key = key.strip()
        if not header or scheme.lower() != "bearer" or not key:
            raise ApiError(
                401,
                "You didn't provide an API key. Send it in an Authorization header as "
                "'Bearer <key>'.",
            )
        self._check_key(key, "an Authorization header as 'Bearer <key>'")

    def _check_key(self, key: str, how: str) -> None:
        if not key:
            raise ApiError(401, f"You didn't provide an API key. Send it in {how}.")
        expected = self.config.api_key
        if expected is not None and key != expected:
            # Never echo the key back: error messages end up in logs.
            raise ApiError(401, "Incorrect API key provided.", code="invalid_api_key")


_BETA_PATHS = ("/assistants", "/threads")


def _require_beta_header(request: Request) -> None:
    """The Assistants endpoints answer only clients that opt in to their beta, as the API does."""
    if not request.path.startswith(_BETA_PATHS):
        return
    betas = {part.strip() for part in request.headers.get("openai-beta", "").split(",")}
    if "assistants=v2" not in betas:
        raise ApiError(
            400,
            "The Assistants API needs the header 'OpenAI-Beta: assistants=v2' on every request.",
            code="invalid_beta",
        )
