"""Which spec changes break clients, and why.

The question every rule answers: *can a client written against the old spec fail against a server
that implements the new one?* A client is two things here:

- what it **sends** (parameters, request bodies): it was built to send anything the old spec
  allowed, so the new spec must still accept all of that. Widening what is accepted is safe;
  narrowing it, or demanding something new, is breaking.
- what it **reads** (response bodies): code reads the fields the old spec promised, with the types
  it promised, so the new spec must still promise all of that. Narrowing what is returned is safe;
  widening it, or dropping a promise, is breaking. Our clients are *forward compatible*: they keep
  unknown fields, unknown enum values and unknown members of a union as raw data instead of
  failing, so a response growing new fields, enum values or union members is not breaking.

The same kind of change therefore often flips between the two directions. Every kind of change
the report knows, as it is labelled there (`tests/codegen/diff/test_spec_diff_rules.py` checks
this table against the code; `n/a` marks a kind that cannot occur in that direction):

| change                         | in a request | in a response |
|--------------------------------|--------------|---------------|
| operation added                | -            | -             |
| operation removed              | breaking     | breaking      |
| operation deprecated           | -            | -             |
| operationId changed            | -            | -             |
| required parameter added       | breaking     | n/a           |
| optional parameter added       | -            | n/a           |
| parameter removed              | breaking     | n/a           |
| required request body added    | breaking     | n/a           |
| optional request body added    | -            | n/a           |
| request body removed           | breaking     | n/a           |
| success response added         | n/a          | -             |
| success response removed       | n/a          | breaking      |
| error response added           | n/a          | -             |
| error response removed         | n/a          | -             |
| content type added             | -            | -             |
| content type removed           | breaking     | breaking      |
| required field added           | breaking     | -             |
| optional field added           | -            | -             |
| field removed                  | breaking     | breaking      |
| made required                  | breaking     | -             |
| made optional                  | -            | breaking      |
| made nullable                  | -            | breaking      |
| made non-nullable              | breaking     | -             |
| type widened                   | -            | breaking      |
| type narrowed                  | breaking     | -             |
| type changed                   | breaking     | breaking      |
| enum values added              | -            | -             |
| enum values removed            | breaking     | -             |
| enum constraint added          | breaking     | -             |
| enum constraint removed        | -            | -             |
| union member added             | -            | -             |
| union member removed           | breaking     | -             |

"Made required / optional" applies to parameters and request bodies as well as fields. A type is
widened when the new one accepts every value of the old one (`integer` → `number`, `string` →
`string | array`, a constraint dropped), narrowed in the reverse case, and changed when neither
covers the other. Operation-level changes (added, removed, deprecated, renamed) have no direction
and read the same in both columns.

Notes on the less obvious rows:

- A removed response enum value or union member is safe: the client simply never receives it.
- Removing a request field is breaking even when it was optional: old clients keep sending it, and
  the regenerated SDK no longer accepts the argument.
- A field that stops being a union (`string | array` → `string`) is a narrowing; one that becomes
  a union (`string` → `string | array`) is a widening, which is breaking in a response because
  the old client never expected the new shape there (unlike new members of an existing union).
- Removing a success response breaks the clients that parse it; error responses come and go
  freely because clients raise on any error status whatever its documented body.
- `integer` counts as a subtype of `number`; a schema without a `type` accepts anything.
- Not reported: descriptions, examples, defaults, formats and numeric/length constraints,
  `anyOf`/`oneOf` lists of `required` combinations, `readOnly`/`writeOnly`, webhooks, response
  headers, security.
"""

from __future__ import annotations

import enum


class Direction(str, enum.Enum):
    """Which way the data flows: what the client sends, or what it reads."""

    REQUEST = "request"
    RESPONSE = "response"


