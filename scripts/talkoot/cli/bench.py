"""`make bench`: build demo content at two sizes and print the figures.

Prints wall time, pages, ms per page and peak RSS for each size, and the ratio of ms per
page between them, so that any growth beyond linear shows. Never a pass/fail test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from talkoot.content.demo import write_demo_content
from talkoot.vocabulary import names

ROOT = Path(__file__).resolve().parents[3]
# Inside the project, like `make site` writes site/: the file system is part of the cost.
OUT = ROOT / "bench-out"


def _build(content: Path, site: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (KiB) of one real `mkdocs build` in its own
    process. CPU time is the steadier figure on a busy machine."""
    env = {
        **os.environ,
        "TALKOOT_CONTENT_DIR": str(content),
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1764547200",
    }
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed:\n{stderr}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--editions", type=int, default=5)
    args = parser.parse_args(argv)
    rows = []
    shutil.rmtree(OUT, ignore_errors=True)
    try:
        for size in args.sizes:
            content = OUT / f"content-{size}"
            write_demo_content(content, editions=args.editions, proposals=size)
            site = OUT / f"site-{size}"
            wall, cpu, rss = _build(content, site)
            pages = sum(1 for _ in site.rglob("index.html"))
            proposal_pages = sum(1 for _ in site.glob(f"*/{names.PROPOSALS}/*/index.html"))
            rows.append((size, pages, proposal_pages, wall, cpu, rss))
    finally:
        shutil.rmtree(OUT, ignore_errors=True)
    print(
        f"{'proposals':>9} {'pages':>6} {'proposal pages':>14} {'wall s':>7} {'cpu s':>7} "
        f"{'ms/page':>8} {'cpu ms/page':>11} {'peak RSS MiB':>12}"
    )
    for size, pages, proposal_pages, wall, cpu, rss in rows:
        print(
            f"{size:>9} {pages:>6} {proposal_pages:>14} {wall:>7.2f} {cpu:>7.2f} "
            f"{wall * 1000 / pages:>8.2f} {cpu * 1000 / pages:>11.2f} {rss / 1024:>12.1f}"
        )
    if len(rows) >= 2:
        (_, p0, pp0, w0, c0, _), (_, p1, pp1, w1, c1, _) = rows[0], rows[-1]
        print(
            f"ms/page ratio, largest to smallest: {(w1 / p1) / (w0 / p0):.2f} wall, "
            f"{(c1 / p1) / (c0 / p0):.2f} cpu (target at most 1.20)"
        )
        span = max(pp1 - pp0, 1)
        print(
            f"marginal cost per proposal page: {(w1 - w0) * 1000 / span:.2f} ms wall, "
            f"{(c1 - c0) * 1000 / span:.2f} ms cpu (target at most 5 ms)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
