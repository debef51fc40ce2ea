"""The benchmark suite can't rot: every row runs at a tiny size, and its parts behave.

Rows whose feature our client lacks report "n/a (feature missing)" and a row without its external
tool reports "skipped"; neither fails here. A row that *errors* does.
"""

from __future__ import annotations

import json
import subprocess
import sys
import weakref
from pathlib import Path

import httpx
import pytest

from benchmarks import _payloads as payloads
from benchmarks.__main__ import ROWS
from benchmarks._harness import (
    Check,
    Contender,
    GrowthPairs,
    RowResult,
    Timing,
    interleave,
    timed_run,
)
from benchmarks._server import BenchServer

REPO_ROOT = Path(__file__).resolve().parents[2]
SMALL_SPEC = REPO_ROOT / "tests" / "codegen" / "specs" / "petstore.yml"


def test_every_row_runs_at_tiny_size(tmp_path: Path) -> None:
    results_file = tmp_path / "results.json"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "--tiny",
            "--codegen-spec",
            str(SMALL_SPEC),
            "--json",
            str(results_file),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    assert "ratio of medians" in completed.stdout or "n/a" in completed.stdout
    report = json.loads(results_file.read_text())
    assert [row["name"] for row in report["rows"]] == [name for name, _, _ in ROWS]
    for row in report["rows"]:
        assert row["status"] == "ok" or row["status"].startswith(("n/a", "skipped")), row
        if row["status"] == "ok":
            assert row["measurements"], row
            for m in row["measurements"]:
                assert m["min"] <= m["median"] <= m["max"]


def test_server_serves_registered_bytes_on_one_keep_alive_connection() -> None:
    with BenchServer() as server:
        url = server.register("thing", b'{"ok": true}')
        with httpx.Client(base_url=url) as client:
            first = client.post("/a/b", json={"x": 1})
            second = client.get("/c")
            missing = client.get(server.url + "/other/c")
        assert first.json() == {"ok": True} and second.content == b'{"ok": true}'
        assert first.headers["content-type"] == "application/json"
        assert missing.status_code == 404
        # keep-alive: httpx reused the connection, so the server saw one peer port
        assert first.extensions["network_stream"] is second.extensions["network_stream"]


def test_chat_stream_payload_has_exact_chunk_count_and_spells_a_plan() -> None:
    body = payloads.chat_stream_body(50).decode()
    events = [e for e in body.split("\n\n") if e]
    assert events[-1] == "data: [DONE]"
    chunks = [json.loads(e.removeprefix("data: ")) for e in events[:-1]]
    assert len(chunks) == 50 + 2  # role chunk + 50 content chunks + finish chunk
    content = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks)
    assert payloads.Plan.model_validate_json(content).steps


def test_assistants_payload_counts_deltas_and_ends_with_done() -> None:
    body = payloads.assistants_stream_body(7).decode()
    assert body.count("event: thread.message.delta\n") == 7
    assert body.endswith("event: done\ndata: [DONE]\n\n")


def test_long_conversation_has_requested_length_and_mixed_parts() -> None:
    messages = payloads.long_conversation(200)
    assert len(messages) == 200
    roles = {m["role"] for m in messages}
    assert roles == {"system", "user", "assistant", "tool"}
    assert any("tool_calls" in m for m in messages)
    assert any(isinstance(m.get("content"), list) for m in messages)


def test_interleave_rotates_order_and_honours_fewer_reps() -> None:
    order: list[str] = []

    def runner(name: str) -> Contender:
        return Contender(name, lambda: order.append(name) or 1.0)

    slow = Contender("c", lambda: order.append("c") or 2.0, reps=1)
    measured = interleave([runner("a"), runner("b"), slow], 3, "s")
    assert order == ["a", "b", "c", "b", "a", "a", "b"]
    assert [len(m.samples) for m in measured] == [3, 3, 1]


def test_interleave_gives_a_cheap_contender_extra_rounds() -> None:
    measured = interleave(
        [Contender("a", lambda: 1.0), Contender("b", lambda: 2.0, reps=4)], 2, "s"
    )
    assert [len(m.samples) for m in measured] == [2, 4]


