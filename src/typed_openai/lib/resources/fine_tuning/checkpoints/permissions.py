"""Body of ``client.fine_tuning.checkpoints.permissions.retrieve``, the official SDK's older name
for ``list``: the same request, answered as the first list object itself (no page to iterate)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from typed_openai._core import RequestOptions, path_template
from typed_openai.lib._steps import Steps, sync_or_async
from typed_openai.lib.resources._seams import client_of

if TYPE_CHECKING:
    from typed_openai._generated.resources.fine_tuning.checkpoints.permissions import (
        AsyncPermissions,
        Permissions,
    )
    from typed_openai.types.fine_tuning.checkpoints import PermissionRetrieveResponse

__all__ = ["retrieve"]


@sync_or_async
def retrieve(
    permissions: Permissions | AsyncPermissions,
    *,
    fine_tuned_model_checkpoint: str,
    project_id: object,
    after: object,
    limit: object,
    order: object,
    **options: Any,
) -> Steps[PermissionRetrieveResponse]:
    from typed_openai.types.fine_tuning.checkpoints import PermissionRetrieveResponse

    # (an empty checkpoint id is a ValueError naming it, as in the generated methods)
    path = path_template(
        "/fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions",
        fine_tuned_model_checkpoint=fine_tuned_model_checkpoint,
    )
    query = {"project_id": project_id, "after": after, "limit": limit, "order": order}
    return (
        yield client_of(permissions).get(
            path,
            query=query,  # NOT_GIVEN entries are left out, as for the generated methods
            options=RequestOptions(**options),
            cast_to=PermissionRetrieveResponse,
        )
    )
