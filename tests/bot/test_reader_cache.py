"""The screen's fitted readers kept between starts (bot/reader_cache.py): used only when they are
the model this start would fit, never trusted when damaged, and no scikit-learn import when used."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.content import default_data_dir, load_reader
from bot.reader_cache import _fingerprint, folder, kept, warm
from bot.settings import Settings
from flows.reader import Example, Reader

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ["my bladder leaks 3", "i want to vanish", "walked to the park", "zzqx", ""]


def _toy(extra: str = "") -> Reader:
    """A reader of three made-up kinds, small enough to fit in a moment."""
    examples = [Example(f"my bladder leaks {n}", "emergency") for n in range(20)]
    examples += [Example(f"i want to vanish forever {n}", "crisis") for n in range(20)]
    examples += [Example(f"walked to the park {n}{extra}", "none") for n in range(20)]
    return Reader("xx", tuple(examples))


def test_a_second_start_uses_the_kept_model_and_reads_the_same(tmp_path: Path) -> None:
    """The first warm fits and keeps the model; a fresh reader of the same examples loads it
    (without fitting) and gives the same chances, to 1e-12, on the corpus and odd texts."""
    first = _toy()
    assert warm(first, tmp_path) is False
    assert kept(first, tmp_path).exists()
    second = _toy()
    assert warm(second, tmp_path) is True
    assert second.train() is not first.train()  # loaded, not the same object fitted twice
    for text in SAMPLES + [e.text for e in first.examples]:
        assert second.chances(text) == pytest.approx(first.chances(text), abs=1e-12)


def test_a_real_languages_kept_model_reads_as_the_fitted_one(tmp_path: Path) -> None:
    """German's reader, kept and loaded: the same chances as the fitted model on every fifth
    example, and the same check questions."""
    fitted = load_reader(default_data_dir(), "de")
    warm(fitted, tmp_path)
    loaded = load_reader(default_data_dir(), "de")
    assert warm(loaded, tmp_path) is True
    for e in fitted.examples[::5]:
        assert loaded.chances(e.text) == pytest.approx(fitted.chances(e.text), abs=1e-12)
        assert loaded.read(e.text) == fitted.read(e.text)


def test_changed_examples_fit_anew_and_replace_the_old_file(tmp_path: Path) -> None:
    """One example more is another model: it is fitted, kept under its own name, and the file of
    the old examples is removed."""
    old = _toy()
    warm(old, tmp_path)
    new = _toy(extra=" again")
    assert kept(new, tmp_path) != kept(old, tmp_path)
    assert warm(new, tmp_path) is False
    assert sorted(tmp_path.iterdir()) == [kept(new, tmp_path)]


@pytest.mark.parametrize(
    "damage", ["truncated", "garbage", "empty", "another model", "misshapen arrays"]
)
def test_a_damaged_or_foreign_file_is_not_used_and_is_replaced(
    tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A kept file cut short, overwritten, empty, holding another model's arrays under this
    model's name, or this model's fingerprint with arrays of another shape: the model is fitted
    again (same chances as a fresh fit), the file rewritten, and one warning names the file and
    the error's type only."""
    reader = _toy()
    warm(reader, tmp_path)
    path = kept(reader, tmp_path)
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:200])
    elif damage == "garbage":
        path.write_bytes(b"PK\x03\x04 not a zip at all")
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "misshapen arrays":  # this model's fingerprint, arrays of another shape
        np.savez(path, fingerprint=np.array(_fingerprint(reader)), classes=np.array(7))
    else:
        other = _toy(extra=" elsewhere")
        warm(other, tmp_path)
        kept(other, tmp_path).replace(path)
    again = _toy()
    with caplog.at_level(logging.WARNING, logger="bot.reader_cache"):
        assert warm(again, tmp_path) is False
    assert [r.getMessage().split(" (")[0] for r in caplog.records] == [
        f"kept reader {path.name} not used"
    ]
    for text in SAMPLES:
        assert again.chances(text) == pytest.approx(reader.chances(text), abs=1e-12)
    assert warm(_toy(), tmp_path) is True  # rewritten whole


def test_a_folder_that_cannot_be_written_only_fits(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """When the cache folder cannot be made (a file stands in its place), the reader is fitted,
    reads as usual, and one warning says the model could not be kept."""
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    reader = _toy()
    with caplog.at_level(logging.WARNING, logger="bot.reader_cache"):
        assert warm(reader, blocked / "cache") is False
    assert reader.read("want to vanish") is not None
    assert len(caplog.records) == 1 and "could not keep" in caplog.records[0].getMessage()


def test_no_folder_only_fits(tmp_path: Path) -> None:
    """BACKCOACH_CACHE_DIR="" (no folder): the reader is fitted and nothing is written."""
    reader = _toy()
    assert warm(reader, None) is False
    assert reader.read("want to vanish") is not None
    assert list(tmp_path.iterdir()) == []


def test_the_setting_names_the_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """By default ~/.cache/backcoach under the home folder; BACKCOACH_CACHE_DIR="" keeps none."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("BACKCOACH_CACHE_DIR", raising=False)
    assert folder(Settings().cache_dir) == tmp_path / ".cache" / "backcoach"
    assert folder(Settings(BACKCOACH_CACHE_DIR="").cache_dir) is None
    assert folder(Settings(BACKCOACH_CACHE_DIR="/srv/x").cache_dir) == Path("/srv/x")


def test_kept_files_are_the_owners_only(tmp_path: Path) -> None:
    """The folder is made 0700 and the file is written 0600."""
    reader = _toy()
    warm(reader, tmp_path / "cache")
    assert (tmp_path / "cache").stat().st_mode & 0o777 == 0o700
    assert kept(reader, tmp_path / "cache").stat().st_mode & 0o777 == 0o600


def test_a_process_that_loads_every_kept_reader_never_imports_scikit_learn(tmp_path: Path) -> None:
    """With the three languages' models kept, a new process loads the content, warms every reader
    from the folder, screens a message, and has not imported scikit-learn (0.7 s and ~100 MB)."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from bot.content import load_content\n"
        "from bot.reader_cache import warm\n"
        "content = load_content()\n"
        "used = [warm(r, Path(sys.argv[1])) for r in content.readers.values()]\n"
        "asked = content.readers['en'].read('everyone would be better off without me')\n"
        "print(used, asked is not None, 'sklearn' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = [sys.executable, "-c", script, str(tmp_path)]
    first = subprocess.run(run, capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    assert first.stdout.split() == ["[False,", "False,", "False]", "True", "True"]
    second = subprocess.run(run, capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    assert second.stdout.split() == ["[True,", "True,", "True]", "True", "False"]
