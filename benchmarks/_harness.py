"""Measurement plumbing shared by every row: interleaved repetitions, statistics, checks.

A row measures several *contenders* (ours, the official SDK, raw httpx, a floor). Repetitions are
interleaved (A B C, B C A, C A B, ...) so slow drifts of a noisy machine hit every contender alike,
and a figure is always the ratio of two medians taken in the same run.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal


class FeatureMissing(Exception):
    """Our client lacks what a contender needs; the row reports it instead of failing the run."""


@dataclass
class Contender:
    name: str
    run: Callable[[], float]  # one repetition -> the measured value (unit given by the row)
    reps: int | None = None  # fewer (slow contender) or more (cheap, noisy one); None = the row's


@dataclass
class Measurement:
    contender: str
    unit: str
    samples: list[float]
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def to_json(self) -> dict[str, object]:
        return {
            "contender": self.contender,
            "unit": self.unit,
            "samples": self.samples,
            "min": min(self.samples),
            "median": self.median,
            "max": max(self.samples),
            "note": self.note,
        }


@dataclass
class Check:
    """One target of the issue: ``value`` (a ratio) compared with ``bound``."""

    what: str
    op: Literal["<=", ">="]
    bound: float
    value: float | None
    note: str = ""

    @property
    def passed(self) -> bool | None:
        if self.value is None:
            return None
        return self.value <= self.bound if self.op == "<=" else self.value >= self.bound

    def to_json(self) -> dict[str, object]:
        return {
            "what": self.what,
            "target": f"{self.op} {self.bound}",
            "value": self.value,
            "passed": self.passed,
            "note": self.note,
        }


@dataclass
class RowResult:
    name: str
    title: str
    measurements: list[Measurement] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    status: str = "ok"  # "ok", "n/a (feature missing: ...)", "skipped: ...", "error: ..."
    seconds: float = 0.0

    def measurement(self, contender: str) -> Measurement | None:
        return next((m for m in self.measurements if m.contender == contender), None)

    def ratio(self, numerator: str, denominator: str) -> float | None:
        top, bottom = self.measurement(numerator), self.measurement(denominator)
        if top is None or bottom is None or bottom.median == 0:
            return None
        return top.median / bottom.median

    def check_ratio(
        self, what: str, op: Literal["<=", ">="], bound: float, numerator: str, denominator: str
    ) -> None:
        """A target on the ratio of medians; the note gives the ratio of the best repetitions
        (fastest times, or highest rates for ``>=`` targets), which a busy machine disturbs less."""
        best = self.best_ratio(numerator, denominator, higher_is_better=op == ">=")
        note = f"best-run ratio {best:.3f}" if best is not None else ""
        self.check(what, op, bound, self.ratio(numerator, denominator), note)

    def best_ratio(
        self, numerator: str, denominator: str, *, higher_is_better: bool
    ) -> float | None:
        top, bottom = self.measurement(numerator), self.measurement(denominator)
        if top is None or bottom is None:
            return None
        pick = max if higher_is_better else min
        return pick(top.samples) / pick(bottom.samples) if pick(bottom.samples) else None

    def min_ratio(self, numerator: str, denominator: str) -> float | None:
        """Ratio of the fastest repetitions: less sensitive to a busy machine than medians."""
        top, bottom = self.measurement(numerator), self.measurement(denominator)
        if top is None or bottom is None or min(bottom.samples) == 0:
            return None
        return min(top.samples) / min(bottom.samples)

    def check(
        self, what: str, op: Literal["<=", ">="], bound: float, value: float | None, note: str = ""
    ) -> None:
        self.checks.append(Check(what, op, bound, value, note))

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "title": self.title,
            "status": self.status,
            "seconds": self.seconds,
            "measurements": [m.to_json() for m in self.measurements],
            "checks": [c.to_json() for c in self.checks],
            "notes": self.notes,
        }


def interleave(contenders: Sequence[Contender], reps: int, unit: str) -> list[Measurement]:
    """Run every contender ``reps`` times, rotating the order each round."""
    samples: dict[str, list[float]] = {c.name: [] for c in contenders}
    count = len(contenders)
    rounds = max(c.reps if c.reps is not None else reps for c in contenders)
    for rep in range(rounds):
        shift = rep % count
        for contender in [*contenders[shift:], *contenders[:shift]]:
            wanted = contender.reps if contender.reps is not None else reps
            if len(samples[contender.name]) < wanted:
                samples[contender.name].append(contender.run())
    return [Measurement(c.name, unit, samples[c.name]) for c in contenders]


@dataclass(frozen=True)
class Timing:
    """One timed run: wall-clock seconds and this process's CPU seconds over the same span."""

    wall: float
    cpu: float


def timed_run(run: Callable[[], object]) -> Timing:
    """Time ``run()`` after a full collection, so every run starts from the same heap state: no run
    pays for garbage, or inherits collection counters, that an earlier run (another size, another
    contender) left behind. The collector stays on during the run, whose own garbage counts."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu)


class GrowthPairs:
    """How a cost grows from a base size to twice it, measured in *pairs*.

    Each round runs the base size and the double size back to back (the order alternating from
    round to round, so neither size always runs first) and records their ratio. Both halves of a
    pair see nearly the same machine: a load burst of the other programs on a shared machine,
    which lasts seconds, tends to hit both halves, and the pair's ratio cancels it, where a ratio
    of two medians of separately scattered runs does not. The growth figure is the median of the
    per-pair ratios; the wall-clock medians per size are kept as measurements as before.
    """

    def __init__(
        self,
        small: str,
        run_small: Callable[[], Timing],
        large: str,
        run_large: Callable[[], Timing],
    ) -> None:
        self.small, self.large = small, large
        self._run_small, self._run_large = run_small, run_large
        self.pairs: list[tuple[Timing, Timing]] = []

    def run_pair(self) -> float:
        """One round: both sizes, back to back; returns the pair's wall-clock ratio."""
        if len(self.pairs) % 2 == 0:
            small = self._run_small()
            large = self._run_large()
        else:
            large = self._run_large()
            small = self._run_small()
        self.pairs.append((small, large))
        return large.wall / small.wall

    def contender(self, reps: int | None) -> Contender:
        return Contender(f"{self.small} + {self.large}", self.run_pair, reps=reps)

    def measurements(self, unit: str) -> list[Measurement]:
        return [
            Measurement(self.small, unit, [small.wall for small, _ in self.pairs]),
            Measurement(self.large, unit, [large.wall for _, large in self.pairs]),
        ]

    def ratio(self, clock: Literal["wall", "cpu"] = "wall") -> float | None:
        """Median over the pairs of (time at twice the size) / (time at the base size)."""
        ratios = [
            getattr(large, clock) / getattr(small, clock)
            for small, large in self.pairs
            if getattr(small, clock) > 0
        ]
        return statistics.median(ratios) if ratios else None


def clean_env() -> dict[str, str]:
    """The environment for child interpreters: no API settings of the user leak into a run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_child(code: str, *, timeout: float = 300) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; it must print one JSON object as its last line."""
    completed = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=clean_env(),
        cwd=os.getcwd(),
    )
    if completed.returncode != 0:
        output = completed.stderr.strip()
        print(output[-3000:], file=sys.stderr)
        last_line = output.splitlines()[-1] if output else "no output"
        raise RuntimeError(f"child failed ({completed.returncode}): {last_line}")
    return json.loads(completed.stdout.strip().splitlines()[-1])
