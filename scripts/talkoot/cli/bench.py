"""`make bench`: build demo content at two sizes with both engines and print the figures.

For each size the same content is built twice: by MkDocs with the talkoot plugin, and by
Zensical from `talkoot export` (the export, which renders every page, is counted in the
Zensical figures). Prints wall time, pages, ms per page and peak RSS for each build, the
ratio of ms per page between the sizes, so that any growth beyond linear shows, and the
two engines side by side. Never a pass/fail test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from talkoot.content.demo import write_demo_content
from talkoot.vocabulary import names

ROOT = Path(__file__).resolve().parents[3]
# Inside the project, like `make site` writes site/: the file system is part of the cost.
OUT = ROOT / "bench-out"
EPOCH = "1764547200"


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # seconds, user + system
    rss: int  # peak KiB

    def __add__(self, other: Run) -> Run:
        return Run(self.wall + other.wall, self.cpu + other.cpu, max(self.rss, other.rss))


@dataclass(frozen=True)
class Row:
    engine: str
    size: int
    pages: int
    proposal_pages: int
    run: Run
    # Zensical's two steps, whose sum is `run`
    export: Run | None = None
    build: Run | None = None

    @property
    def ms_per_page(self) -> float:
        return self.run.wall * 1000 / self.pages

    @property
    def cpu_ms_per_page(self) -> float:
        return self.run.cpu * 1000 / self.pages


def _run(command: list[str], content: Path, cwd: Path = ROOT) -> Run:
    """Wall seconds, CPU seconds and peak RSS (KiB) of one command in its own process.
    CPU time is the steadier figure on a busy machine."""
    env = {
        **os.environ,
        "TALKOOT_CONTENT_DIR": str(content),
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": EPOCH,
    }
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def _mkdocs(content: Path, site: Path) -> Run:
    """One real `mkdocs build`, as `make site` runs it."""
    return _run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        content,
    )


def _zensical(content: Path, export: Path) -> tuple[Run, Run]:
    """`talkoot export` and a Zensical build of it, as `make site-zensical` runs them."""
    exported = _run([sys.executable, "-m", "talkoot.cli", "export", str(export)], content)
    config = str(export / "mkdocs.yml")
    built = _run(
        [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", config], content
    )
    return exported, built


def _counts(site: Path) -> tuple[int, int]:
    pages = sum(1 for _ in site.rglob("index.html"))
    return pages, sum(1 for _ in site.glob(f"*/{names.PROPOSALS}/*/index.html"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--editions", type=int, default=5)
    parser.add_argument(
        "--engines", nargs="+", choices=["mkdocs", "zensical"], default=["mkdocs", "zensical"]
    )
    args = parser.parse_args(argv)
    rows: list[Row] = []
    shutil.rmtree(OUT, ignore_errors=True)
    try:
        for size in args.sizes:
            content = OUT / f"content-{size}"
            write_demo_content(content, editions=args.editions, proposals=size)
            if "mkdocs" in args.engines:
                site = OUT / f"mkdocs-{size}"
                run = _mkdocs(content, site)
                rows.append(Row("mkdocs", size, *_counts(site), run))
            if "zensical" in args.engines:
                export = OUT / f"zensical-{size}"
                exported, built = _zensical(content, export)
                counts = _counts(export / "site")
                rows.append(Row("zensical", size, *counts, exported + built, exported, built))
            shutil.rmtree(content)
    finally:
        shutil.rmtree(OUT, ignore_errors=True)
    _report(rows)
    return 0


def _report(rows: list[Row]) -> None:
    print(
        f"{'engine':<9} {'proposals':>9} {'pages':>6} {'proposal pages':>14} {'wall s':>7} "
        f"{'cpu s':>7} {'ms/page':>8} {'cpu ms/page':>11} {'peak RSS MiB':>12} {'export s':>8}"
    )
    for row in rows:
        export = f"{row.export.wall:>8.2f}" if row.export else f"{'':>8}"
        print(
            f"{row.engine:<9} {row.size:>9} {row.pages:>6} {row.proposal_pages:>14} "
            f"{row.run.wall:>7.2f} {row.run.cpu:>7.2f} {row.ms_per_page:>8.2f} "
            f"{row.cpu_ms_per_page:>11.2f} {row.run.rss / 1024:>12.1f} {export}"
        )
    print("(zensical: `talkoot export` plus `zensical build`; export s is the first part)")
    for row in rows:
        if row.export and row.build:
            print(
                f"{row.engine} {row.size}: "
                + "; ".join(
                    f"{name} {part.wall:.2f} s wall, {part.cpu:.2f} s cpu, "
                    f"{part.rss / 1024:.1f} MiB"
                    for name, part in (("export", row.export), ("build", row.build))
                )
            )
    for engine in dict.fromkeys(row.engine for row in rows):
        mine = [row for row in rows if row.engine == engine]
        if len(mine) < 2:
            continue
        small, large = mine[0], mine[-1]
        print(
            f"{engine}: ms/page ratio, largest to smallest: "
            f"{large.ms_per_page / small.ms_per_page:.2f} wall, "
            f"{large.cpu_ms_per_page / small.cpu_ms_per_page:.2f} cpu (target at most 1.20)"
        )
        span = max(large.proposal_pages - small.proposal_pages, 1)
        print(
            f"{engine}: marginal cost per proposal page: "
            f"{(large.run.wall - small.run.wall) * 1000 / span:.2f} ms wall, "
            f"{(large.run.cpu - small.run.cpu) * 1000 / span:.2f} ms cpu (target at most 5 ms)"
        )
    by_size: dict[int, dict[str, Row]] = {}
    for row in rows:
        by_size.setdefault(row.size, {})[row.engine] = row
    for size, engines in by_size.items():
        if {"mkdocs", "zensical"} <= engines.keys():
            m, z = engines["mkdocs"], engines["zensical"]
            print(
                f"{size} proposals: ms/page mkdocs {m.ms_per_page:.2f}, zensical "
                f"{z.ms_per_page:.2f} ({z.ms_per_page / m.ms_per_page:.2f}×); cpu ms/page "
                f"{m.cpu_ms_per_page:.2f} vs {z.cpu_ms_per_page:.2f}"
                + ("" if m.pages == z.pages else f"; pages differ: {m.pages} vs {z.pages}")
            )


if __name__ == "__main__":
    sys.exit(main())
