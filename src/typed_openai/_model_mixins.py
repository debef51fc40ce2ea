"""Hand-written behaviour of generated models: properties the API never sends but the official
SDK computes (``Response.output_text``).

The generator mixes these classes into the models that `spec/config.yml` names (``mixin:``), so
this module sits below the generated code: it imports nothing from the package (a generated
module imports it while it is loading) and declares no annotations (pydantic would take them for
fields of the model).
"""

from __future__ import annotations

from typing import Any

__all__ = ["OutputTextMixin"]


class OutputTextMixin:
    """Adds ``output_text`` to a model with an ``output`` list of items."""

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
