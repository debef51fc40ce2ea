"""Deterministic "model" text: token splitting, token counts and replies derived from prompts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# A token is a run of word characters or one other character, with the whitespace before it.
# Concatenating the tokens gives back the text exactly, which keeps streamed pieces honest.
_TOKEN = re.compile(r"\s*(?:\w+|[^\w\s])|\s+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def count_tokens(text: str) -> int:
    return len(tokens(text))


def message_text(content: Any) -> str:
    """The text of a chat or thread message ``content`` (a string or a list of parts)."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts: list[str] = []
        for part in content:
            if isinstance(part, dict):
                if isinstance(part.get("text"), str):
                    parts.append(part["text"])
                elif isinstance(part.get("text"), dict):
                    parts.append(str(part["text"].get("value", "")))
                elif isinstance(part.get("refusal"), str):
                    parts.append(part["refusal"])
        return " ".join(parts)
    return str(content)


def prompt_tokens(texts: Iterable[str]) -> int:
    # A few tokens of framing per message, as the real service counts them.
    return sum(count_tokens(text) + 4 for text in texts) + 3


def reply_to(prompt: str) -> str:
    """The assistant's answer to ``prompt``: short, deterministic, and visibly about the prompt."""
    prompt = " ".join(prompt.split())
    if not prompt:
        return "Hello! How can I help you today?"
    words = prompt.split(" ")
    topic = " ".join(words[:12]) + (" …" if len(words) > 12 else "")
    return (
        f'You asked: "{topic}". This reply comes from the local test server, '
        f"which answers every prompt deterministically ({_count(len(words), 'word')} received)."
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
