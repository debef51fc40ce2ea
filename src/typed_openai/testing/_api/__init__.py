"""Endpoint modules of the local server; each exposes ``ROUTES``."""

from __future__ import annotations

from .._app import Route


def all_routes() -> list[Route]:
    from . import _assistants, _chat, _files, _local, _models, _responses, _runs, _vector_stores

    # Runs first: ``POST /threads/runs`` must win over ``POST /threads/{thread_id}``.
    return [
        *_runs.ROUTES,
        *_assistants.ROUTES,
        *_chat.ROUTES,
        *_responses.ROUTES,
        *_files.ROUTES,
        *_vector_stores.ROUTES,
        *_models.ROUTES,
        *_local.ROUTES,
    ]
