"""`Response.output_text`: the text of a response's output messages, joined.

Mixed into the generated `Response` model by the generator (``mixin:`` in `spec/config.yml`), so
it imports nothing from the package: the generated module imports this one while it is loading.
"""

from __future__ import annotations

from typing import Any

__all__ = ["OutputTextMixin"]


class OutputTextMixin:
    """Adds ``output_text`` to a model with an ``output`` list of items.

    It declares no annotations: pydantic would take them for fields of the model.
    """

    @property
    def output_text(self) -> str:
        """Every ``output_text`` part of every ``message`` item of ``output``, in order, joined;
        an empty string when there is none (a response of only tool calls, for instance)."""
        texts: list[str] = []
        output: Any = getattr(self, "output", None)
        for item in output or ():
            if getattr(item, "type", None) != "message":
                continue
            for part in getattr(item, "content", None) or ():
                if getattr(part, "type", None) == "output_text":
                    text = getattr(part, "text", None)
                    if isinstance(text, str):
                        texts.append(text)
        return "".join(texts)
