"""Sweep M's differences from openai 3.57 that stay, each pinned on both sides as deliberate.

- The async ``chat.completions.create`` / ``completions.create`` are coroutine functions here;
  the SDK's are plain functions (the wrapper that checks its overloads' required arguments)
  returning a coroutine, with the coroutine function under ``__wrapped__``. Code that branches on
  ``inspect.iscoroutinefunction(client.chat.completions.create)`` gets the truthful answer here;
  the frameworks that patch the method (instructor's ``is_async``) also follow ``__wrapped__``,
  and so reach ``True`` with either package (tests/drop_in/test_real_world_m_patching.py). The
  other async methods (``responses.create``, ``embeddings.create``) are coroutine functions in both.
"""

from __future__ import annotations

import inspect

import typed_openai

from .conftest import official


def test_async_chat_create_is_a_coroutine_function_here_a_wrapper_in_the_sdk() -> None:
    ours = typed_openai.AsyncOpenAI(api_key="sk-x")
    theirs = official().AsyncOpenAI(api_key="sk-x")
    for method in ("chat.completions.create", "completions.create"):
        ours_method, their_method = ours, theirs
        for part in method.split("."):
            ours_method, their_method = getattr(ours_method, part), getattr(their_method, part)
        assert inspect.iscoroutinefunction(ours_method)
        assert not hasattr(ours_method, "__wrapped__")
        assert not inspect.iscoroutinefunction(their_method)
        assert inspect.iscoroutinefunction(their_method.__wrapped__)
    assert inspect.iscoroutinefunction(ours.responses.create)
    assert inspect.iscoroutinefunction(theirs.responses.create)
