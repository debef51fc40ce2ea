"""The declared return type of a generated method, evaluated like a type checker would.

Generated modules import their types under ``if TYPE_CHECKING:`` (import stays lazy), so
``typing.get_type_hints`` cannot see them; this runs those imports in a scratch namespace first.
"""

from __future__ import annotations

import ast
import functools
import inspect
import sys
import typing
from typing import Any


@functools.cache
def _namespace(module_name: str) -> dict[str, Any]:
    module = sys.modules[module_name]
    namespace: dict[str, Any] = {**vars(module), "typing": typing}
    tree = ast.parse(inspect.getsource(module))
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for statement in node.body:
                code = compile(ast.Module(body=[statement], type_ignores=[]), module_name, "exec")
                try:
                    exec(code, namespace)
                except ImportError:
                    continue  # an optional dependency (the SDK's websockets) the check never needs
    return namespace


def return_type(method: Any) -> Any:
    """What ``method`` is annotated to return (the class's own method, not a wrapper's)."""
    func = inspect.unwrap(getattr(method, "__func__", method))
    raw = func.__annotations__.get("return")
    if not isinstance(raw, str):
        return raw
    return eval(raw, _namespace(func.__module__))  # an annotation of generated code


def type_arguments(generic: Any) -> tuple[Any, ...]:
    """``X[A, B]`` -> ``(A, B)``, for typing generics and pydantic's generic models alike."""
    metadata = getattr(generic, "__pydantic_generic_metadata__", None)
    return typing.get_args(generic) or (tuple(metadata["args"]) if metadata else ())


__all__ = ["return_type", "type_arguments"]