class Kind(str, enum.Enum):
    """Every kind of change the report knows. The value is the label shown to people."""

    OPERATION_ADDED = "operation added"
    OPERATION_REMOVED = "operation removed"
    OPERATION_DEPRECATED = "operation deprecated"
    OPERATION_ID_CHANGED = "operationId changed"
    REQUIRED_PARAMETER_ADDED = "required parameter added"
    OPTIONAL_PARAMETER_ADDED = "optional parameter added"
    PARAMETER_REMOVED = "parameter removed"
    REQUIRED_REQUEST_BODY_ADDED = "required request body added"
    OPTIONAL_REQUEST_BODY_ADDED = "optional request body added"
    REQUEST_BODY_REMOVED = "request body removed"
    SUCCESS_RESPONSE_ADDED = "success response added"
    SUCCESS_RESPONSE_REMOVED = "success response removed"
    ERROR_RESPONSE_ADDED = "error response added"
    ERROR_RESPONSE_REMOVED = "error response removed"
    CONTENT_TYPE_ADDED = "content type added"
    CONTENT_TYPE_REMOVED = "content type removed"
    REQUIRED_FIELD_ADDED = "required field added"
    OPTIONAL_FIELD_ADDED = "optional field added"
    FIELD_REMOVED = "field removed"
    MADE_REQUIRED = "made required"
    MADE_OPTIONAL = "made optional"
    MADE_NULLABLE = "made nullable"
    MADE_NON_NULLABLE = "made non-nullable"
    TYPE_WIDENED = "type widened"
    TYPE_NARROWED = "type narrowed"
    TYPE_CHANGED = "type changed"
    ENUM_VALUES_ADDED = "enum values added"
    ENUM_VALUES_REMOVED = "enum values removed"
    ENUM_CONSTRAINT_ADDED = "enum constraint added"
    ENUM_CONSTRAINT_REMOVED = "enum constraint removed"
    UNION_MEMBER_ADDED = "union member added"
    UNION_MEMBER_REMOVED = "union member removed"


_REQ = Direction.REQUEST
_RESP = Direction.RESPONSE

# (kind, direction) pairs that are breaking; every other pair is not. The table in the module
# docstring says the same, and a test holds the two together.
_BREAKING: frozenset[tuple[Kind, Direction]] = frozenset(
    {
        (Kind.OPERATION_REMOVED, _REQ),
        (Kind.OPERATION_REMOVED, _RESP),
        (Kind.REQUIRED_PARAMETER_ADDED, _REQ),
        (Kind.PARAMETER_REMOVED, _REQ),
        (Kind.REQUIRED_REQUEST_BODY_ADDED, _REQ),
        (Kind.REQUEST_BODY_REMOVED, _REQ),
        (Kind.SUCCESS_RESPONSE_REMOVED, _RESP),
        (Kind.CONTENT_TYPE_REMOVED, _REQ),
        (Kind.CONTENT_TYPE_REMOVED, _RESP),
        (Kind.REQUIRED_FIELD_ADDED, _REQ),
        (Kind.FIELD_REMOVED, _REQ),
        (Kind.FIELD_REMOVED, _RESP),
        (Kind.MADE_REQUIRED, _REQ),
        (Kind.MADE_OPTIONAL, _RESP),
        (Kind.MADE_NULLABLE, _RESP),
        (Kind.MADE_NON_NULLABLE, _REQ),
        (Kind.TYPE_WIDENED, _RESP),
        (Kind.TYPE_NARROWED, _REQ),
        (Kind.TYPE_CHANGED, _REQ),
        (Kind.TYPE_CHANGED, _RESP),
        (Kind.ENUM_VALUES_REMOVED, _REQ),
        (Kind.ENUM_CONSTRAINT_ADDED, _REQ),
        (Kind.UNION_MEMBER_REMOVED, _REQ),
    }
)


def is_breaking(kind: Kind, direction: Direction) -> bool:
    """Whether a change of `kind`, in data flowing in `direction`, can break an existing client."""
    return (kind, direction) in _BREAKING
