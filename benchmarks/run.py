"""Benchmark mdstudy: start-up against its floor, against peer linters, and on huge READMEs.

    .venv/bin/python benchmarks/run.py            # everything (about 5 minutes)
    .venv/bin/python benchmarks/run.py --quick    # 3 runs, sizes up to 10,000 rows
    .venv/bin/python benchmarks/run.py --only startup,peers --runs 15

Every command is run as a fresh process. The commands of one comparison are
alternated in the same run (a round runs each once, the order rotating from
round to round), after warm-up rounds that are not counted, so that a noisy
machine slows all of them alike. Reported: the median wall time, its ratio to
the first command of the group (the floor), and the child's own peak RSS
(from wait4, so each child is measured alone).

Peers: `mdformat` (`pip install mdformat` into the same venv) and
`markdownlint-cli2` (through `npx`, when Node.js is installed). A peer that is
missing is skipped with a note.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "README.md"
BIN = Path(sys.executable).parent  # the venv's bin folder: mdstudy and mdformat live there
PY = sys.executable
MISTUNE_PARSE = (
    "import sys, mistune; "
    "mistune.create_markdown(renderer=None, plugins=['table'])"
    "(open(sys.argv[1], encoding='utf-8').read())"
)
NAMES = ("김태수", "권세중", "김형준", "박상수", "전은주", "강병하", "김도형", "김정훈", "박다훈")
# Children cache bytecode as an installed mdstudy does (the floors' libraries have
# theirs from installation); PYTHONDONTWRITEBYTECODE in the caller's shell would
# otherwise make every mdstudy run compile its modules from source.
CHILD_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
TOPICS = ("양자화", "가지치기", "지식 증류", "희소 어텐션", "저랭크 분해", "추론 가속")


# --- generated READMEs --------------------------------------------------------


def spell(date: dt.date, spelling: str) -> str:
    """ISO (`2000-01-03`), or the seed's own spelling (`1/3`: no year, rolling over)."""
    return date.isoformat() if spelling == "iso" else f"{date.month}/{date.day}"


def schedule_row(index: int, date: dt.date, spelling: str = "iso") -> str:
    """One schedule row: Hangul presenter, title, a link and an issue number (~110 bytes)."""
    name = NAMES[index % len(NAMES)]
    topic = TOPICS[index % len(TOPICS)]
    arxiv = f"{2300 + index // 99999}.{index % 99999 + 1:05d}"
    return (
        f"| {spell(date, spelling)} | {name} | Paper {index + 1}: {topic} | "
        f"[arXiv](https://arxiv.org/abs/{arxiv}) | #{index + 1} | - |\n"
    )


def generate_readme(rows: int, spelling: str = "iso") -> tuple[str, str]:
    """A README with `rows` daily sessions, the last one open (TBD); returns (text, last date).

    `spelling` "seed" writes the dates as the seed does (`5/3`, no year): the reader
    then takes the year from the period sentence and rolls it over every New Year.
    """
    first = dt.date(2000, 1, 3)
    last = first + dt.timedelta(days=rows - 1)
    parts = [
        f"# Efficient AI Study ({rows:,} sessions)\n\n",
        f"{first.year}년 {first.month}월 {first.day}일부터 "
        f"{last.year}년 {last.month}월 {last.day}일까지 진행합니다.\n\n",
        "| When | Who | What | Links | Issue # | Etc. |\n",
        "| ---- | --- | ---- | ----- | ------- | ---- |\n",
    ]
    parts.extend(
        schedule_row(i, first + dt.timedelta(days=i), spelling) for i in range(rows - 1)
    )
    parts.append(f"| {spell(last, spelling)} | TBD | - | - | - | - |\n")
    parts.append(
        "\n## 논문 후보\n\n| Title | Link | Keyword |\n| ----- | ---- | ------- |\n"
        "| GPTQ | https://openreview.net/forum?id=tcbBPnfwxS | Quantization |\n"
    )
    return "".join(parts), last.isoformat()


# --- running and measuring ------------------------------------------------------


@dataclass
class Command:
    label: str
    argv: list[str]
    restore: Path | None = None  # copy this file over the README before each run (edits)
    times: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)  # KiB
    codes: set[int] = field(default_factory=set)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def peak_mb(self) -> float:
        return max(self.peaks) / 1024


