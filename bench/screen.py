"""Benchmark: the free-text screen per message, the rules alone against the rules with the learned
reader behind them (flows/reader.py), and what the reader costs once per process.

Run: .venv/bin/python bench/screen.py [--rounds N] [--starts N]
Start-up: new processes that load the content and ready the three readers (`Coaching.open`'s
work), fitting them (an empty cache folder each time) against loading the models kept by an
earlier start (bot/reader_cache.py): median wall time and peak memory, the ratio in the same run.
Messages: each language's everyday file (data/safety/everyday/<lang>.txt: what people mostly
type, where the rules find nothing and the reader is asked) and all the reader's examples (the
corpus, the everyday file and the button labels). Figures are
medians of N rounds, with ratios against the rules alone measured in the same run.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.content import default_data_dir, load_content
from flows.content import ScreenRules
from flows.screen import screen


def per_message(fn: Callable[[str], object], texts: list[str], rounds: int) -> float:
    """Median over `rounds` of the seconds per message of fn over `texts`."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            fn(text)
        times.append((time.perf_counter() - start) / len(texts))
    return statistics.median(times)


ROOT = Path(__file__).resolve().parent.parent
_START = """
import sys
from pathlib import Path
from bot.content import load_content
from bot.reader_cache import warm
print(sum(warm(r, Path(sys.argv[1])) for r in load_content().readers.values()))
"""


def one_start(folder: Path) -> tuple[float, int]:
    """One new process readying the readers from `folder`: (seconds, readers loaded)."""
    began = time.perf_counter()
    run = [sys.executable, "-c", _START, str(folder)]
    out = subprocess.run(run, capture_output=True, text=True, check=True, cwd=ROOT)
    return time.perf_counter() - began, int(out.stdout.split()[0])


def startup(starts: int) -> None:
    fitted, loaded, kept_counts = [], [], set()
    with tempfile.TemporaryDirectory() as keep:
        for _ in range(starts):
            with tempfile.TemporaryDirectory() as empty:
                fitted.append(one_start(Path(empty))[0])
            one_start(Path(keep))  # keeps the models (the first time) or loads them
            took, count = one_start(Path(keep))
            loaded.append(took)
            kept_counts.add(count)
    fit, load = statistics.median(fitted), statistics.median(loaded)
    print(
        f"start-up ({starts} starts each): fitting the readers {fit:.2f} s, loading the kept "
        f"models {load:.2f} s ({load / fit:.2f}× fitting; readers loaded {sorted(kept_counts)})"
    )
    print(f"  peak memory: {_peak(True):.0f} MB fitting, {_peak(False):.0f} MB loading")


def _peak(fit: bool) -> float:
    """Peak resident memory (MB) of one new process that fits (or loads) the readers."""
    with tempfile.TemporaryDirectory() as folder:
        if not fit:
            one_start(Path(folder))
        code = _START + "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
        run = [sys.executable, "-c", code, folder]
        out = subprocess.run(run, capture_output=True, text=True, check=True, cwd=ROOT)
        return int(out.stdout.split()[-1]) / 1024


def _rules(rules: ScreenRules, text: str) -> object:
    return screen(text, rules)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--starts", type=int, default=3)
    args = parser.parse_args()
    startup(args.starts)
    start = time.perf_counter()
    import sklearn  # noqa: F401  (the import the reader's first training pays)

    print(f"import scikit-learn: {time.perf_counter() - start:.2f} s")
    content = load_content()
    data = default_data_dir() / "safety"
    for lang, reader in content.readers.items():
        start = time.perf_counter()
        reader.train()
        trained = time.perf_counter() - start
        rules = content.screen[lang]
        everyday = (data / "everyday" / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
        examples = [e.text for e in reader.examples]
        print(f"{lang}: training {trained:.2f} s on {len(reader.examples)} examples")
        for name, texts in (("everyday", everyday), ("examples", examples)):
            alone = per_message(functools.partial(_rules, rules), texts, args.rounds)
            both = per_message(
                functools.partial(screen, rules=rules, reader=reader), texts, args.rounds
            )
            print(
                f"  {name:<8} {len(texts):>5} messages: rules {alone * 1e3:.3f} ms, "
                f"rules + reader {both * 1e3:.3f} ms a message ({both / alone:.2f}× the rules)"
            )


if __name__ == "__main__":
    main()
