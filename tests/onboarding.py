"""What every walk through onboarding answers beyond what it spells out, kept in one place.

Onboarding asks a fear rating for each ladder in data/ladders.toml. The walkers spell out the first
four (bend, lift, twist, carry) and rate the others (sitting for long, reaching overhead, getting
up from the floor) with MORE_FEARS: not threatening; no walker starts a ladder it did not ask for.
"""

from __future__ import annotations

from bot.content import load_content

SPELT_OUT = ("bend", "lift", "twist", "carry")
LATER_LADDERS = [m for m in load_content().ladders if m not in SPELT_OUT]
MORE_FEARS: list[str] = ["0"] * len(LATER_LADDERS)