def test_growth_pairs_alternate_the_order_and_take_the_median_paired_ratio() -> None:
    order: list[str] = []
    small_times = iter([1.0, 2.0, 1.0, 4.0, 1.0])  # a slow spell hits pairs 2 and 4 whole
    large_times = iter([2.0, 4.2, 2.2, 8.0, 9.0])  # ...and pair 5's large run alone

    def small() -> Timing:
        order.append("s")
        return Timing(next(small_times), 0.5)

    def large() -> Timing:
        order.append("l")
        return Timing(next(large_times), 1.0)

    growth = GrowthPairs("ours 1", small, "ours 2", large)
    measured = interleave([growth.contender(5), Contender("other", lambda: 0.0)], 1, "s")
    assert order == ["s", "l", "l", "s", "s", "l", "l", "s", "s", "l"]
    assert [len(m.samples) for m in measured] == [5, 1]
    # paired ratios 2.0, 2.1, 2.2, 2.0, 9.0: the median is 2.1, where the ratio of the two
    # sizes' medians (4.2 / 1.0) would blame the slow spell on the code
    assert growth.ratio() == pytest.approx(2.1)
    assert growth.ratio("cpu") == pytest.approx(2.0)
    small_m, large_m = growth.measurements("s")
    assert (small_m.contender, small_m.samples) == ("ours 1", [1.0, 2.0, 1.0, 4.0, 1.0])
    assert (large_m.contender, large_m.samples) == ("ours 2", [2.0, 4.2, 2.2, 8.0, 9.0])


def test_growth_check_judges_paired_cpu_time_and_notes_the_wall_clock() -> None:
    from benchmarks.rows_stream import _growth_check  # pyright: ignore[reportPrivateUsage]

    timings = iter([Timing(1.0, 0.5), Timing(3.0, 1.0), Timing(3.0, 1.05), Timing(1.0, 0.5)])
    growth = GrowthPairs("ours 1", lambda: next(timings), "ours 2", lambda: next(timings))
    growth.run_pair(), growth.run_pair()  # small, large; then large, small
    row = RowResult("r", "r")
    row.measurements = growth.measurements("s")
    _growth_check(row, growth)
    (check,) = row.checks
    assert (check.what, check.bound) == ("ours 2 / ours 1", 2.2)
    assert check.value == pytest.approx(2.05)  # CPU: 1.0/0.5 and 1.05/0.5
    assert check.passed
    assert "wall-clock paired 3.00" in check.note  # wall: 3.0/1.0 twice


def test_growth_pairs_without_pairs_have_no_ratio() -> None:
    growth = GrowthPairs("a", lambda: Timing(1.0, 1.0), "b", lambda: Timing(2.0, 2.0))
    assert growth.ratio() is None


def test_timed_run_starts_from_a_collected_heap() -> None:
    class Node:
        other: object = None

    cycle = Node()
    cycle.other = cycle
    alive = weakref.ref(cycle)
    del cycle  # garbage only the cycle collector frees
    seen: list[bool] = []
    timing = timed_run(lambda: seen.append(alive() is None))
    assert seen == [True]
    assert timing.wall >= 0 and timing.cpu >= 0


def test_min_ratio_uses_fastest_repetitions() -> None:
    row = RowResult("r", "r")
    row.measurements = interleave(
        [
            Contender("a", iter([3.0, 9.0, 2.0]).__next__),
            Contender("b", iter([4.0, 1.0, 4.0]).__next__),
        ],
        3,
        "s",
    )
    assert row.min_ratio("a", "b") == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("op", "value", "passed"),
    [("<=", 0.5, True), ("<=", 1.5, False), (">=", 1.5, True), (">=", None, None)],
)
def test_check_verdicts(op: str, value: float | None, passed: bool | None) -> None:
    assert Check("x", op, 1.0, value).passed is passed  # type: ignore[arg-type]


def test_ratio_is_of_medians() -> None:
    row = RowResult("r", "r")
    row.measurements = interleave(
        [
            Contender("a", iter([1.0, 9.0, 2.0]).__next__),
            Contender("b", iter([4.0, 4.0, 4.0]).__next__),
        ],
        3,
        "s",
    )
    assert row.ratio("a", "b") == pytest.approx(0.5)


def test_codegen_row_reads_our_phase_times_from_the_cli(tmp_path: Path) -> None:
    from benchmarks.rows_codegen import _phase_note, _phases  # pyright: ignore[reportPrivateUsage]

    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "codegen",
            "--spec",
            str(SMALL_SPEC),
            "--package",
            "timed",
            "--out",
            str(tmp_path),
            "-q",
            "--timings",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    phases = _phases(completed.stderr)
    assert list(phases) == ["load", "build", "render", "stage", "format", "read", "write"]
    assert all(seconds >= 0 for seconds in phases.values())
    runs = [(7.5, {"load": 1.0, "build": 5.0}), (3.75, {"load": 2.0, "build": 1.0})]
    note = _phase_note(runs)  # medians of two: the mean; start+exit = wall - phases
    assert note == "ours by phase (median s): load 1.50, build 3.00, start+exit 1.12"
