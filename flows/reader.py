"""The learned reader: the free-text screen's second tier, for wording no rule has seen (DESIGN §5).

The phrase rules (flows/screen.py) name the red flag when they find one. On text nobody wrote a
rule for they miss some: blind held-out sets showed new crisis wording answered about 60% of the
time, round after round. The reader is a linear model over the message's character and word
n-grams (scikit-learn: TF-IDF, logistic regression), trained on the language's screen corpus
(data/safety/corpus/<lang>.toml: every phrasing with its kind), the held-out sets once scored
(data/safety/learnt/<lang>.toml) and its everyday messages (data/safety/everyday/<lang>.txt).
It learns what the emergency signs and self-harm sound like from thousands of ways people have
put them, misspellings included.

It never escalates on its own and never names a red flag: when the rules found nothing and the
reader thinks the message is likely about the emergency signs or self-harm, the coach asks the
matching check question (check_cauda: "any change in bladder, bowel, feeling down below …?";
check_crisis: "are you having thoughts of ending your life?"), whose answer leads to the right
care. That is DESIGN §5's "when in doubt": a false alarm costs one question.

Training is deterministic (the same corpus gives the same model) and takes about half a second per
language; it happens once per process, on first use or when the front end warms it at start-up,
unless the front end restores a model fitted from the same examples by an earlier start
(`fingerprint`, `arrays`, `restore`; bot/reader_cache.py keeps them). Scoring needs no
scikit-learn: only fitting imports it.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import math
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from flows.screen import CHECK_CAUDA, CHECK_CRISIS, Finding, fold

__all__ = ["READ_KINDS", "THRESHOLDS", "Example", "ReadKind", "Reader"]

ReadKind = Literal["emergency", "crisis", "none"]
READ_KINDS: tuple[ReadKind, ...] = ("emergency", "crisis", "none")
# Crisis is asked about at a lower probability: asking someone directly about suicide does not
# make it likelier, and a missed crisis costs most. First chosen (0.4) on the earlier held-out
# sets (en v5, es and de v3) and the everyday set; lowered to 0.3 on 2026-12-07 by leaving each
# learnt blind round out in turn (scripts/reader_rounds.py, nine rounds of three languages): the
# reader alone then missed 22 rather than 29 of their emergency and crisis cases (the whole
# screen 2 rather than 5), for 16 more check questions on 1,800 everyday messages and 5 more on
# 374 calm cases. An emergency threshold of 0.4 missed 2 fewer, both German, for 9 more everyday
# and 8 more calm check questions: it stays at 0.5.
THRESHOLDS: Mapping[str, float] = {"crisis": 0.3, "emergency": 0.5}
MIN_WORDS = 2  # the rules alone read a single word ("kms", "incontinent"); the reader needs more
# the check question that answers each kind the reader may suspect
_CHECKS: Mapping[str, str] = {"emergency": CHECK_CAUDA, "crisis": CHECK_CRISIS}


@dataclass(frozen=True)
class Example:
    """One phrasing the reader learns from: its text and what it is about."""

    text: str
    kind: ReadKind


@dataclass(eq=False)
class Reader:
    """A language's learned reader. `thresholds` are the probabilities at or above which each kind
    is suspected; `examples` must hold all three kinds. Messages of fewer than MIN_WORDS words
    with a letter, and the coach's own button labels (or their start) typed back, are not read."""

    language: str
    examples: Sequence[Example]
    thresholds: Mapping[str, float] = field(default_factory=lambda: dict(THRESHOLDS))
    labels: Sequence[str] = ()  # the coach's button labels, folded: typed back, they are not read
    _model: _Fitted | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __post_init__(self) -> None:
        self.labels = tuple(sorted(self.labels))

    def train(self) -> _Fitted:
        """Fits the model (once; later calls return it at once)."""
        with self._lock:
            if self._model is None:
                texts = tuple(e.text for e in self.examples)
                self._model = _fit(texts, tuple(e.kind for e in self.examples))
            return self._model

    def chances(self, text: str) -> dict[str, float]:
        """The model's probability of each kind for `text` (equal to scikit-learn's
        predict_proba, computed without its per-call overhead: a tenth of the time)."""
        return self.train().chances(text)

    def suspects(self, text: str) -> str | None:
        """The kind the reader suspects in `text` ("crisis" first, then "emergency"), or None."""
        kinds = self.suspected(text)
        return kinds[0] if kinds else None

    def suspected(self, text: str) -> tuple[str, ...]:
        """Every kind the reader suspects in `text`, "crisis" first: each at or above its
        threshold. Messages of fewer than MIN_WORDS words with a letter are not read."""
        if sum(any(c.isalpha() for c in word) for word in text.split()) < MIN_WORDS:
            return ()  # a score, a button's word, an emoji: too little for the model to read
        if self._a_label(text):
            return ()  # "carry on": a button's label, or its start, typed back
        chances = self.chances(text)
        return tuple(
            k for k in ("crisis", "emergency") if chances.get(k, 0.0) >= self.thresholds[k]
        )

    def _a_label(self, text: str) -> bool:
        """`text` is a label or a label's start (labels are sorted: the first label not less
        than the text is the one that can start with it)."""
        typed = " ".join(fold(text).split()).strip(" .!")
        at = bisect.bisect_left(self.labels, typed)
        return bool(typed) and at < len(self.labels) and self.labels[at].startswith(typed)

    def fingerprint(self, *extra: str) -> str:
        """A digest of what the model is fitted from: the model's settings (`recipe`), the
        language, the examples in order, and `extra` (the front end adds the version of the
        library that fits it). A kept model is used only under the same fingerprint."""
        digest = hashlib.sha256(json.dumps([recipe(), self.language, *extra]).encode())
        for example in self.examples:
            digest.update(json.dumps([example.kind, example.text]).encode())
        return digest.hexdigest()

    def arrays(self) -> dict[str, Any]:
        """The fitted model (fitted now if it was not) as numpy arrays, to keep between starts."""
        return self.train().arrays()

    def restore(self, arrays: Mapping[str, Any]) -> None:
        """Uses the model `arrays` hold (`arrays()` of an earlier start with the same fingerprint)
        instead of fitting one; ValueError when they do not make a model."""
        model = _Fitted.from_arrays(arrays)
        with self._lock:
            self._model = model

    def read(self, text: str) -> Finding | None:
        """The check question to ask about `text`, or None when the reader suspects nothing. When
        it suspects both kinds, the crisis question comes first and the emergency one `also`."""
        found = None
        for kind in reversed(self.suspected(text)):
            found = Finding("check", _CHECKS[kind], found)
        return found


