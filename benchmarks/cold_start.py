"""Cold start: from launching `siker-kiosk` to the home screen painted, offscreen at 1920x1080.

Run by hand: `make benchmark`, or `.venv/bin/python benchmarks/cold_start.py [--runs 7]`.
Each run is a new Python process (imports included, as when a kiosk boots), on a data folder
that already holds the demo catalog (the usual start) and, once, on an empty one (first start,
which also seeds the demo catalog). The kiosk prints the moment the home screen has painted when
SIKER_EXIT_AFTER_PAINT is set, then quits. Target (issue 2): <= 1.5 s on a 2-core machine.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def one_start(data_dir: Path) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SIKER_EXIT_AFTER_PAINT": "1",
           "SIKER_LAUNCHED_AT": repr(time.time())}
    proc = subprocess.run(
        [sys.executable, "-m", "ui.cli", "--windowed", "--data-dir", str(data_dir)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
    )
    if proc.returncode != 0 or "home painted" not in proc.stderr:
        raise RuntimeError(f"the kiosk did not report a painted home screen:\n{proc.stderr}")
    # The kiosk logs the paint (measured from SIKER_LAUNCHED_AT), then quits; the time it
    # takes to exit is not part of the start.
    return float(proc.stderr.split("home painted after ")[1].split(" s")[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        first = one_start(data_dir)
        print(f"first start (seeds the demo catalog): {first:.2f} s")
        times = sorted(one_start(data_dir) for _ in range(args.runs))
    print(f"usual start, {args.runs} runs: median {statistics.median(times):.2f} s, "
          f"best {times[0]:.2f} s, worst {times[-1]:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
