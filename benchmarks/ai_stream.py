"""AI streaming benchmark: prints numbers, asserts nothing.

1. Per-chunk overhead of the client + router: the same OpenAI-style stream of N small
   chunks read (a) as raw bytes with httpx and (b) through Router.stream → TextChunk;
   overhead = (b - a) / N.                                             target ≤ 0.2 ms/chunk
2. Chunk arrival → hand-off: a server thread sends chunks 2 ms apart stamped with
   perf_counter_ns; the consumer measures when each reaches it (raw httpx vs router).
   The difference of the medians is what the client+router add.        target ≤ 1 ms
3. Offline evaluation of a 10-question interview, plus its summary.     target ≤ 1 s

Run: .venv/bin/python benchmarks/ai_stream.py [--chunks 20000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from interviewai_tui.ai.base import Message, TextChunk
from interviewai_tui.ai.offline import evaluate_offline
from interviewai_tui.ai.offline_coach import OfflineCoach
from interviewai_tui.ai.offline_summary import summarize_offline
from interviewai_tui.ai.openai_compat import OpenAICompatProvider
from interviewai_tui.ai.router import Router
from interviewai_tui.ai.transport import HttpPool, Timeouts


def event(content: str) -> bytes:
    choice = {"index": 0, "delta": {"content": content}, "finish_reason": None}
    chunk = {
        "id": "b",
        "object": "chat.completion.chunk",
        "model": "gpt-4o-mini",
        "choices": [choice],
    }
    return b"data: " + json.dumps(chunk, separators=(",", ":")).encode() + b"\n\n"


TAIL = (
    b'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n'
    b'data: {"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":5}}\n\n'
    b"data: [DONE]\n\n"
)


class Server:
    """A loopback HTTP server in its own thread and event loop (so the client loop is alone)."""

    def __init__(self, bulk_chunks: int, paced_chunks: int, pace: float) -> None:
        self.bulk = b"".join(event(f"tok{i} ") for i in range(bulk_chunks)) + TAIL
        self.paced_chunks = paced_chunks
        self.pace = pace
        self.port = 0
        self._ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._run, daemon=True).start()
        self._ready.wait()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        length = next(
            (int(line.split(b":")[1]) for line in head.split(b"\r\n")
             if line.lower().startswith(b"content-length")), 0,
        )  # fmt: skip
        await reader.readexactly(length)
        paced = b"GET /paced" in head or b"/paced/" in head
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n"
        )
        if not paced:
            for i in range(0, len(self.bulk), 65536):
                writer.write(self.bulk[i : i + 65536])
                await writer.drain()
        else:
            for _ in range(self.paced_chunks):
                await asyncio.sleep(self.pace)
                writer.write(event(str(time.perf_counter_ns())))
                await writer.drain()
            writer.write(TAIL)
        await writer.drain()
        writer.close()


def router_for(url: str, pool: HttpPool) -> Router:
    provider = OpenAICompatProvider(
        name="openai", base_url=url, model="gpt-4o-mini", pool=pool, api_key="sk-bench",
        timeouts=Timeouts(connect=5, idle=30, no_content=60),
    )  # fmt: skip
    return Router({"openai": provider}, offline=OfflineCoach(), default="openai")


async def raw_read(pool: HttpPool, url: str) -> float:
    start = time.perf_counter()
    async with pool.client().stream("POST", url, json={"stream": True}) as response:
        async for _ in response.aiter_bytes():
            pass
    return time.perf_counter() - start


async def routed_read(router: Router) -> tuple[float, int]:
    start = time.perf_counter()
    count = 0
    async for chunk in router.stream([Message("user", "bench")]):
        if isinstance(chunk, TextChunk):
            count += 1
    return time.perf_counter() - start, count


async def raw_latencies(pool: HttpPool, url: str) -> list[float]:
    out: list[float] = []
    buffer = b""
    async with pool.client().stream("POST", url, json={}) as response:
        async for piece in response.aiter_bytes():
            now = time.perf_counter_ns()
            buffer += piece
            while b"\n\n" in buffer:
                line, buffer = buffer.split(b"\n\n", 1)
                if b'"content":"' in line:
                    sent = int(line.split(b'"content":"')[1].split(b'"')[0])
                    out.append((now - sent) / 1e6)
    return out


async def routed_latencies(router: Router) -> list[float]:
    out: list[float] = []
    async for chunk in router.stream([Message("user", "bench")]):
        if isinstance(chunk, TextChunk):
            out.append((time.perf_counter_ns() - int(chunk.text)) / 1e6)
    return out


def offline_interview() -> tuple[float, list[int]]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.ai.bank import GOOD, QUESTIONS, WEAK

    pairs = [(q, GOOD[q.question], 1.0) for q in QUESTIONS]
    pairs += [(q, WEAK[q.question], 0.0) for q in QUESTIONS]
    start = time.perf_counter()
    results = [(q, evaluate_offline(q, a, pass_rate=r if q.type == "coding" else None))
               for q, a, r in pairs]  # fmt: skip
    summarize_offline(results)
    return time.perf_counter() - start, [e.score for _, e in results]


async def main(chunks: int, paced: int, rounds: int) -> None:
    server = Server(chunks, paced, pace=0.002)
    base = f"http://127.0.0.1:{server.port}"
    pool = HttpPool(trust_env=False)
    try:
        bulk_router = router_for(base + "/bulk", pool)
        await raw_read(pool, base + "/bulk/chat/completions")  # warm-up
        await routed_read(bulk_router)
        raw = min([await raw_read(pool, base + "/bulk/chat/completions") for _ in range(rounds)])
        routed_runs = [await routed_read(bulk_router) for _ in range(rounds)]
        routed = min(t for t, _ in routed_runs)
        assert routed_runs[0][1] == chunks, routed_runs[0][1]
        per_chunk = (routed - raw) / chunks * 1000
        print(f"1. per-chunk overhead, client+router: {per_chunk:.4f} ms/chunk "
              f"(raw httpx {raw * 1e3:.1f} ms, router {routed * 1e3:.1f} ms for {chunks} chunks; "
              f"target <= 0.2 ms)")  # fmt: skip

        paced_router = router_for(base + "/paced", pool)
        raw_lat = await raw_latencies(pool, base + "/paced/chat/completions")
        routed_lat = await routed_latencies(paced_router)
        med_raw, med_routed = statistics.median(raw_lat), statistics.median(routed_lat)
        p95 = statistics.quantiles(routed_lat, n=20)[-1]
        print(f"2. chunk arrival -> hand-off: {med_routed - med_raw:+.3f} ms median added by "
              f"client+router (send->hand-off median {med_routed:.3f} ms, p95 {p95:.3f} ms, "
              f"max {max(routed_lat):.3f} ms; raw httpx send->read median {med_raw:.3f} ms; "
              f"{len(routed_lat)} chunks; target <= 1 ms)")  # fmt: skip
    finally:
        await pool.aclose()

    elapsed, scores = offline_interview()
    print(f"3. offline evaluation of 10 answers + summary: {elapsed * 1000:.1f} ms "
          f"(scores {scores}; target <= 1000 ms)")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=20_000)
    parser.add_argument("--paced", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(main(args.chunks, args.paced, args.rounds))
