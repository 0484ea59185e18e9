"""How the learned reader's thresholds were chosen: leave one blind round out.

Each blind held-out set, once scored, joins the reader's examples (data/safety/learnt/<lang>.toml,
one section per round). This script takes each round out in turn, trains the reader without it,
and scores that round with the whole screen (the rules, then the reader) at each pair of
thresholds: emergency and crisis cases left without any response, calm cases given an escalation
or a check question, and check questions on the everyday probe set
(tests/flows/heldout/everyday_<lang>.txt). It never reads the newest blind sets
(tests/flows/heldout/<lang>.toml): thresholds are chosen here, and measured there.

The rules have since learnt from these rounds' misses (a rules round per round), so "left" here
understates what unseen text meets; "reader" counts the cases the reader alone would leave (its
own chance of the case's kind below the threshold), which the rules' rounds do not touch.

Run: .venv/bin/python scripts/reader_rounds.py [en es de]
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.content import load_content  # noqa: E402
from flows.reader import Reader  # noqa: E402
from flows.screen import Finding, screen  # noqa: E402

CRISIS = (0.25, 0.3, 0.35, 0.4)
EMERGENCY = (0.35, 0.4, 0.45, 0.5)
ACCEPTED = {"emergency": {"emergency", "crisis"}, "crisis": {"crisis"}}
CHECKS = {"emergency": "check_cauda", "crisis": "check_crisis"}


def _answered(expect: str, found: Finding | None) -> bool:
    """An emergency or crisis case found as its kind, or asked the check question of its kind."""
    if found is None:
        return False
    if found.kind in ACCEPTED[expect]:
        return True
    return Finding("check", CHECKS[expect]) in (found, found.also)


def _rounds(lang: str) -> list[tuple[str, list[dict[str, str]]]]:
    text = (ROOT / "data" / "safety" / "learnt" / f"{lang}.toml").read_text(encoding="utf-8")
    parts = re.split(r"\n(?=# \w+ held-out set v\d+)", text)[1:]
    return [(re.findall(r"set (v\d+)", p)[0], tomllib.loads(p)["case"]) for p in parts]


def main(languages: list[str]) -> None:
    content = load_content()
    for lang in languages:
        rules, full = content.screen[lang], content.readers[lang]
        probe = ROOT / "tests" / "flows" / "heldout" / f"everyday_{lang}.txt"
        everyday = [t for t in probe.read_text(encoding="utf-8").splitlines() if t.strip()]
        rounds = _rounds(lang)
        totals: dict[tuple[float, float], list[int]] = {}
        for name, cases in rounds:
            texts = {c["text"] for c in cases}
            without = Reader(lang, tuple(e for e in full.examples if e.text not in texts))
            without.train()
            print(f"{lang} {name}: {len(cases)} cases, the reader trained without them", flush=True)
            for cr in CRISIS:
                for em in EMERGENCY:
                    reader = replace(without, thresholds={"crisis": cr, "emergency": em})
                    reader._model = without._model  # the same fit, other thresholds
                    row = totals.setdefault((cr, em), [0, 0, 0, 0])
                    for case in cases:
                        expect, text = case["expect"], case["text"]
                        found = screen(text, rules, reader)
                        if expect in ACCEPTED:
                            row[0] += not _answered(expect, found)
                            row[1] += reader.suspects(text) != expect
                        elif expect == "none":
                            row[2] += found is not None
                    row[3] += sum(
                        screen(t, rules) is None and screen(t, rules, reader) is not None
                        for t in everyday
                    )
        print(f"\n{lang}: {len(rounds)} rounds left out in turn; sums over them")
        print("  crisis emergency | left reader-left calm-alarms everyday-checks")
        for (cr, em), (left, alone, calm, checks) in sorted(totals.items()):
            print(f"  {cr:>6} {em:>9} | {left:>4} {alone:>11} {calm:>11} {checks:>15}")
        print(f"  (everyday: {len(everyday)} lines, asked once per round)")


if __name__ == "__main__":
    main(sys.argv[1:] or ["en", "es", "de"])