def run_once(command: Command, cwd: Path, count: bool) -> None:
    if command.restore is not None:
        shutil.copyfile(command.restore, cwd / "README.md")
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            command.argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=errors, env=CHILD_ENV,
        )  # fmt: skip
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):  # 1 is "findings" for check and "would reformat" for mdformat
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace").strip().splitlines()
            raise SystemExit(
                f"{command.label}: exit {code}: {message[-1] if message else '(no stderr)'}"
            )
    if count:
        command.times.append(elapsed)
        command.peaks.append(usage.ru_maxrss)  # KiB on Linux
        command.codes.add(code)


def measure(group: list[Command], cwd: Path, runs: int, warmup: int) -> None:
    for round_ in range(warmup + runs):
        shift = round_ % len(group)
        for command in group[shift:] + group[:shift]:
            run_once(command, cwd, count=round_ >= warmup)


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    verdicts: list[str] = field(default_factory=list)

    def table(self, title: str, group: list[Command]) -> None:
        floor = group[0].median
        self.add(f"\n### {title}\n")
        self.add("| command | median ms | min ms | × first | peak RSS MB | exit |")
        self.add("|---|---:|---:|---:|---:|---|")
        for command in group:
            self.add(
                f"| {command.label} | {command.median * 1000:.0f} | {min(command.times) * 1000:.0f}"
                f" | {command.median / floor:.2f} | {command.peak_mb:.0f}"
                f" | {','.join(map(str, sorted(command.codes)))} |"
            )

    def target(self, text: str, value: float, limit: float) -> None:
        verdict = "met" if value <= limit else "NOT met"
        self.verdicts.append(f"- {text}: {value:.2f} (target ≤ {limit:g}): {verdict}")

    def add(self, line: str) -> None:
        print(line, flush=True)
        self.lines.append(line)


def mdstudy(*args: str) -> list[str]:
    return [str(BIN / "mdstudy"), *args]


def python_c(code: str, *args: str) -> list[str]:
    return [PY, "-c", code, *args]


