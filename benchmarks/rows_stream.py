"""Streaming rows: structured-output chat stream and the Assistants event handler."""

from __future__ import annotations

import math
import time
from typing import Any

from . import _payloads as payloads
from ._contenders import official_module, ours_event_handler_base, require, sync_client
from ._context import Context
from ._harness import Contender, Measurement, RowResult, interleave


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


def _timed(run: Any) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


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

    def run(which: str, count: int) -> float:
        client = sync_client(which, url(count))
        try:
            method = require(client, "chat.completions.stream")
            return _timed(lambda: consume_chat_stream(client, method))
        finally:
            client.close()

    run("ours", 5)  # feature check and warm-up before any long official run
    run("official", 5)
    official_count, scale = _official_size(ctx, lambda n: run("official", n), small, row, "stream")
    reps = ctx.sizes.reps
    measured = interleave(
        [
            Contender(f"ours {small}", lambda: run("ours", small), reps=ctx.sizes.cheap_reps),
            Contender(f"ours {large}", lambda: run("ours", large), reps=ctx.sizes.cheap_reps),
            Contender(
                f"official {small}",
                lambda: run("official", official_count) * scale,
                reps=ctx.sizes.official_stream_reps,
            ),
        ],
        reps,
        "s/stream",
    )
    if scale != 1.0:
        measured[2].note = f"extrapolated from {official_count} chunks"
    row.measurements = measured
    row.notes.append(
        f"{small}/{large} content chunks of ~4 chars spelling one Plan JSON document; "
        "events iterated, then get_final_completion()"
    )
    row.check_ratio(f"ours / official @{small}", "<=", 0.1, f"ours {small}", f"official {small}")
    _growth_check(row, small, large)


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

    def run(which: str, count: int) -> float:
        client = sync_client(which, urls[count])
        try:
            method = require(client, "responses.stream")
            return _timed(lambda: consume_responses_stream(client, method))
        finally:
            client.close()

    for which in ("ours", "official"):
        run(which, small)  # feature check and warm-up
    row.measurements = interleave(
        [
            Contender(f"ours {small}", lambda: run("ours", small), reps=ctx.sizes.cheap_reps),
            Contender(f"ours {large}", lambda: run("ours", large), reps=ctx.sizes.cheap_reps),
            Contender(
                f"official {small}",
                lambda: run("official", small),
                reps=ctx.sizes.official_stream_reps,
            ),
        ],
        ctx.sizes.reps,
        "s/stream",
    )
    row.notes.append(
        f"{small}/{large} events in all, output_text deltas of ~4 chars spelling one Plan JSON "
        "document (text_format=Plan); events iterated, then get_final_response()"
    )
    row.check_ratio(f"ours / official @{small}", "<=", 0.1, f"ours {small}", f"official {small}")
    _growth_check(row, small, large)


def _growth_check(row: RowResult, small: int, large: int) -> None:
    """Linear growth: time at twice the events over time at the base size."""
    top, bottom = f"ours {large}", f"ours {small}"
    by_minimum = row.min_ratio(top, bottom)
    note = f"ratio of minimums {by_minimum:.2f}" if by_minimum is not None else ""
    row.check(f"{top} / {bottom}", "<=", 2.2, row.ratio(top, bottom), note=note)


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

    def run(which: str, count: int) -> float:
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

            return _timed(consume)
        finally:
            client.close()

    for which in handlers:
        run(which, small)  # warm-up
    row.measurements = interleave(
        [
            Contender(f"ours {small}", lambda: run("ours", small), reps=ctx.sizes.cheap_reps),
            Contender(f"ours {large}", lambda: run("ours", large), reps=ctx.sizes.cheap_reps),
            Contender(f"official {small}", lambda: run("official", small)),
        ],
        ctx.sizes.reps,
        "s/stream",
    )
    row.notes.append(
        "thread.message.delta events of one text part; the handler counts on_text_delta calls"
    )
    row.check_ratio(f"ours / official @{small}", "<=", 0.7, f"ours {small}", f"official {small}")
    _growth_check(row, small, large)


__all__ = [
    "Measurement",
    "assistants_stream",
    "chat_stream",
    "consume_chat_stream",
    "consume_responses_stream",
    "responses_stream",
]
