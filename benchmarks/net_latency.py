"""A class game's network speed (GAME-DESIGN 9: an action reaches every machine within
100 ms on a local network): `python benchmarks/net_latency.py [--games N] [--observers N]`.

A real `guarantor host --headless` in its own process; three seats played by the easy
computer player and 30 observers (33 connections), all real WebSocket clients on loopback
in this process. For every action: the time from the moment the acting machine sends it to
the moment each other machine has the view that shows it (parsed and checked), p50 and p95
over every (action, machine) pair, and of the slowest machine per action. All 33 clients
share this one process (and its one event loop), so a view reaching the 33rd machine waits
for the 32 before it to be read: the figures are an upper bound of what separate machines
see. The host's memory is its resident set (Linux /proc), after the games. The machine's
load average before and after is printed with the figures: they mean little on a busy one.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.content.book import load_book  # noqa: E402
from game.content.paths import resolve  # noqa: E402
from game.engine import Engine  # noqa: E402
from game.net.client import Address, Bot, Client  # noqa: E402
from game.net.seat_api import SeatAPI  # noqa: E402


def rss_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in KiB (Linux); empty elsewhere."""
    out: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0])
    except OSError:
        pass
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


async def one_game(
    port: int, code: str, observers: int, api: SeatAPI
) -> tuple[list[float], list[float], int]:
    sent: dict[int, float] = {}
    got: dict[int, list[float]] = {}
    actor: dict[int, int] = {}

    def track(i: int, inner: Any) -> Any:
        def on_view(msg: dict[str, Any]) -> dict[str, Any] | None:
            now = time.perf_counter()
            seq = int(msg["seq"])
            if seq in sent and actor[seq] != i:
                got.setdefault(seq, []).append(now - sent[seq])
            action = inner(msg) if inner else None
            if action is not None:
                sent[seq + 1] = time.perf_counter()
                actor[seq + 1] = i
            return action

        return on_view

    address = Address("127.0.0.1", port)
    clients: list[Client] = []
    for i in range(observers):
        clients.append(Client(address, code, observe=True, on_view=track(i, None)))
    runs = [asyncio.create_task(c.run()) for c in clients]
    for c in clients:
        await c.wait_view(lambda m: True)
    seats = []
    for j, seat in enumerate(api.seats):
        bot = Bot(api.player(seat, "easy", j), seat)
        seats.append(
            Client(
                address, code, seat=seat, on_view=track(observers + j, bot), on_refused=bot.refused
            )
        )
    await asyncio.gather(*(c.run() for c in seats), *runs)
    each = [x for xs in got.values() for x in xs]
    slowest = [max(xs) for xs in got.values() if xs]
    return each, slowest, len(sent)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--games", type=int, default=5)
    ap.add_argument("--observers", type=int, default=30)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    api = SeatAPI(Engine(load_book(resolve("weak_guarantee"))))
    each: list[float] = []
    slowest: list[float] = []
    actions = 0
    memory: dict[str, int] = {}
    env = {
        **os.environ,
        "GUARANTOR_DATA_DIR": os.environ.get("GUARANTOR_DATA_DIR")
        or tempfile.mkdtemp(prefix="guarantor-bench-"),
    }
    load_before = os.getloadavg()
    for _ in range(args.games):
        host = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "game",
                "host",
                "--headless",
                "--port",
                "0",
                "--save-dir",
                env["GUARANTOR_DATA_DIR"] + "/saves",
            ],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        try:
            assert host.stdout is not None
            address = host.stdout.readline().split()[1]
            code = host.stdout.readline().split()[1]
            port = int(address.rsplit(":", 1)[1])
            e, s, n = asyncio.run(one_game(port, code, args.observers, api))
            memory = rss_kib(host.pid)
            each += e
            slowest += s
            actions += n
        finally:
            host.kill()
            host.wait()
    ms = 1000.0
    result = {
        "connections": args.observers + 3,
        "games": args.games,
        "actions": actions,
        "deliveries": len(each),
        "each_p50_ms": round(pct(each, 50) * ms, 2),
        "each_p95_ms": round(pct(each, 95) * ms, 2),
        "all_p50_ms": round(pct(slowest, 50) * ms, 2),
        "all_p95_ms": round(pct(slowest, 95) * ms, 2),
        "mean_ms": round(statistics.fmean(each) * ms, 2),
        "host_rss_kib": memory.get("VmRSS"),
        "host_peak_rss_kib": memory.get("VmHWM"),
        "load_before": round(load_before[0], 2),
        "load_after": round(os.getloadavg()[0], 2),
        "cores": os.cpu_count(),
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"{result['connections']} connections, {args.games} games, {actions} actions, {len(each)} deliveries"
        )
        print(
            f"an action to each other machine: p50 {result['each_p50_ms']} ms, p95 {result['each_p95_ms']} ms"
        )
        print(
            f"an action to every other machine: p50 {result['all_p50_ms']} ms, p95 {result['all_p95_ms']} ms"
        )
        print(
            f"host memory: {result['host_rss_kib']} KiB resident, peak {result['host_peak_rss_kib']} KiB"
        )
        print(
            f"load average (1 min) {result['load_before']} before, {result['load_after']} after, "
            f"{result['cores']} cores"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