def markdownlint() -> list[str] | None:
    """The markdownlint-cli2 script itself (found once through npx), run by node directly."""
    if shutil.which("npx") is None or shutil.which("node") is None:
        print("note: npx/node not found: skipping the markdownlint-cli2 peer", flush=True)
        return None
    found = subprocess.run(
        ["npx", "--yes", "-p", "markdownlint-cli2", "-c", "command -v markdownlint-cli2"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    script = found.stdout.strip()
    if found.returncode != 0 or not script:
        print("note: npx could not install markdownlint-cli2: skipping that peer", flush=True)
        return None
    return [str(shutil.which("node")), os.path.realpath(script)]


def startup(report: Report, work: Path, runs: int, warmup: int) -> None:
    shutil.copyfile(SEED, work / "README.md")
    pairs = [
        ("check", mdstudy("check", "README.md"), "click, mistune"),
        ("show", mdstudy("show"), "click, mistune, tabulate"),
        ("ics", mdstudy("ics", "--repo", "owner/name"), "click, mistune, icalendar"),
    ]
    for name, argv, modules in pairs:
        group = [
            Command(f"python -c 'import {modules}'", python_c(f"import {modules}")),
            Command(f"mdstudy {name} (seed)", argv),
        ]
        measure(group, work, runs, warmup)
        report.table(f"Start-up: mdstudy {name} against its floor", group)
        report.target(f"{name} on the seed / floor", group[1].median / group[0].median, 1.3)
    # fmt belongs in the same pre-commit run as check: it should cost about as much.
    group = [
        Command("mdstudy check (seed)", mdstudy("check", "README.md")),
        Command("mdstudy fmt --check (seed)", mdstudy("fmt", "--check", "README.md")),
    ]
    measure(group, work, runs, warmup)
    report.table("Start-up: mdstudy fmt against mdstudy check", group)
    report.target("fmt on the seed / check", group[1].median / group[0].median, 1.3)


def peers(report: Report, work: Path, runs: int, warmup: int) -> None:
    shutil.copyfile(SEED, work / "README.md")
    group = [Command("mdstudy check", mdstudy("check", "README.md"))]
    mdformat = BIN / "mdformat"
    if mdformat.exists():
        group.append(Command("mdformat --check", [str(mdformat), "--check", "README.md"]))
    else:
        print("note: mdformat not installed (pip install mdformat): skipping that peer")
    lint = markdownlint()
    if lint is not None:
        group.append(Command("markdownlint-cli2", [*lint, "README.md"]))
    measure(group, work, runs, warmup)
    report.table("Peers on the seed README (pre-commit linters)", group)
    for peer in group[1:]:
        report.target(f"check / {peer.label}", group[0].median / peer.median, 1.0)


def scale(report: Report, work: Path, sizes: list[int], runs: int, warmup: int) -> None:
    medians: dict[str, dict[int, float]] = {}
    for rows in sizes:
        for spelling in ("iso", "seed"):
            text, last = generate_readme(rows, spelling)
            pristine = work / f"pristine-{rows}-{spelling}.md"
            pristine.write_text(text, encoding="utf-8")
            shutil.copyfile(pristine, work / "README.md")
            group = [
                Command("mistune full parse", python_c(MISTUNE_PARSE, "README.md")),
                Command("mdstudy assign (last row)", mdstudy("assign", last, "홍길동"), pristine),
                Command("mdstudy check", mdstudy("check", "README.md"), pristine),
            ]
            if spelling == "iso":
                timed = mdstudy("ics", "--repo", "o/n", "--time", "19:00", "--tz", "Europe/London")
                group += [
                    Command("mdstudy ics", mdstudy("ics", "--repo", "owner/name"), pristine),
                    Command("mdstudy ics (timed)", timed, pristine),
                ]
            measure(group, work, runs, warmup)
            size_mb = len(text.encode("utf-8")) / 1e6
            dates = "ISO dates" if spelling == "iso" else "the seed's 5/3 dates, no year"
            report.table(f"Scale: {rows:,} rows, {dates} ({size_mb:.1f} MB)", group)
            if spelling == "iso":
                for command in group:
                    medians.setdefault(command.label, {})[rows] = command.median
            if rows == 100_000:
                floor = group[0].median
                report.target(f"assign at 100,000 rows ({spelling}) / mistune parse",
                              group[1].median / floor, 0.15)  # fmt: skip
                report.target(f"check at 100,000 rows ({spelling}) / mistune parse",
                              group[2].median / floor, 0.4)  # fmt: skip
                report.target(f"assign peak RSS at 100,000 rows ({spelling}), MB",
                              group[1].peak_mb, 200)  # fmt: skip
                for ics in group[3:]:
                    report.target(f"{ics.label} at 100,000 rows / mistune parse",
                                  ics.median / floor, 1.0)  # fmt: skip
                    report.target(f"{ics.label} peak RSS at 100,000 rows, MB", ics.peak_mb, 300)
    if 10_000 in sizes and 100_000 in sizes:
        report.add("\n### Growth from 10,000 to 100,000 rows\n")
        for label, by_size in medians.items():
            growth = by_size[100_000] / by_size[10_000]
            report.add(f"- {label}: {growth:.1f}×")
            if label.startswith("mdstudy"):
                report.target(f"{label}: time 100k / 10k rows", growth, 11)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="counted runs per command")
    parser.add_argument("--warmup", type=int, default=1, help="uncounted rounds first")
    parser.add_argument("--sizes", default="1000,10000,100000", help="schedule rows")
    parser.add_argument("--only", default="startup,peers,scale", help="sections to run")
    parser.add_argument("--quick", action="store_true", help="3 runs, sizes up to 10,000")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.sizes = 3, "1000,10000"
    sizes = [int(size) for size in args.sizes.split(",") if size]
    sections = set(args.only.split(","))
    report = Report()
    with tempfile.TemporaryDirectory(prefix="mdstudy-bench-") as folder:
        work = Path(folder)
        if "startup" in sections:
            startup(report, work, args.runs, args.warmup)
        if "peers" in sections:
            peers(report, work, args.runs, args.warmup)
        if "scale" in sections:
            scale(report, work, sizes, args.runs, args.warmup)
    report.add("\n### Targets\n")
    for verdict in report.verdicts:
        report.add(verdict)


if __name__ == "__main__":
    main()
