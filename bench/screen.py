"""Benchmark: the free-text screen per message, the rules alone against the rules with the learned
reader behind them (flows/reader.py), and what the reader costs once per process.

Run: .venv/bin/python bench/screen.py [--rounds N]
Messages: each language's everyday file (data/safety/everyday/<lang>.txt: what people mostly
type, where the rules find nothing and the reader is asked) and all the reader's examples (the
corpus, the everyday file and the button labels). Figures are
medians of N rounds, with ratios against the rules alone measured in the same run.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
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


def _rules(rules: ScreenRules, text: str) -> object:
    return screen(text, rules)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
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
