"""Fields and request keys of the official SDK (openai 3.57.0) newer than the upstream API document,
marked `x-sdk-newer: true` in spec/openapi.yml: API keys that expire (`expires_at` on project and
service-account keys, `expires_in_seconds` when creating them and in the audit log's key update),
the audit log's external-storage events, a voice's `type` and `prompt`, and the image options of
`responses.compact` (beta too) with the image handling its answer reports.

Each goes out, or is read back, the same with either package over the loopback server, with
`_strict_response_validation=True`.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY, run_both
from .test_real_world_apps import wire


def _client(sdk: ModuleType, server: ScriptedServer) -> Any:
    return sdk.OpenAI(
        api_key=API_KEY,
        admin_api_key="sk-admin-drop-in",
        base_url=server.url + "/v1",
        max_retries=0,
        _strict_response_validation=True,
    )


def _dump(result: Any) -> Any:
    return result.model_dump(mode="json", exclude_unset=True), repr(result)


NEW_KEY = {
    "object": "organization.project.service_account.api_key",
    "value": "sk-svcacct-1",
    "name": "deploy",
    "created_at": 1,
    "id": "key_1",
    "expires_at": 3601,
}
ACCOUNT = {
    "object": "organization.project.service_account",
    "id": "svc_1",
    "name": "deploy",
    "role": "member",
    "created_at": 1,
    "api_key": NEW_KEY,
}
PROJECT_KEY = {
    "object": "organization.project.api_key",
    "redacted_value": "sk-...abc",
    "name": "ci",
    "created_at": 1,
    "last_used_at": None,
    "id": "key_2",
    "owner_project_access": "active",
    "owner": {"type": "user"},
    "expires_at": None,
}
AUDIT_LOGS = {
    "object": "list",
    "data": [
        {
            "id": "audit_1",
            "type": "api_key.updated",
            "effective_at": 1,
            "api_key.updated": {
                "id": "key_2",
                "changes_requested": {"scopes": ["api.model.request"], "expires_in_seconds": 600},
            },
        }
    ],
    "first_id": "audit_1",
    "last_id": "audit_1",
    "has_more": False,
}
GCS = {
    "type": "gcp",
    "audience": "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/o",
    "bucket": "traces",
    "region": "europe-west4",
    "workload_identity_pool_id": "p",
    "workload_identity_project_number": "1",
    "workload_identity_provider_id": "o",
}
STORAGE_LOGS = {
    **AUDIT_LOGS,
    "data": [
        {
            "id": "audit_2",
            "type": "external_storage.registered",
            "effective_at": 1,
            "external_storage.registered": {
                "id": "es_1",
                "data": {"geography": "EU", "provider": GCS},
            },
        },
        {
            "id": "audit_3",
            "type": "external_storage.removed",
            "effective_at": 2,
            "external_storage.removed": {"id": "es_1"},
        },
    ],
}


def test_expiring_api_keys_are_sent_and_read(server: ScriptedServer) -> None:
    def observed(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.reply(
            Reply.json(ACCOUNT),
            Reply.json(NEW_KEY),
            Reply.json(PROJECT_KEY),
            Reply.json(AUDIT_LOGS),
        )
        with _client(sdk, server) as client:
            projects = client.admin.organization.projects
            account = projects.service_accounts.create(
                "proj_1", name="deploy", expires_in_seconds=3600
            )
            key = projects.service_accounts.api_keys.create(
                "svc_1", project_id="proj_1", expires_in_seconds=None
            )
            project_key = projects.api_keys.retrieve("key_2", project_id="proj_1")
            (log,) = client.admin.organization.audit_logs.list().data
        changes = log.api_key_updated.changes_requested
        read = (
            account.api_key.expires_at,
            key.expires_at,
            project_key.expires_at,
            changes.expires_in_seconds,
        )
        sent = [wire(request)[-1] for request in server.requests[:2]]
        # (a log entry's repr lists its fields in another order: tests/drop_in/test_model_field_order)
        dumps = [_dump(model) for model in (account, key, project_key)]
        return read, sent, dumps, log.model_dump(mode="json", exclude_unset=True)

    ours, theirs = run_both(observed)
    assert ours[0] == (3601, 3601, None, 600)
    assert ours[1] == [
        {"name": "deploy", "expires_in_seconds": 3600},
        {"expires_in_seconds": None},
    ]
    assert ours == theirs


def test_audit_logs_read_the_external_storage_events(server: ScriptedServer) -> None:
    def observed(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.reply(Reply.json(STORAGE_LOGS))
        with _client(sdk, server) as client:
            registered, removed = client.admin.organization.audit_logs.list(
                event_types=["external_storage.registered", "external_storage.removed"]
            ).data
        data = registered.external_storage_registered.data
        read = (
            data.geography,
            data.provider.bucket,
            type(data.provider).__name__,
            type(data).__name__,
            removed.external_storage_removed.id,
        )
        logs = [log.model_dump(mode="json", exclude_unset=True) for log in (registered, removed)]
        return read, wire(server.requests[0])[2], logs

    ours, theirs = run_both(observed)
    assert ours[0] == (
        "EU",
        "traces",
        "GcpExternalStorageProvider",
        "ExternalStorageRegisteredData",
        "es_1",
    )
    assert ("event_types[]", "external_storage.removed") in ours[1]
    assert ours == theirs


def test_a_voice_reads_how_it_was_made(server: ScriptedServer) -> None:
    voice = {
        "object": "audio.voice",
        "id": "voice_1",
        "name": "narrator",
        "created_at": 1,
        "type": "prompt",
        "prompt": "a calm, low voice",
    }

    def observed(sdk: ModuleType) -> Any:
        server.reply(Reply.json(voice))
        with _client(sdk, server) as client:
            made = client.audio.voices.create(
                audio_sample=("sample.wav", b"RIFF", "audio/wav"), consent="cons_1", name="n"
            )
        return (made.type, made.prompt), _dump(made)

    ours, theirs = run_both(observed)
    assert ours[0] == ("prompt", "a calm, low voice")
    assert ours == theirs


def test_compaction_sends_its_image_options_and_reads_the_handling(
    server: ScriptedServer,
) -> None:
    usage = {
        "input_tokens": 10,
        "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
        "output_tokens": 2,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": 12,
    }
    compacted = {
        "id": "cmp_1",
        "object": "response.compaction",
        "output": [],
        "created_at": 1,
        "usage": usage,
        "image": {"context_compression": "enabled"},
    }

    def observed(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.reply(Reply.json(compacted), Reply.json(compacted))
        with _client(sdk, server) as client:
            done = client.responses.compact(
                model="gpt-5", input="hi", image={"context_compression": "enabled"}
            )
            beta = client.beta.responses.compact(
                model="gpt-5", input="hi", image={"context_compression": "auto"}
            )
        read = (
            done.image.context_compression,
            type(done.image).__name__,
            type(beta.image).__name__,
        )
        sent = [wire(request)[-1]["image"] for request in server.requests]
        return read, sent, _dump(done), _dump(beta)

    ours, theirs = run_both(observed)
    assert ours[0] == ("enabled", "Image", "Image")
    assert ours[1] == [{"context_compression": "enabled"}, {"context_compression": "auto"}]
    assert ours == theirs


def test_left_out_expiry_fields_read_as_none() -> None:
    """An answer without the newer field reads it as None (an unknown attribute would raise)."""
    module = "types.admin.organization.audit_log_list_response"

    def observed(sdk: ModuleType) -> Any:
        changes = importlib.import_module(f"{sdk.__name__}.{module}").APIKeyUpdatedChangesRequested
        key = importlib.import_module(
            f"{sdk.__name__}.types.admin.organization.projects.service_accounts"
            ".api_key_create_response"
        ).APIKeyCreateResponse
        without = {k: v for k, v in NEW_KEY.items() if k != "expires_at"}
        return (
            changes.model_validate({}).expires_in_seconds,
            key.model_validate(without).expires_at,
        )

    ours, theirs = run_both(observed)
    assert ours == (None, None)
    assert ours == theirs
