"""What every row receives: the server, the sizes of this run, the repetition count."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ._server import BenchServer


@dataclass(frozen=True)
class Sizes:
    """Workload sizes; ``Sizes()`` is the issue's full run, ``Sizes.tiny()`` the smoke test."""

    reps: int = 5
    # ours in the stream rows: pairs of runs at N and 2N (~1 s a pair); the growth figure is the
    # median of the pairs' ratios, whose spread on a shared machine wants more than 9 of them
    growth_pairs: int = 15
    growth_budget_s: float = 12.0  # short streams get more pairs, up to this much time in pairs...
    growth_max_pairs: int = 45  # ...and this many
    import_reps: int = 7
    import_warmup: bool = True  # one untimed child each first (bytecode caches, page cache)
    construct_ours: int = 1000
    construct_official: int = 50  # ~19 ms each there: 1,000 x 5 reps would take 95 s
    request_calls: int = 2000
    long_messages: int = 200
    long_builds_ours: int = 20
    long_builds_official: int = 10
    async_calls: int = 5000
    async_reps: int = 3  # 5,000 calls take 10-25 s per contender here
    async_concurrency: int = 64
    files: int = 10_000
    files_calls: int = 3
    chat_chunks: int = 20_000
    official_stream_reps: int = 3  # ~14 s per 20k-chunk official run
    official_stream_budget_s: float = 60.0
    assistant_deltas: int = 20_000
    response_events: int = 20_000
    codegen_reps: int = 3
    memory_reps: int = 3
    memory_stream_chunks: int = 20_000

    @classmethod
    def tiny(cls) -> Sizes:
        return cls(
            reps=1,
            growth_pairs=1,
            growth_budget_s=0.0,
            import_reps=1,
            import_warmup=False,
            construct_ours=3,
            construct_official=2,
            request_calls=3,
            long_messages=8,
            long_builds_ours=1,
            long_builds_official=1,
            async_calls=8,
            async_reps=1,
            async_concurrency=4,
            files=5,
            files_calls=1,
            chat_chunks=20,
            official_stream_reps=1,
            official_stream_budget_s=5.0,
            assistant_deltas=20,
            response_events=20,
            codegen_reps=1,
            memory_reps=1,
            memory_stream_chunks=20,
        )


@dataclass
class Context:
    server: BenchServer
    sizes: Sizes
    codegen_spec: Path | None  # None: the upstream spec is absent, the codegen row is skipped
    scratch: Path  # a temporary directory for generated code and child scripts
    log: list[str] = field(default_factory=list)

    def say(self, message: str) -> None:
        print(f"  {message}", flush=True)
