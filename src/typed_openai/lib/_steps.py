"""One body for a helper's sync and async methods.

A helper body is written once, as a generator of *steps*: it yields each call whose result it
needs (a request, a wait) and gets the result back from the ``yield``. On a sync resource the calls
return their results directly; on an async one they return awaitables. ``run`` drives the steps of
a sync call, ``run_async`` awaits each awaitable step, so both methods send the same requests in
the same order and fail the same way by construction. An error from an awaited step is raised
inside the body at its ``yield``, where the sync method raises it too.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Generator
from typing import Any, TypeVar

from typing_extensions import Concatenate, ParamSpec

from typed_openai._core import AsyncAPIResource

__all__ = ["Steps", "run", "run_async", "sync_or_async"]

_T = TypeVar("_T")
_R = TypeVar("_R")
_P = ParamSpec("_P")

# What a body yields is a call's result (sync) or an awaitable of it (async); what it is sent
# back is that result.
Steps = Generator[object, Any, _T]


def run(steps: Steps[_T]) -> _T:
    result: Any = None
    while True:
        try:
            result = steps.send(result)
        except StopIteration as done:
            return done.value


async def run_async(steps: Steps[_T]) -> _T:
    send: Callable[[Any], object] = steps.send
    result: Any = None
    while True:
        try:
            step = send(result)
        except StopIteration as done:
            return done.value
        send, result = steps.send, step
        if inspect.isawaitable(step):
            try:
                result = await step
            except BaseException as error:  # cancellation too: the body sees it where it waits
                send, result = steps.throw, error


def sync_or_async(
    body: Callable[Concatenate[_R, _P], Steps[Any]],
) -> Callable[Concatenate[_R, _P], Any]:
    """The helper function of ``body`` (spec/config.yml ``impl:``): on a sync resource it returns
    the result, on an async one an awaitable of it (the async method awaits it)."""

    @functools.wraps(body)
    def helper(resource: _R, /, *args: _P.args, **kwargs: _P.kwargs) -> Any:
        steps = body(resource, *args, **kwargs)
        return run_async(steps) if isinstance(resource, AsyncAPIResource) else run(steps)

    return helper
