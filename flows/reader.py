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
language; it happens once per process, on first use or when the front end warms it at start-up.
"""

from __future__ import annotations

import functools
import math
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from flows.screen import Finding

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
_CHECKS: dict[str, str] = {"emergency": "check_cauda", "crisis": "check_crisis"}


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
        from flows.screen import fold

        typed = " ".join(fold(text).split()).strip(" .!")
        return bool(typed) and any(label.startswith(typed) for label in self.labels)

    def read(self, text: str) -> Finding | None:
        """The check question to ask about `text`, or None when the reader suspects nothing. When
        it suspects both kinds, the crisis question comes first and the emergency one `also`."""
        from flows.screen import Finding

        found = None
        for kind in reversed(self.suspected(text)):
            found = Finding("check", _CHECKS[kind], found)
        return found


@functools.lru_cache(maxsize=8)
def _fit(texts: tuple[str, ...], kinds: tuple[str, ...]) -> _Fitted:
    """The fitted model; the same examples (a content reload, another test) reuse it."""
    # imported here: scikit-learn takes a second to import, and only the reader needs it
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union
    from threadpoolctl import threadpool_limits

    from flows.screen import fold

    features = make_union(
        # character n-grams within words: misspellings and new word forms share most of them
        TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), preprocessor=fold, sublinear_tf=True, min_df=2
        ),
        # words and word pairs: "keep myself safe", "cant pee"
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), preprocessor=fold, sublinear_tf=True),
    )
    model = LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced")
    # one BLAS thread: the matrices are small, and threads that spin while another process holds
    # the other core made the fit 20 times slower (6 s instead of 0.3 s); the same result either way
    with threadpool_limits(1):
        return _Fitted(make_pipeline(features, model).fit(list(texts), list(kinds)))


class _Fitted:
    """A fitted pipeline, and the same model as plain lookups for scoring one message.

    Each vectorizer weighs a message's n-grams as (1 + log count) × idf, scaled to unit length;
    the logistic regression adds each class's coefficient for each weight, and a softmax turns
    the sums into probabilities. Keeping idf × coefficient per n-gram in a dict makes that a
    handful of lookups: scikit-learn's transform builds sparse matrices for every call."""

    def __init__(self, pipeline: Any) -> None:
        self.pipeline = pipeline
        union, regression = pipeline.steps[0][1], pipeline.steps[1][1]
        self.classes: tuple[str, ...] = tuple(str(k) for k in regression.classes_)
        self.intercepts: tuple[float, ...] = tuple(float(b) for b in regression.intercept_)
        self.parts: list[tuple[Any, dict[str, tuple[float, tuple[float, ...]]]]] = []
        offset = 0
        for _, vectorizer in union.transformer_list:
            idf = vectorizer.idf_
            weights = {
                gram: (float(idf[i]), tuple(float(c) for c in regression.coef_[:, offset + i]))
                for gram, i in vectorizer.vocabulary_.items()
            }
            self.parts.append((vectorizer.build_analyzer(), weights))
            offset += len(vectorizer.vocabulary_)

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
