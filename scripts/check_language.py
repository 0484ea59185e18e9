"""Checks a language's content before it goes into data/, listing every problem, not just the
first (start-up stops at the first): `python scripts/check_language.py es [folder]`.

Without a folder it checks data/ as it is. With one, the folder holds messages.ftl,
exercises.toml and ladders.toml (a translator's working copy), checked as if they were
data/messages/<lang>.ftl and data/text/<lang>/.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.catalogue import CatalogueError, FluentCatalogue, key_of, syntax_errors  # noqa: E402
from bot.content import ContentError, load_content  # noqa: E402


def problems_in_catalogue(language: str, path: Path) -> list[str]:
    """Every syntax error, or else every difference from English and the first message that
    cannot be checked (bot.catalogue's own checks, all of them instead of the first)."""
    source = path.read_text(encoding="utf-8")
    found = [f"{error.key}: {error.problem}" for error in syntax_errors(path.name, source)]
    if found:
        return found
    english = FluentCatalogue("en", "en.ftl", (ROOT / "data/messages/en.ftl").read_text("utf-8"))
    mine = FluentCatalogue(language, path.name, source)
    found = [f"{error.key}: {error.problem}" for error in mine.differences(english)]
    for name in sorted(set(mine.uses) & set(english.uses)):
        lost = english.uses[name].variables - mine.uses[name].variables
        if lost:
            found.append(f"{key_of(name)}: (warning) leaves out ${', $'.join(sorted(lost))}")
    try:
        mine.check()
    except CatalogueError as error:
        found.append(f"{error.key}: {error.problem}")
    return found


def main() -> int:
    language = sys.argv[1]
    folder = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data"
        shutil.copytree(ROOT / "data", data)
        if folder is not None:
            shutil.copy(folder / "messages.ftl", data / "messages" / f"{language}.ftl")
            (data / "text" / language).mkdir(parents=True, exist_ok=True)
            for name in ("exercises.toml", "ladders.toml"):
                shutil.copy(folder / name, data / "text" / language / name)
        found = problems_in_catalogue(language, data / "messages" / f"{language}.ftl")
        for problem in found:
            print(problem)
        if not any("warning" not in p for p in found):
            try:
                content = load_content(data)
                print(f"{language}: loads; {len(content.messages[language].keys())} messages")
            except ContentError as error:
                print(error)
                return 1
    return 1 if any("warning" not in p for p in found) else 0


if __name__ == "__main__":
    sys.exit(main())
