"""Rows measured in fresh interpreters: cold import and peak memory."""

from __future__ import annotations

import statistics

from . import _payloads as payloads
from ._contenders import ours_module, require
from ._context import Context
from ._harness import Contender, Measurement, RowResult, interleave, run_child

_IMPORTS = {
    "ours": (
        "import typed_openai\n"
        "c = typed_openai.OpenAI(api_key='k')\n"
        "c.chat.completions.create\n"
        "c.beta.threads.runs.create\n"
    ),
    "official": (
        "import openai\n"
        "c = openai.OpenAI(api_key='k')\n"
        "c.chat.completions.create\n"
        "c.beta.threads.runs.create\n"
    ),
    "floor": "import httpx, pydantic, jiter\n",
}

# Time only the statements (interpreter start-up is the same for all and would dilute ratios), in
# the child's CPU time and wall-clock.
_TIMED_IMPORT = """\
import sys, time
_before = len(sys.modules)
_start, _cpu = time.perf_counter(), time.process_time()
exec(compile({code!r}, "<bench>", "exec"))
_seconds, _cpu = time.perf_counter() - _start, time.process_time() - _cpu
import json
print(json.dumps({{"seconds": _seconds, "cpu": _cpu, "modules": len(sys.modules) - _before}}))
"""


def _check_ours_client() -> None:
    client = ours_module().OpenAI(api_key="k")
    require(client, "chat.completions.create")
    require(client, "beta.threads.runs.create")
    client.close()


def cold_import(ctx: Context, row: RowResult) -> None:
    _check_ours_client()
    modules: dict[str, object] = {}
    wall: dict[str, list[float]] = {which: [] for which in _IMPORTS}

    def run(which: str) -> float:
        result = run_child(_TIMED_IMPORT.format(code=_IMPORTS[which]))
        modules[which] = result["modules"]
        wall[which].append(float(result["seconds"]) * 1e3)  # type: ignore[arg-type]
        return float(result["cpu"]) * 1e3  # type: ignore[arg-type]

    for which in _IMPORTS if ctx.sizes.import_warmup else ():
        run(which)  # warm-up: bytecode caches written, files in the page cache
        wall[which].clear()
    row.measurements = interleave(
        [Contender(which, lambda which=which: run(which)) for which in _IMPORTS],
        ctx.sizes.import_reps,
        "ms CPU",
    )
    for m in row.measurements:
        m.note = f"{modules[m.contender]} modules"
    median = {which: statistics.median(values) for which, values in wall.items()}
    row.notes.append(
        "CPU time of the statements in a fresh interpreter (start-up excluded; an import is CPU "
        "work from the page cache, and CPU time leaves out the time other programs held the "
        "core, which on a shared machine swung the wall-clock ratio by +-20%); modules newly "
        f"loaded. Wall-clock medians: ours {median['ours']:.0f} ms, official "
        f"{median['official']:.0f} ms, floor {median['floor']:.0f} ms (ours / floor "
        f"{median['ours'] / median['floor']:.3f})"
    )
    row.check_ratio("ours / official", "<=", 0.35, "ours", "official")
    row.check_ratio("ours / floor", "<=", 1.3, "ours", "floor")


# A fresh process's first answer: import, client, one `create`, timed in CPU time (the child's own
# work; the server is another process) and wall-clock. The split tells what the first call pays
# for what the import left for later (ours loads httpcore, pydantic and the answer's models then,
# the official SDK at import).
_FIRST_REQUEST = """\
import json, time
_wall, _cpu = time.perf_counter(), time.process_time()
import {module} as sdk
client = sdk.OpenAI(api_key="k", base_url={url!r})
_ready_wall, _ready_cpu = time.perf_counter(), time.process_time()
client.chat.completions.create(model="m", messages=[{{"role": "user", "content": "hi"}}])
_end_wall, _end_cpu = time.perf_counter(), time.process_time()
print(json.dumps({{
    "cpu": _end_cpu - _cpu, "wall": _end_wall - _wall,
    "call_cpu": _end_cpu - _ready_cpu, "call_wall": _end_wall - _ready_wall,
}}))
"""


