"""Streaming rows: structured-output chat stream and the Assistants event handler."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from . import _payloads as payloads
from ._contenders import official_module, ours_event_handler_base, require, sync_client
from ._context import Context
from ._harness import (
    Contender,
    GrowthPairs,
    Measurement,
    RowResult,
    Timing,
    interleave,
    timed_run,
)


def consume_chat_stream(client: Any, stream_method: Any) -> None:
    """Drive one ``.stream(response_format=Plan)`` to the end, as a user would."""
    with stream_method(
        model=payloads.MODEL, messages=payloads.SHORT_MESSAGES, response_format=payloads.Plan
    ) as stream:
        for _event in stream:
            pass
        completion = stream.get_final_completion()
    parsed = completion.choices[0].message.parsed
    assert isinstance(parsed, payloads.Plan), type(parsed)


def _official_size(
    ctx: Context, measure: Any, target: int, row: RowResult, what: str
) -> tuple[int, float]:
    """Chunk count for the official contender: ``target`` unless the growth measured between
    ``target/10`` and ``target/5`` says it would take longer than the budget. Returns (count,
    scale): scale converts a time at ``count`` into the extrapolated time at ``target``."""
    first = max(1, target // 10)
    second = max(first + 1, target // 5)
    t_first, t_second = measure(first), measure(second)
    exponent = math.log(max(t_second, 1e-9) / max(t_first, 1e-9)) / math.log(second / first)
    exponent = min(2.0, max(1.0, exponent))
    predicted = t_second * (target / second) ** exponent
    row.notes.append(
        f"official {what}: {first} chunks {t_first:.2f} s, {second} chunks {t_second:.2f} s "
        f"(growth exponent {exponent:.2f}); {target} predicted ~{predicted:.0f} s"
    )
    budget = ctx.sizes.official_stream_budget_s
    if predicted <= budget:
        return target, 1.0
    # Too slow: run a quarter of the budget per repetition, extrapolate quadratically (the
    # issue's rule; the official helper re-parses the whole accumulated content per chunk).
    count = min(target, max(second, int(second * (budget / 4 / t_second) ** (1 / exponent))))
    scale = (target / count) ** 2
    row.notes.append(
        f"official {what}: > {budget:.0f} s budget, measured at {count} chunks and extrapolated "
        f"quadratically (x{scale:.1f})"
    )
    return count, scale


def chat_stream(ctx: Context, row: RowResult) -> None:
    small = ctx.sizes.chat_chunks
    large = 2 * small
    urls: dict[int, str] = {}

    def url(count: int) -> str:
        if count not in urls:
            urls[count] = ctx.server.register(
                f"chat{count}", payloads.chat_stream_body(count), "text/event-stream"
            )
        return urls[count]

    def run(which: str, count: int) -> Timing:
        client = sync_client(which, url(count))
        try:
            method = require(client, "chat.completions.stream")
            return timed_run(lambda: consume_chat_stream(client, method))
        finally:
            client.close()

    run("ours", 5)  # feature check and warm-up before any long official run
    run("official", 5)
    official_count, scale = _official_size(
        ctx, lambda n: run("official", n).wall, small, row, "stream"
    )
    growth = _measure_growth(
        ctx,
        row,
        run,
        small,
        Contender(
            f"official {small}",
            lambda: run("official", official_count).wall * scale,
            reps=ctx.sizes.official_stream_reps,
        ),
    )
    if scale != 1.0:
        row.measurements[2].note = f"extrapolated from {official_count} chunks"
    row.notes.append(
        f"{small}/{large} content chunks of ~4 chars spelling one Plan JSON document; "
        "events iterated, then get_final_completion()"
    )
    row.check_ratio(f"ours / official @{small}", "<=", 0.1, f"ours {small}", f"official {small}")
    _growth_check(row, growth)


def consume_responses_stream(client: Any, stream_method: Any) -> None:
    """Drive one ``responses.stream(text_format=Plan)`` to the end, as a user would."""
    with stream_method(model=payloads.MODEL, input="Plan it.", text_format=payloads.Plan) as stream:
        for _event in stream:
            pass
        response = stream.get_final_response()
    parsed = response.output_parsed
    assert isinstance(parsed, payloads.Plan), type(parsed)


def responses_stream(ctx: Context, row: RowResult) -> None:
    small = ctx.sizes.response_events
    large = 2 * small
    urls = {
        count: ctx.server.register(
            f"resp{count}", payloads.responses_stream_body(count), "text/event-stream"
        )
        for count in (small, large)
    }

    def run(which: str, count: int) -> Timing:
        client = sync_client(which, urls[count])
        try:
            method = require(client, "responses.stream")
            return timed_run(lambda: consume_responses_stream(client, method))
        finally:
            client.close()

    run("official", small)  # feature check and warm-up
    growth = _measure_growth(
        ctx,
        row,
        run,
        small,
        Contender(
            f"official {small}",
            lambda: run("official", small).wall,
            reps=ctx.sizes.official_stream_reps,
        ),
    )
    row.notes.append(
        f"{small}/{large} events in all, output_text deltas of ~4 chars spelling one Plan JSON "
        "document (text_format=Plan); events iterated, then get_final_response()"
    )
    row.check_ratio(f"ours / official @{small}", "<=", 0.1, f"ours {small}", f"official {small}")
    _growth_check(row, growth)


def _measure_growth(
    ctx: Context,
    row: RowResult,
    run: Callable[[str, int], Timing],
    small: int,
    official: Contender,
) -> GrowthPairs:
    """Ours at ``small`` and ``2 * small`` events in pairs (see ``GrowthPairs``), interleaved with
    the official contender's runs; sets the row's measurements: ours at both sizes, official."""
    large = 2 * small
    # Warm-up at both sizes: the first run of a size grows the heap (fresh pages, first touch),
    # which later runs of that size reuse; it must not count for either size.
    warm_up = run("ours", small).wall + run("ours", large).wall
    # Short streams get more pairs: a scheduling hiccup of a few ms is a larger share of a 0.1 s
    # run than of a 1 s one, and more pairs narrow the median in proportion to their root.
    sizes = ctx.sizes
    pairs = max(
        sizes.growth_pairs, min(sizes.growth_max_pairs, int(sizes.growth_budget_s / warm_up))
    )
    growth = GrowthPairs(
        f"ours {small}", lambda: run("ours", small), f"ours {large}", lambda: run("ours", large)
    )
    measured = interleave([growth.contender(pairs), official], sizes.reps, "s/stream")
    row.measurements = [*growth.measurements("s/stream"), measured[1]]
    return growth


def _growth_check(row: RowResult, growth: GrowthPairs) -> None:
    """Linear growth: our client's time at twice the events over its time at the base size,
    <= 2.2; the time is the process's CPU time (user + system), paired.

    Why the figure is sound on a shared 2-core machine: the work itself is linear (callgrind:
    in each of the three stream rows, a process building and consuming a stream executes no
    more instructions going from 21k to 41k events than from 1k to 21k), so what pushes the
    ratio past ~2 is noise, and each source of it is controlled here rather than allowed for by
    a looser bound:

    - the question is whether *our client's work* grows linearly, and that work is the client
      process's CPU time (its system calls included). Wall-clock time adds the time the other
      programs on the machine held the core, which is not a property of the code: at a load
      average of 11 on 2 cores, paired wall-clock ratios ranged 1.0-4.8 while the paired CPU
      ratios' medians stayed 1.98-1.99 (assistants, chat). The server is not the code under test
      (pre-built bytes), so its side of the time is rightly left out;
    - both sizes run back to back in each pair (order alternating) and the figure is the median
      of the per-pair ratios, so a burst that slows the machine hits both halves of a pair
      instead of one size's median;
    - every run starts from a collected heap (``timed_run``), so a collection owed by an earlier
      run (the official SDK's garbage, say) is never billed to one size, and each size is warmed
      up once before timing.

    The target is unchanged, and the wall-clock figures stay in view: the table shows each
    size's wall-clock times and the note gives the paired wall-clock ratio and the ratio of the
    two sizes' wall-clock medians, so a run where the machine, not the code, moved the wall
    clock can be told from one where the code did.
    """
    top, bottom = growth.large, growth.small
    notes = [f"median of {len(growth.pairs)} paired CPU-time ratios"]
    wall = growth.ratio("wall")
    if wall is not None:
        notes.append(f"wall-clock paired {wall:.2f}")
    of_medians = row.ratio(top, bottom)
    if of_medians is not None:
        notes.append(f"ratio of wall medians {of_medians:.2f}")
    row.check(f"{top} / {bottom}", "<=", 2.2, growth.ratio("cpu"), note="; ".join(notes))


def _handler_class(which: str) -> type:
    base = ours_event_handler_base() if which == "ours" else official_module().AssistantEventHandler

    def on_text_delta(self: Any, delta: object, snapshot: object) -> None:
        self.bench_text_deltas = getattr(self, "bench_text_deltas", 0) + 1

    # What a user writes: count the text deltas; everything else is the SDK's own accumulation.
    return type("BenchHandler", (base,), {"on_text_delta": on_text_delta})


def assistants_stream(ctx: Context, row: RowResult) -> None:
    small = ctx.sizes.assistant_deltas
    large = 2 * small
    urls = {
        count: ctx.server.register(
            f"asst{count}", payloads.assistants_stream_body(count), "text/event-stream"
        )
        for count in (small, large)
    }
    handlers = {"ours": _handler_class("ours"), "official": _handler_class("official")}

    def run(which: str, count: int) -> Timing:
        client = sync_client(which, urls[count])
        try:
            method = require(client, "beta.threads.runs.stream")
            handler = handlers[which]()

            def consume() -> None:
                with method(
                    thread_id=payloads.THREAD_ID,
                    assistant_id=payloads.ASSISTANT_ID,
                    event_handler=handler,
                ) as stream:
                    stream.until_done()
                assert handler.current_run is not None
                assert handler.bench_text_deltas == count, (handler.bench_text_deltas, count)

            return timed_run(consume)
        finally:
            client.close()

    run("official", small)  # warm-up
    growth = _measure_growth(
        ctx, row, run, small, Contender(f"official {small}", lambda: run("official", small).wall)
    )
    row.notes.append(
        "thread.message.delta events of one text part; the handler counts on_text_delta calls"
    )
    row.check_ratio(f"ours / official @{small}", "<=", 0.7, f"ours {small}", f"official {small}")
    _growth_check(row, growth)


__all__ = [
    "Measurement",
    "assistants_stream",
    "chat_stream",
    "consume_chat_stream",
    "consume_responses_stream",
    "responses_stream",
]
