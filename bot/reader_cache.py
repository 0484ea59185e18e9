"""The screen's learned readers, fitted once and kept between starts (flows/reader.py).

Fitting the three readers took about 2 s at every start of `backcoach run` or `serve`, plus
0.7 s and 97 MB to import scikit-learn, in every replica. A fitted model is numbers: its
n-grams, their idf and coefficients. The first start writes them to
`<cache>/reader-<lang>-<fingerprint>.npz` (BACKCOACH_CACHE_DIR, ~/.cache/backcoach by default); a
later start with the same fingerprint (the same examples, model settings and scikit-learn
version) loads them instead, and never imports scikit-learn. Anything else — a changed corpus, a
missing, truncated or foreign file, a folder that cannot be written — fits the model as before;
the kept copy only saves time, it never changes an answer.

The files are numpy arrays read with `allow_pickle=False` (no code runs on load), written under a
temporary name and renamed into place (two replicas starting together each write a whole file),
readable by the owner only. They hold nothing about any person.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import io
import logging
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from flows.reader import Reader

__all__ = ["folder", "kept", "warm"]

log = logging.getLogger(__name__)


def _fingerprint(reader: Reader) -> str:
    return reader.fingerprint(f"scikit-learn {importlib.metadata.version('scikit-learn')}")


def folder(setting: Path | None) -> Path | None:
    """The folder BACKCOACH_CACHE_DIR names, "~" expanded; None when it is unset or names a home
    that cannot be found (a service user without one): then every start fits."""
    try:
        return setting.expanduser() if setting is not None else None
    except RuntimeError:
        log.warning("no home folder for the kept readers; set BACKCOACH_CACHE_DIR")
        return None


def kept(reader: Reader, folder: Path) -> Path:
    """Where the fitted model of `reader`, as it is now, is kept under `folder`."""
    return _path(reader, folder, _fingerprint(reader))


def _path(reader: Reader, folder: Path, fingerprint: str) -> Path:
    return folder / f"reader-{reader.language}-{fingerprint[:24]}.npz"


def warm(reader: Reader, folder: Path | None) -> bool:
    """Makes `reader` ready to read: loads its kept model from `folder`, or fits it and keeps it
    there (when `folder` is None, only fits). True when the kept model was used."""
    if folder is None:
        reader.train()
        return False
    fingerprint = _fingerprint(reader)  # hashes every example: once a start
    path = _path(reader, folder, fingerprint)
    if _load(reader, path, fingerprint):
        return True
    reader.train()
    _keep(reader, path, fingerprint)
    return False


def _load(reader: Reader, path: Path, fingerprint: str) -> bool:
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as stored:
            arrays: dict[str, Any] = {name: stored[name] for name in stored.files}
        if str(arrays.pop("fingerprint", "")) != fingerprint:
            raise ValueError("another model's file")
        reader.restore(arrays)
    except (FileNotFoundError, NotADirectoryError):
        return False  # not kept yet
    except (
        OSError,
        EOFError,
        ValueError,
        KeyError,
        TypeError,  # arrays of another shape: a 0-d array's rows are not sequences
        IndexError,
        UnicodeDecodeError,
        zipfile.BadZipFile,
    ) as error:
        # never the file's contents: only what went wrong, and which file
        log.warning(
            "kept reader %s not used (%s); fitting it again", path.name, type(error).__name__
        )
        return False
    return True


def _keep(reader: Reader, path: Path, fingerprint: str) -> None:
    import numpy as np

    buffer = io.BytesIO()
    np.savez(buffer, fingerprint=np.array(fingerprint), **reader.arrays())
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(buffer.getvalue())
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as error:
        log.warning(
            "could not keep the fitted reader in %s (%s)", path.parent, type(error).__name__
        )
        return
    for old in path.parent.glob(f"reader-{reader.language}-*.npz"):
        if old != path:  # an earlier corpus's model: never used again
            with contextlib.suppress(OSError):
                old.unlink()
