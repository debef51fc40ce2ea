"""Real-world sweep 2B, the platform scripts: a browser app's backend minting Realtime client
secrets; a SIP bridge that receives the ``realtime.call.incoming`` webhook (signed for real),
unwraps it and accepts, refers, rejects or hangs up the call; a WebRTC offer sent with
``realtime.calls.create``; and the admin side — a monthly cost report paged with ``next_page``,
a project provisioned with a service account, rate limits tightened, people invited, admin keys
rotated and audit logs filtered by time and event type — each run unchanged against both
packages over the loopback server (requests and observations compared, see real_world_d).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

KEY = b"bridge-signing-key-0123456789abcdef"
SECRET = "whsec_" + base64.b64encode(KEY).decode()


def outcome(code: Any) -> Any:
    try:
        return ("ok", code())
    except Exception as error:  # what a script's author logs
        return ("raised", type(error).__name__, str(error))


def page(*items: Any, has_more: bool = False) -> Any:
    return {
        "object": "list",
        "data": list(items),
        "first_id": items[0]["id"] if items else None,
        "last_id": items[-1]["id"] if items else None,
        "has_more": has_more,
    }


def signed(body: str, msg_id: str = "msg_call_1", at: int | None = None) -> dict[str, str]:
    at = int(time.time()) if at is None else at
    digest = hmac.new(KEY, f"{msg_id}.{at}.{body}".encode(), hashlib.sha256).digest()
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(at),
        "webhook-signature": "v1," + base64.b64encode(digest).decode(),
        "content-type": "application/json",
    }


# --- realtime: client secrets and calls --------------------------------------------------------


def client_secret(**session: Any) -> Any:
    return {
        "value": "ek_abc123",
        "expires_at": 1733000600,
        "session": {
            "type": "realtime",
            "id": "sess_1",
            "object": "realtime.session",
            "model": "gpt-realtime",
            "output_modalities": ["audio"],
            "instructions": "You are a friendly concierge.",
            "tools": [],
            "tool_choice": "auto",
            "max_output_tokens": "inf",
            "tracing": None,
            "prompt": None,
            "expires_at": 1733000600,
            "audio": {
                "input": {
                    "format": {"type": "audio/pcm", "rate": 24000},
                    "transcription": {"model": "gpt-4o-mini-transcribe", "language": "en"},
                    "noise_reduction": {"type": "near_field"},
                    "turn_detection": {
                        "type": "server_vad",
                        "threshold": 0.5,
                        "prefix_padding_ms": 300,
                        "silence_duration_ms": 500,
                        "create_response": True,
                        "interrupt_response": True,
                    },
                },
                "output": {"format": {"type": "audio/pcm", "rate": 24000}, "voice": "marin"},
            },
            "include": None,
            **session,
        },
    }


@program
def browser_backend_mints_client_secrets(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route("POST", "/v1/realtime/client_secrets", Reply.json(client_secret()))
    minted = client.realtime.client_secrets.create(
        expires_after={"anchor": "created_at", "seconds": 600},
        session={
            "type": "realtime",
            "model": "gpt-realtime",
            "instructions": "You are a friendly concierge.",
            "audio": {
                "input": {
                    "transcription": {"model": "gpt-4o-mini-transcribe", "language": "en"},
                    "noise_reduction": {"type": "near_field"},
                    "turn_detection": {"type": "server_vad", "silence_duration_ms": 500},
                },
                "output": {"voice": "marin"},
            },
            "tools": [
                {
                    "type": "function",
                    "name": "book_table",
                    "description": "Book a table",
                    "parameters": {"type": "object", "properties": {"at": {"type": "string"}}},
                }
            ],
        },
    )
    # what the backend hands the browser
    handed = {"client_secret": minted.value, "expires_at": minted.expires_at}
    session = minted.session
    return (
        handed,
        type(minted).__name__,
        type(session).__name__,
        session.type,
        session.audio.input.turn_detection.type,
        type(session.audio.input.turn_detection).__name__,
        session.audio.output.voice,
        session.max_output_tokens,
        minted.model_dump(exclude_none=True)["session"]["audio"]["input"]["format"],
    )


@program
def transcription_client_secret(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.route(
        "POST",
        "/v1/realtime/client_secrets",
        Reply.json(
            {
                "value": "ek_tr",
                "expires_at": 1733000600,
                "session": {
                    "type": "transcription",
                    "id": "sess_tr",
                    "object": "realtime.transcription_session",
                    "expires_at": 1733000600,
                    "audio": {
                        "input": {
                            "format": {"type": "audio/pcmu"},
                            "transcription": {"model": "whisper-1", "prompt": "names"},
                            "noise_reduction": None,
                            "turn_detection": None,
                        }
                    },
                    "include": ["item.input_audio_transcription.logprobs"],
                },
            }
        ),
    )
    minted = client.realtime.client_secrets.create(
        session={
            "type": "transcription",
            "audio": {
                "input": {
                    "format": {"type": "audio/pcmu"},
                    "transcription": {"model": "whisper-1", "prompt": "names"},
                    "turn_detection": None,
                }
            },
            "include": ["item.input_audio_transcription.logprobs"],
        }
    )
    return (
        type(minted.session).__name__,
        minted.session.type,
        minted.session.audio.input.format.type,
        minted.session.include,
        minted.to_dict()["session"]["audio"]["input"]["turn_detection"],
    )


def incoming_call(call_id: str, sip_from: str) -> str:
    return json.dumps(
        {
            "id": "evt_call_1",
            "object": "event",
            "created_at": 1733000000,
            "type": "realtime.call.incoming",
            "data": {
                "call_id": call_id,
                "sip_headers": [
                    {"name": "From", "value": sip_from},
                    {"name": "To", "value": "sip:+15550001111@sip.example.com"},
                    {"name": "Call-ID", "value": "abc@10.0.0.1"},
                ],
            },
        }
    )


@program
def sip_bridge_routes_incoming_calls(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    bridge = client.with_options(webhook_secret=SECRET)
    for path in ("accept", "refer", "reject", "hangup"):
        for call in ("rtc_vip", "rtc_sales", "rtc_spam"):
            server.route("POST", f"/v1/realtime/calls/{call}/{path}", Reply.empty(200))
    log = []
    deliveries = [
        ("rtc_vip", "<sip:+15551234567@carrier.example>"),
        ("rtc_sales", "<sip:+15559876543@carrier.example>"),
        ("rtc_spam", "<sip:+15550000000@spam.example>"),
    ]
    for call_id, sip_from in deliveries:
        body = incoming_call(call_id, sip_from)
        event = bridge.webhooks.unwrap(body, signed(body))
        if event.type != "realtime.call.incoming":
            continue
        caller = next(h.value for h in event.data.sip_headers if h.name == "From")
        if "spam" in caller:
            result = bridge.realtime.calls.reject(event.data.call_id, status_code=486)
        elif "+1555123" in caller:
            result = bridge.realtime.calls.accept(
                event.data.call_id,
                type="realtime",
                model="gpt-realtime",
                instructions="Greet the caller by name.",
                audio={"output": {"voice": "cedar"}},
                tools=[{"type": "function", "name": "lookup", "parameters": {"type": "object"}}],
                tool_choice="auto",
                tracing="auto",
            )
        else:
            result = bridge.realtime.calls.refer(event.data.call_id, target_uri="tel:+15550002222")
        log.append((event.data.call_id, caller, type(event).__name__, result))
    hung = bridge.realtime.calls.hangup("rtc_vip")
    raw = bridge.realtime.calls.with_raw_response.accept(
        "rtc_sales", type="realtime", output_modalities=["text"]
    )
    return log, hung, (raw.status_code, raw.parse())


@program
def bad_webhook_deliveries_refused(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    hooks = openai.OpenAI(api_key="sk-test", webhook_secret=SECRET).webhooks
    body = incoming_call("rtc_1", "<sip:a@b>")
    good = signed(body)
    stale = signed(body, at=int(time.time()) - 3600)
    future = signed(body, at=int(time.time()) + 3600)
    tampered = dict(good, **{"webhook-id": "msg_other"})
    several = dict(good, **{"webhook-signature": "v1,AAAA " + good["webhook-signature"]})
    missing = {k: v for k, v in good.items() if k != "webhook-timestamp"}

    def kind(code: Any) -> Any:
        try:
            result = code()
            return ("ok", type(result).__name__ if result is not None else None)
        except Exception as error:
            return ("raised", type(error).__name__)

    return [
        kind(lambda: hooks.unwrap(body, good)),
        kind(lambda: hooks.unwrap(body.encode(), good)),
        kind(lambda: hooks.verify_signature(body, stale)),
        kind(lambda: hooks.verify_signature(body, stale, tolerance=7200)),
        kind(lambda: hooks.verify_signature(body, future)),
        kind(lambda: hooks.verify_signature(body, tampered)),
        kind(lambda: hooks.verify_signature(body, several)),
        kind(lambda: hooks.verify_signature(body, missing)),
        kind(lambda: hooks.verify_signature(body + " ", good)),
        kind(lambda: hooks.unwrap(body, good, secret="whsec_" + base64.b64encode(b"x").decode())),
        kind(lambda: openai.OpenAI(api_key="k").webhooks.unwrap(body, good)),
        kind(lambda: hooks.unwrap(body, list(good.items()))),
        issubclass(openai.InvalidWebhookSignatureError, ValueError),
    ]


@program
def webrtc_offer_sent_as_sdp(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    answer = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
    server.route(
        "POST",
        "/v1/realtime/calls",
        Reply.raw(
            answer.encode(),
            status=201,
            headers={"content-type": "application/sdp", "location": "/v1/realtime/calls/rtc_9"},
        ),
    )
    offer = "v=0\r\no=- 9 9 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
    response = client.realtime.calls.create(
        sdp=offer,
        session={
            "type": "realtime",
            "model": "gpt-realtime",
            "audio": {"output": {"voice": "ash"}},
        },
    )
    raw = client.realtime.calls.with_raw_response.create(
        sdp=offer, session={"type": "realtime", "model": "gpt-realtime"}
    )
    # a relay passing the browser's offer on as it is: the session was minted beforehand
    relayed = client.realtime.calls.create(sdp=offer)
    return (
        type(response).__name__,
        response.text,
        response.content == answer.encode(),
        raw.headers.get("location"),
        raw.status_code,
        raw.parse().text[:3],
        relayed.text == answer,
    )


# --- admin ------------------------------------------------------------------------------------


def with_admin(code: Any) -> Any:
    """A program of a script that builds its own client from an admin key (closed at its end)."""

    def run(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
        with openai.OpenAI(
            admin_api_key="sk-admin-1", base_url=str(client.base_url), max_retries=0
        ) as admin:
            return code(openai, admin, server)

    run.__name__ = code.__name__
    return run


def cost_bucket(start: int, amount: float, project: str | None) -> Any:
    return {
        "object": "bucket",
        "start_time": start,
        "end_time": start + 86400,
        "results": [
            {
                "object": "organization.costs.result",
                "amount": {"value": amount, "currency": "usd"},
                "line_item": "gpt-4o, input",
                "project_id": project,
            }
        ],
    }


@program
@with_admin
def monthly_cost_report(openai: ModuleType, admin: Any, server: ScriptedServer) -> Any:
    server.route(
        "GET",
        "/v1/organization/costs",
        Reply.dynamic(
            lambda request: Reply.json(
                {
                    "object": "page",
                    "data": [cost_bucket(1733000000, 12.5, "proj_a")],
                    "has_more": True,
                    "next_page": "page_2",
                }
                if "page" not in request.query_dict
                else {
                    "object": "page",
                    "data": [cost_bucket(1733086400, 0.25, None)],
                    "has_more": False,
                    "next_page": None,
                }
            )
        ),
    )
    totals: dict[str, float] = {}
    cursor = None
    pages = 0
    while True:
        result = admin.admin.organization.usage.costs(
            start_time=1733000000,
            end_time=1735600000,
            bucket_width="1d",
            group_by=["project_id", "line_item"],
            project_ids=["proj_a", "proj_b"],
            limit=30,
            **({"page": cursor} if cursor else {}),
        )
        pages += 1
        for bucket in result.data:
            for item in bucket.results:
                key = item.project_id or "(none)"
                totals[key] = totals.get(key, 0.0) + item.amount.value
        if not result.has_more:
            break
        cursor = result.next_page
    last = result.data[0].results[0]
    return totals, pages, type(result).__name__, type(last).__name__, last.amount.currency


@program
@with_admin
def project_provisioned_with_a_service_account(
    openai: ModuleType, admin: Any, server: ScriptedServer
) -> Any:
    org = admin.admin.organization
    server.route(
        "POST",
        "/v1/organization/projects",
        Reply.json(
            {
                "id": "proj_new",
                "object": "organization.project",
                "name": "search-prod",
                "created_at": 1733000000,
                "archived_at": None,
                "status": "active",
            }
        ),
    )
    server.route(
        "POST",
        "/v1/organization/projects/proj_new/service_accounts",
        Reply.json(
            {
                "object": "organization.project.service_account",
                "id": "svc_1",
                "name": "indexer",
                "role": "member",
                "created_at": 1733000000,
                "api_key": {
                    "object": "organization.project.service_account.api_key",
                    "value": "sk-svcacct-secret",
                    "name": "Secret Key",
                    "created_at": 1733000000,
                    "id": "key_1",
                },
            }
        ),
    )
    limits = [
        {
            "object": "project.rate_limit",
            "id": f"rl-{model}",
            "model": model,
            "max_requests_per_1_minute": 500,
            "max_tokens_per_1_minute": 30000,
        }
        for model in ("gpt-4o", "gpt-4o-mini")
    ]
    server.route("GET", "/v1/organization/projects/proj_new/rate_limits", Reply.json(page(*limits)))
    server.route(
        "POST",
        "/v1/organization/projects/proj_new/rate_limits/rl-gpt-4o",
        Reply.json({**limits[0], "max_requests_per_1_minute": 50}),
    )
    server.route(
        "POST",
        "/v1/organization/projects/proj_new/users",
        Reply.json(
            {
                "object": "organization.project.user",
                "id": "user_1",
                "name": "Ada",
                "email": "ada@example.com",
                "role": "owner",
                "added_at": 1733000000,
            }
        ),
    )
    project = org.projects.create(name="search-prod")
    account = org.projects.service_accounts.create(project.id, name="indexer")
    tightened = []
    for limit in org.projects.rate_limits.list_rate_limits(project.id, limit=10):
        if limit.model == "gpt-4o":
            updated = org.projects.rate_limits.update_rate_limit(
                limit.id, project_id=project.id, max_requests_per_1_minute=50
            )
            tightened.append((updated.model, updated.max_requests_per_1_minute))
    member = org.projects.users.create(project.id, role="owner", email="ada@example.com")
    return (
        project.id,
        project.status,
        account.api_key.value if account.api_key else None,
        repr(account)[:40],
        tightened,
        (member.email, member.role, type(member).__name__),
    )


@program
@with_admin
def people_invited_and_keys_rotated(openai: ModuleType, admin: Any, server: ScriptedServer) -> Any:
    org = admin.admin.organization
    server.route(
        "POST",
        "/v1/organization/invites",
        Reply.dynamic(
            lambda request: Reply.json(
                {
                    "object": "organization.invite",
                    "id": "invite-1",
                    "email": request.json()["email"],
                    "role": request.json()["role"],
                    "status": "pending",
                    "created_at": 1733000000,
                    "expires_at": 1733604800,
                    "accepted_at": None,
                    "projects": request.json().get("projects", []),
                }
            )
        ),
    )
    owner = {
        "type": "user",
        "object": "organization.user",
        "id": "user_1",
        "name": "Ada",
        "created_at": 1733000000,
        "role": "owner",
    }
    server.route(
        "POST",
        "/v1/organization/admin_api_keys",
        Reply.json(
            {
                "object": "organization.admin_api_key",
                "id": "key_new",
                "name": "rotation-2024-12",
                "redacted_value": "sk-admin...xyz",
                "value": "sk-admin-new-secret",
                "created_at": 1733000000,
                "last_used_at": None,
                "expires_at": None,
                "owner": owner,
            }
        ),
    )
    old_keys = [
        {
            "object": "organization.admin_api_key",
            "id": f"key_old{n}",
            "name": f"rotation-{n}",
            "redacted_value": "sk-admin...abc",
            "created_at": 1700000000 + n,
            "last_used_at": 1730000000,
            "expires_at": None,
            "owner": owner,
        }
        for n in (1, 2)
    ]
    server.route("GET", "/v1/organization/admin_api_keys", Reply.json(page(*old_keys)))
    for n in (1, 2):
        server.route(
            "DELETE",
            f"/v1/organization/admin_api_keys/key_old{n}",
            Reply.json(
                {
                    "id": f"key_old{n}",
                    "object": "organization.admin_api_key.deleted",
                    "deleted": True,
                }
            ),
        )
    invited = [
        org.invites.create(email="bob@example.com", role="reader"),
        org.invites.create(
            email="cy@example.com",
            role="owner",
            projects=[{"id": "proj_new", "role": "member"}],
        ),
    ]
    fresh = org.admin_api_keys.create(name="rotation-2024-12")
    removed = [
        org.admin_api_keys.delete(key.id).deleted
        for key in org.admin_api_keys.list(order="asc", limit=20)
        if key.id != fresh.id
    ]
    return (
        [(i.email, i.role, i.status, [p.id for p in i.projects]) for i in invited],
        (fresh.value, fresh.owner.name, type(fresh.owner).__name__),
        removed,
    )


@program
@with_admin
def audit_logs_filtered_by_time_and_event(
    openai: ModuleType, admin: Any, server: ScriptedServer
) -> Any:
    entries = [
        {
            "id": "audit_log-1",
            "type": "api_key.created",
            "effective_at": 1733000100,
            "actor": {
                "type": "session",
                "session": {
                    "user": {"id": "user_1", "email": "ada@example.com"},
                    "ip_address": "203.0.113.5",
                },
            },
            "api_key.created": {"id": "key_1", "data": {"scopes": ["/v1/*"]}},
        },
        {
            "id": "audit_log-2",
            "type": "project.archived",
            "effective_at": 1733000200,
            "actor": {
                "type": "api_key",
                "api_key": {"id": "key_admin", "type": "user", "user": {"id": "user_1"}},
            },
            "project": {"id": "proj_old", "name": "old"},
            "project.archived": {"id": "proj_old"},
        },
    ]
    server.route("GET", "/v1/organization/audit_logs", Reply.json(page(*entries)))
    seen = []
    for entry in admin.admin.organization.audit_logs.list(
        effective_at={"gte": 1733000000, "lt": 1733086400},
        event_types=["api_key.created", "project.archived"],
        actor_emails=["ada@example.com"],
        limit=50,
    ):
        seen.append(
            (
                entry.id,
                entry.type,
                entry.actor.type,
                entry.actor.session.user.email if entry.actor.session else None,
                entry.project.id if entry.project else None,
                entry.to_dict().get(entry.type),
            )
        )
    return seen


@program
def admin_call_without_an_admin_key(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.json({"object": "list", "data": [], "has_more": False})
    with openai.OpenAI(api_key="sk-project", base_url=str(client.base_url), max_retries=0) as plain:
        attempt = outcome(lambda: plain.admin.organization.users.list(limit=1).data)
    return attempt[:2], len(server.requests)


# --- async --------------------------------------------------------------------------------------


@async_program
async def async_call_bridge(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    bridge = client.with_options(webhook_secret=SECRET)
    server.route("POST", "/v1/realtime/calls/rtc_a/accept", Reply.empty(200))
    server.route("POST", "/v1/realtime/calls/rtc_a/hangup", Reply.empty(200))
    server.route("POST", "/v1/realtime/client_secrets", Reply.json(client_secret()))
    body = incoming_call("rtc_a", "<sip:+1555@x>")
    event = bridge.webhooks.unwrap(body, signed(body))
    accepted = await bridge.realtime.calls.accept(
        event.data.call_id, type="realtime", instructions="Hi", model="gpt-realtime"
    )
    hung = await bridge.realtime.calls.hangup(event.data.call_id)
    minted = await bridge.realtime.client_secrets.create(session={"type": "realtime"})
    return event.type, accepted, hung, minted.value


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
