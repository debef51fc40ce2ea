"""What the pretend code interpreter "runs" for a prompt: real code and its real output.

Nothing is executed: the code is written for a problem we can solve ourselves (a linear equation
such as ``8x + 31 = 2``, else counting the words of the prompt), and the logs are our own answer,
so the code shown and the output printed always agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"\d+(?:\.\d+)?"
_LINEAR = re.compile(
    rf"(?P<a>[-+]?\s*(?:{_NUMBER})?)\s*\*?\s*(?<![a-z])(?P<var>[a-z])\b\s*"
    rf"(?P<b>[-+]\s*{_NUMBER})?\s*=\s*(?P<c>[-+]?\s*{_NUMBER})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CodeRun:
    code: str
    logs: str
    summary: str


def _number(text: str, default: float) -> float:
    cleaned = text.replace(" ", "")
    if cleaned in ("", "+"):
        return default
    if cleaned == "-":
        return -default
    return float(cleaned)


def _show(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(round(value, 10))


def plan_code(prompt: str) -> CodeRun:
    found = _LINEAR.search(prompt)
    if found is not None:
        a = _number(found["a"], 1.0)
        b = _number(found["b"] or "0", 0.0)
        c = _number(found["c"], 0.0)
        if a != 0:
            var = found["var"]
            result = (c - b) / a
            code = (
                f"# {found.group(0).strip()}\n"
                f"a, b, c = {_show(a)}, {_show(b)}, {_show(c)}\n"
                f"{var} = (c - b) / a\n"
                f"print({var})"
            )
            return CodeRun(
                code, f"{result!r}\n", f"Solving it in code gives {var} = {_show(result)}."
            )
    words = prompt.split()
    code = f"text = {prompt!r}\nprint(len(text.split()))"
    return CodeRun(
        code, f"{len(words)}\n", f"I ran code on your message: it has {len(words)} words."
    )
