"""Endpoint modules of the local server; each exposes ``ROUTES``.

Operations of the spec without a hand-written route are answered by ``_generic`` from the
schemas, so every operation has a route.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._app import Route

if TYPE_CHECKING:
    from .._api_facts import ApiFacts


def all_routes(facts: ApiFacts) -> list[Route]:
    from . import (
        _assistants,
        _chat,
        _files,
        _generic,
        _local,
        _media,
        _models,
        _moderations,
        _responses,
        _runs,
        _uploads,
        _vector_stores,
        _videos,
    )

    written = [
        *_runs.ROUTES,
        *_assistants.ROUTES,
        *_chat.ROUTES,
        *_responses.ROUTES,
        *_files.ROUTES,
        *_uploads.ROUTES,
        *_media.ROUTES,
        *_moderations.ROUTES,
        *_vector_stores.ROUTES,
        *_videos.ROUTES,
        *_models.ROUTES,
        *_local.ROUTES,
    ]
    taken = {(route.method, route.template) for route in written}
    generic = [r for r in _generic.generic_routes(facts) if (r.method, r.template) not in taken]
    # A literal segment wins over a parameter at the same place (`POST /threads/runs` over
    # `POST /threads/{thread_id}`), and a route that needs a query value over one that does not.
    return sorted([*written, *generic], key=_specificity)


def _specificity(route: Route) -> tuple[tuple[bool, ...], bool]:
    path, _, query = route.template.partition("?")
    return tuple(part.startswith("{") for part in path.split("/")), not query