def first_request(ctx: Context, row: RowResult) -> None:
    _check_ours_client()
    url = ctx.server.register("first", payloads.chat_completion_body())
    scripts = {
        name: _FIRST_REQUEST.format(module=module, url=url)
        for name, module in (("ours", "typed_openai"), ("official", "openai"))
    }
    extra: dict[str, list[float]] = {}

    def run(which: str) -> float:
        result = run_child(scripts[which])
        for key in ("wall", "call_cpu", "call_wall"):
            extra.setdefault(f"{which}: {key}", []).append(float(result[key]) * 1e3)  # type: ignore[arg-type]
        return float(result["cpu"]) * 1e3  # type: ignore[arg-type]

    for which in scripts if ctx.sizes.import_warmup else ():
        run(which)  # warm-up: bytecode caches written, files in the page cache
    extra.clear()
    row.measurements = interleave(
        [Contender(which, lambda which=which: run(which)) for which in scripts],
        ctx.sizes.import_reps,
        "ms CPU",
    )
    for which in scripts:
        row.measurements.append(
            Measurement(f"{which}: first call", "ms CPU", extra[f"{which}: call_cpu"])
        )
    row.notes.append(
        "CPU time of a fresh interpreter's import + client + first chat.completions.create (the "
        "client's own work, which other programs on a shared machine do not inflate); "
        "'first call' is the create alone"
    )
    wall = {key: statistics.median(values) for key, values in extra.items()}
    row.notes.append(
        f"wall-clock medians: ours {wall['ours: wall']:.0f} ms, official "
        f"{wall['official: wall']:.0f} ms (ratio {wall['ours: wall'] / wall['official: wall']:.3f});"
        f" first call alone: ours {wall['ours: call_wall']:.0f} ms, official "
        f"{wall['official: call_wall']:.0f} ms"
    )
    row.check_ratio("ours / official", "<=", 0.5, "ours", "official")


_MEMORY_PRELUDE = """\
import json
"""
# VmHWM (this address space's peak), not ru_maxrss: Linux carries ru_maxrss over exec, so a child
# of a big parent would report the parent's peak.
_MEMORY_REPORT = """
with open("/proc/self/status") as status:
    kib = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({"kib": kib}))
"""
_ONE_REQUEST = """\
import {module} as sdk
client = sdk.OpenAI(api_key="k", base_url={url!r})
client.chat.completions.create(model="m", messages=[{{"role": "user", "content": "hi"}}])
"""
_RAW_REQUEST = """\
import httpx, pydantic, jiter
with httpx.Client() as client:
    jiter.from_json(client.post({url!r} + "/chat/completions", json={{"model": "m"}}).content)
"""
_STREAM = """\
import {module} as sdk
client = sdk.OpenAI(api_key="k", base_url={url!r})
count = 0
for chunk in client.chat.completions.create(
    model="m", messages=[{{"role": "user", "content": "hi"}}], stream=True
):
    count += 1
assert count == {chunks} + 2, count
"""


def memory(ctx: Context, row: RowResult) -> None:
    _check_ours_client()
    chunks = ctx.sizes.memory_stream_chunks
    request_url = ctx.server.register("mem", payloads.chat_completion_body())
    stream_url = ctx.server.register(
        f"memstream{chunks}", payloads.chat_stream_body(chunks), "text/event-stream"
    )

    def peak(script: str) -> float:
        result = run_child(_MEMORY_PRELUDE + script + _MEMORY_REPORT)
        return float(result["kib"]) / 1024  # type: ignore[arg-type]

    scripts = {
        "request: ours": _ONE_REQUEST.format(module="typed_openai", url=request_url),
        "request: official": _ONE_REQUEST.format(module="openai", url=request_url),
        "request: floor": _RAW_REQUEST.format(url=request_url),
        "stream: ours": _STREAM.format(module="typed_openai", url=stream_url, chunks=chunks),
        "stream: official": _STREAM.format(module="openai", url=stream_url, chunks=chunks),
    }
    row.measurements = interleave(
        [Contender(name, lambda script=script: peak(script)) for name, script in scripts.items()],
        ctx.sizes.memory_reps,
        "MiB peak RSS",
    )
    row.notes.append(
        "request: import + client + one create; floor = httpx+pydantic+jiter + one raw post. "
        f"stream: create(stream=True) iterating {chunks} chunks (the raw stream: the official "
        "structured .stream() takes ~15 s per 20k run)"
    )
    row.check_ratio("request: ours / official", "<=", 1.0, "request: ours", "request: official")
    row.check_ratio("stream: ours / official", "<=", 1.0, "stream: ours", "stream: official")
