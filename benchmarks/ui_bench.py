"""Screen speed for the README: `python benchmarks/ui_bench.py [--xvfb]`.

1. Start to first frame: the wall time of a fresh process that imports the game, opens the
   window, draws the title screen once and exits (an upper bound: exit time is included).
2. Frame time per screen: each screen of a scripted game redrawn 200 times in full
   (`render(force=True)`, so nothing is skipped as unchanged); p50 and p99.
3. Idle: the real loop left waiting for input for 3 s; the CPU time it used.

Headless uses SDL's dummy video driver. With --xvfb (Debian's xvfb must be installed) the
same runs in a real X window on a virtual screen.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FIRST_FRAME = """
from game.ui.app import App
app = App(size=(1280, 800))
app.title()
app.render(force=True)
"""

IDLE = """
import sys
from game.ui.app import App
app = App(size=(1280, 800))
app.title()
print("ready", flush=True)
app.run()
"""

FRAMES = r"""
import json, statistics, tempfile, time
from pathlib import Path
from game.ui.app import App
from game.ui.shots import _scenes, game_shots
tmp = Path(tempfile.mkdtemp())
out = {}
for lang in ("en", "ar"):
    app = App(lang=lang, scale=1.0, fullscreen=False, size=(1280, 800), config_dir=tmp, data_dir=tmp, persist=False)
    for name, make in [*_scenes(), *game_shots()]:
        app.title()
        if name != "title":
            make(app)
        app.render(force=True)
        times = []
        for _ in range(200):
            t = time.perf_counter()
            app.render(force=True)
            times.append(time.perf_counter() - t)
        times.sort()
        out[f"{name} ({lang})"] = (statistics.median(times) * 1000, times[int(len(times) * 0.99) - 1] * 1000)
print(json.dumps(out))
"""


def env_for(xvfb: bool, display: str | None, data: str) -> dict[str, str]:
    env = dict(os.environ)
    env["GUARANTOR_DATA_DIR"] = data
    env["GUARANTOR_CONFIG_DIR"] = data
    env["SDL_AUDIODRIVER"] = "dummy"
    if xvfb:
        env.pop("SDL_VIDEODRIVER", None)
        env["DISPLAY"] = display or ":99"
    else:
        env["SDL_VIDEODRIVER"] = "dummy"
    return env


def run_code(code: str, env: dict[str, str]) -> tuple[float, str]:
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return time.perf_counter() - t, out.stdout


def idle_cpu(env: dict[str, str], seconds: float = 3.0) -> float:
    proc = subprocess.Popen(
        [sys.executable, "-c", IDLE], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    proc.stdout.readline()
    time.sleep(0.5)

    def cpu() -> float:
        fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    before = cpu()
    time.sleep(seconds)
    used = cpu() - before
    proc.kill()
    proc.wait()
    return used


def measure(label: str, env: dict[str, str]) -> None:
    starts = sorted(run_code(FIRST_FRAME, env)[0] for _ in range(5))
    print(f"\n{label}\n")
    print(
        f"- start to first frame (title screen, fresh process, median of 5): {statistics.median(starts):.2f} s"
    )
    idle = idle_cpu(env)
    print(f"- waiting for input for 3 s: {idle:.2f} s of CPU")
    _, out = run_code(FRAMES, env)
    import json

    frames = json.loads(out)
    print("\n| screen | frame p50 | frame p99 |\n|---|---:|---:|")
    for name, (p50, p99) in frames.items():
        print(f"| {name} | {p50:.1f} ms | {p99:.1f} ms |")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--xvfb", action="store_true", help="also measure in a real window on a virtual X screen"
    )
    args = ap.parse_args()
    data = tempfile.mkdtemp(prefix="guarantor-bench-")
    measure("Headless (SDL dummy video driver), 1280x800", env_for(False, None, data))
    if args.xvfb:
        if not shutil.which("Xvfb"):
            print("\nXvfb is not installed (apt-get install xvfb); skipped")
            return 0
        xvfb = subprocess.Popen(
            ["Xvfb", ":99", "-screen", "0", "1920x1080x24"], stderr=subprocess.DEVNULL
        )
        try:
            time.sleep(1.0)
            measure("Real window under Xvfb, 1280x800", env_for(True, ":99", data))
        finally:
            xvfb.terminate()
            xvfb.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