# The model, in one place: _fit follows it and `recipe()` names it, so that a fitted model
# kept between starts (bot/reader_cache.py) is used only for the settings and examples it was fitted
# on. Raise FORMAT when the analysers or the stored arrays change in a way these do not show.
FORMAT = 1
_CHAR_GRAMS = (2, 5)  # character n-grams within words: misspellings and new forms share most
_CHAR_MIN_DF = 2
_WORD_GRAMS = (1, 2)  # words and word pairs: "keep myself safe", "cant pee"
_REGRESSION: Mapping[str, Any] = {"C": 10.0, "max_iter": 2000, "class_weight": "balanced"}
_SPACES = re.compile(r"\s\s+")
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def _char_grams(text: str) -> list[str]:
    """scikit-learn's "char_wb" analysis of the folded text: each word padded with a space, and
    its n-grams of every length in _CHAR_GRAMS (a word shorter than n once, whole). Written out
    here (tests/flows/test_reader.py checks it against scikit-learn's) so that scoring a message
    needs no scikit-learn: a process that loads a fitted model never imports it."""
    low, high = _CHAR_GRAMS
    grams: list[str] = []
    for word in _SPACES.sub(" ", fold(text)).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            grams.extend(padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
            if len(padded) <= n:
                break
    return grams


def _word_grams(text: str) -> list[str]:
    """scikit-learn's "word" analysis of the folded text: tokens of two or more word characters,
    then every run of _WORD_GRAMS of them joined by a space."""
    low, high = _WORD_GRAMS
    tokens = _TOKEN.findall(fold(text))
    return [
        " ".join(tokens[i : i + n])
        for n in range(low, high + 1)
        for i in range(len(tokens) - n + 1)
    ]


_ANALYSERS: tuple[Callable[[str], list[str]], ...] = (_char_grams, _word_grams)


def recipe() -> dict[str, Any]:
    """The model's settings, as plain data (part of what a kept model is checked against)."""
    return {
        "format": FORMAT,
        "char_grams": _CHAR_GRAMS,
        "char_min_df": _CHAR_MIN_DF,
        "word_grams": _WORD_GRAMS,
        "regression": dict(_REGRESSION),
    }


@functools.lru_cache(maxsize=8)
def _fit(texts: tuple[str, ...], kinds: tuple[str, ...]) -> _Fitted:
    """The fitted model; the same examples (a content reload, another test) reuse it."""
    # imported here: scikit-learn takes a second to import, and only training needs it
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union
    from threadpoolctl import threadpool_limits

    features = make_union(
        TfidfVectorizer(analyzer=_char_grams, sublinear_tf=True, min_df=_CHAR_MIN_DF),
        TfidfVectorizer(analyzer=_word_grams, sublinear_tf=True),
    )
    model = LogisticRegression(**_REGRESSION)
    # one BLAS thread: the matrices are small, and threads that spin while another process holds
    # the other core made the fit 20 times slower (6 s instead of 0.3 s); the same result either way
    with threadpool_limits(1):
        return _Fitted.of(make_pipeline(features, model).fit(list(texts), list(kinds)))


# One analyser's n-grams: each with its idf and its coefficient for each class.
_Weights = dict[str, tuple[float, tuple[float, ...]]]


class _Fitted:
    """A fitted model as plain lookups for scoring one message.

    Each vectorizer weighs a message's n-grams as (1 + log count) × idf, scaled to unit length;
    the logistic regression adds each class's coefficient for each weight, and a softmax turns
    the sums into probabilities. Keeping idf × coefficient per n-gram in a dict makes that a
    handful of lookups: scikit-learn's transform builds sparse matrices for every call.
    `pipeline` is scikit-learn's fitted pipeline when this process fitted it (None when the
    model came from `arrays`)."""

    def __init__(
        self,
        classes: Sequence[str],
        intercepts: Sequence[float],
        weights: Sequence[_Weights],
        pipeline: Any = None,
    ) -> None:
        self.classes = tuple(classes)
        self.intercepts = tuple(intercepts)
        self.parts = list(zip(_ANALYSERS, weights, strict=True))
        self.pipeline = pipeline

    @classmethod
    def of(cls, pipeline: Any) -> _Fitted:
        union, regression = pipeline.steps[0][1], pipeline.steps[1][1]
        weights: list[_Weights] = []
        offset = 0
        for _, vectorizer in union.transformer_list:
            idf = vectorizer.idf_
            weights.append(
                {
                    gram: (float(idf[i]), tuple(float(c) for c in regression.coef_[:, offset + i]))
                    for gram, i in vectorizer.vocabulary_.items()
                }
            )
            offset += len(vectorizer.vocabulary_)
        classes = [str(k) for k in regression.classes_]
        return cls(classes, [float(b) for b in regression.intercept_], weights, pipeline)

    def arrays(self) -> dict[str, Any]:
        """The model as numpy arrays (no Python objects: numpy loads them without pickle):
        `classes`, `intercepts`, and per analyser i `grams{i}` (UTF-8, one n-gram a line),
        `idf{i}` and `coef{i}` (one row per n-gram, one column per class)."""
        import numpy as np

        out: dict[str, Any] = {
            "classes": np.array(self.classes),
            "intercepts": np.array(self.intercepts, dtype=np.float64),
        }
        for i, (_, weights) in enumerate(self.parts):
            grams = list(weights)
            out[f"grams{i}"] = np.frombuffer("\n".join(grams).encode(), dtype=np.uint8)
            out[f"idf{i}"] = np.array([weights[g][0] for g in grams], dtype=np.float64)
            coef = [weights[g][1] for g in grams]
            out[f"coef{i}"] = np.array(coef, dtype=np.float64).reshape(len(grams), -1)
        return out

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, Any]) -> _Fitted:
        """The model `arrays` gave; ValueError when they do not make one."""
        classes = [str(k) for k in arrays["classes"].tolist()]
        if sorted(classes) != sorted(READ_KINDS):
            raise ValueError(f"classes {classes}")
        weights: list[_Weights] = []
        for i in range(len(_ANALYSERS)):
            grams = bytes(arrays[f"grams{i}"]).decode().split("\n")
            idf, coef = arrays[f"idf{i}"].tolist(), arrays[f"coef{i}"].tolist()
            if not (len(grams) == len(idf) == len(coef)) or any(
                len(row) != len(classes) for row in coef
            ):
                raise ValueError(f"analyser {i}: {len(grams)} n-grams, {len(idf)} idf, {len(coef)}")
            weights.append({g: (w, tuple(row)) for g, w, row in zip(grams, idf, coef, strict=True)})
        intercepts = [float(b) for b in arrays["intercepts"].tolist()]
        if len(intercepts) != len(classes):
            raise ValueError(f"{len(intercepts)} intercepts")
        return cls(classes, intercepts, weights)

    def chances(self, text: str) -> dict[str, float]:
        sums = list(self.intercepts)
        for analyze, weights in self.parts:
            counts: dict[str, int] = {}
            for gram in analyze(text):
                if gram in weights:
                    counts[gram] = counts.get(gram, 0) + 1
            terms = [
                (weights[g][0] * (1.0 + math.log(n)), weights[g][1]) for g, n in counts.items()
            ]
            norm = math.sqrt(sum(w * w for w, _ in terms))
            for w, coefficients in terms:
                for k, c in enumerate(coefficients):
                    sums[k] += w / norm * c
        top = max(sums)
        exps = [math.exp(v - top) for v in sums]
        total = sum(exps)
        return {k: e / total for k, e in zip(self.classes, exps, strict=True)}
