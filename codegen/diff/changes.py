"""The result of a comparison: changes, grouped by operation."""

from __future__ import annotations

from dataclasses import dataclass, field

from .rules import Direction, Kind, is_breaking


@dataclass(frozen=True, slots=True)
class Change:
    """One difference at one place of one operation.

    `path` holds the location as ready-to-join segments (`"messages"`, `"[]"`, `"<UserMessage>"`),
    relative to wherever the change was found; the operation comparer prefixes its own segments.
    `schema` names the innermost referenced component schema the change sits in, if any, and
    `schema_path` is the change's place inside that schema (so the same change seen from many
    operations can be told to be one change).
    """

    kind: Kind
    direction: Direction
    path: tuple[str, ...] = ()
    detail: str = ""
    schema: str | None = None
    schema_path: tuple[str, ...] = ()

    @property
    def breaking(self) -> bool:
        return is_breaking(self.kind, self.direction)

    @property
    def location(self) -> str:
        return join_path(self.path)

    def under(self, *segments: str) -> Change:
        """The same change seen from `segments` higher up."""
        return Change(
            self.kind,
            self.direction,
            segments + self.path,
            self.detail,
            self.schema,
            self.schema_path,
        )

    def inside(self, schema: str) -> Change:
        """The same change, attributed to `schema` unless an inner schema already claimed it."""
        if self.schema is not None:
            return self
        return Change(self.kind, self.direction, self.path, self.detail, schema, self.path)

    @property
    def schema_location(self) -> str:
        """`Schema.field.sub` for a change inside a named schema, else the empty string."""
        if self.schema is None:
            return ""
        return join_path((self.schema, *self.schema_path))


def join_path(segments: tuple[str, ...]) -> str:
    """`("requestBody", "messages", "[]", "<User>", "content")` → `requestBody.messages[]<User>.content`."""
    out: list[str] = []
    for segment in segments:
        if out and not segment.startswith(("[", "<", "{")):
            out.append(".")
        out.append(segment)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class OperationKey:
    method: str  # upper case
    path: str
    operation_id: str | None

    @property
    def title(self) -> str:
        return f"{self.method} {self.path}"


@dataclass(slots=True)
class OperationDiff:
    """What happened to one operation: `status` is `added`, `removed` or `changed`."""

    operation: OperationKey
    status: str
    changes: list[Change] = field(default_factory=list[Change])

    @property
    def breaking(self) -> list[Change]:
        return [c for c in self.changes if c.breaking]


@dataclass(slots=True)
class SpecDiff:
    operations: list[OperationDiff] = field(default_factory=list[OperationDiff])

    @property
    def changes(self) -> list[tuple[OperationKey, Change]]:
        return [(op.operation, c) for op in self.operations for c in op.changes]

    @property
    def has_breaking(self) -> bool:
        return any(c.breaking for op in self.operations for c in op.changes)

    def count(self, status: str) -> int:
        return sum(1 for op in self.operations if op.status == status)
