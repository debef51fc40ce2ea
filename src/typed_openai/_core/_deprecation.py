"""``deprecated``: PEP 702's decorator, without loading asyncio on Python < 3.12.

typing_extensions' ``deprecated`` imports ``asyncio.coroutines`` (which loads asyncio whole, ~40
modules) the first time it wraps a coroutine function on Python < 3.12, to mark its plain wrapper
as a coroutine function for asyncio. Generated modules hold a resource's sync and async classes
side by side, so reaching ``client.beta.threads`` from a *sync* client loaded asyncio only because
the async class's deprecated methods were decorated. Here a coroutine function gets the same plain
wrapper without that mark: it warns and returns the coroutine, so a wrong argument is a TypeError
at the call, before any await, as for every other method (an ``async def`` wrapper taking
``*args`` deferred it to the await); everything else goes to typing_extensions. Type checkers see typing_extensions' decorator, so they still report
calls to deprecated methods (reportDeprecated).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

__all__ = ["deprecated"]

if TYPE_CHECKING or sys.version_info >= (3, 12):
    from typing_extensions import deprecated
else:
    import functools
    import inspect
    import warnings
    from collections.abc import Callable, Coroutine
    from typing import Any, TypeVar

    import typing_extensions

    _T = TypeVar("_T")

    class deprecated(typing_extensions.deprecated):
        def __call__(self, arg: _T, /) -> _T:
            if self.category is None or not inspect.iscoroutinefunction(arg):
                return super().__call__(arg)
            function: Callable[..., Coroutine[Any, Any, Any]] = arg
            message, category, stacklevel = self.message, self.category, self.stacklevel

            @functools.wraps(function)
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                # one frame up is the caller; the arguments are bound here, at the call
                warnings.warn(message, category=category, stacklevel=stacklevel + 1)
                return function(*args, **kwargs)

            function.__deprecated__ = wrapper.__deprecated__ = message  # type: ignore[attr-defined]
            return wrapper  # type: ignore[return-value]
