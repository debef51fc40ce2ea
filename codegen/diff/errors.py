"""The one error the diff tool reports to its user (exit status 2)."""


class SpecError(Exception):
    """The input cannot be compared: unreadable, not YAML/JSON, not OpenAPI 3, or a broken `$ref`."""
