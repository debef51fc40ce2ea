"""The marker of a union whose members an object's property names, where pydantic cannot check it.

A generated union whose every member is a model with a required, one-valued literal tag, all
different, is validated as a pydantic discriminated union (``Field(discriminator=...)``). Some
unions the API (and the official SDK) dispatch on a property that pydantic cannot discriminate:
two members share a tag (``"message"`` for an input and an output message), or a member's tag is
optional. Such a union is validated as a plain union (the member the data fits) and carries a
``UnionTag`` in its ``Annotated`` metadata instead: pydantic ignores it, and building an answer
that no member validates (``_models.construct_lenient``) reads it to pick the member the tag
names, as the official SDK does with its own marker there.
"""

from __future__ import annotations


class UnionTag:
    """``Annotated[Union[...], UnionTag("type")]``: ``type`` names the member (not validated)."""

    __slots__ = ("discriminator",)

    def __init__(self, discriminator: str) -> None:
        self.discriminator = discriminator

    def __repr__(self) -> str:
        return f"UnionTag({self.discriminator!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UnionTag) and other.discriminator == self.discriminator

    def __hash__(self) -> int:
        return hash((UnionTag, self.discriminator))
