"""Small, deterministic text tools for the offline coach: tokens, light stemming, BM25.

Pure Python and cheap on purpose: the offline evaluator must grade a 10-question interview in
well under a second on a slow laptop, with no model download.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

__all__ = ["STOPWORDS", "Bm25Index", "stem", "stems", "words"]

_WORD = re.compile(r"[a-z0-9][a-z0-9+#]*(?:[.\-_][a-z0-9+#]+)*")

_STOPWORD_TEXT = """
    a about above after again against all also an and any are as at be because been before
    being below between both but by can could did do does doing down during each either else
    etc every few for from further get gets got had has have having he her here hers him his
    how i if in into is it its itself just let like made make makes many may me might more
    most much must my no nor not now of off often on once one only or other our out over own
    per rather really same she should so some such than that the their them then there these
    they this those through thus to too under until up upon us use used uses using very via
    was way we well were what when where which while who whom why will with within without
    would yes yet you your e.g i.e eg ie"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

# Longest first; a suffix is removed only if at least 3 characters remain.
_SUFFIXES = (
    "izations", "ization", "ational", "fulness", "iveness", "ements", "ement", "ments",
    "ations", "ation", "ingly", "ments", "ings", "ment", "ness", "able", "ible", "ing",
    "ers", "ies", "ied", "ed", "es", "er", "ly", "al", "s",
)  # fmt: skip


def stem(word: str) -> str:
    """A light suffix-stripping stemmer: 'caching', 'cached', 'cache' → 'cach'."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + ("i" if suffix in ("ies", "ied") else "")
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    if word.endswith("ency"):
        word = word[:-2] + "t"  # efficiency → efficient
    elif word.endswith("iz") and len(word) > 5:
        word = word[:-2]  # normalize/normalizing → normal, like normalization
    if word.endswith("y") and len(word) > 3:
        word = word[:-1] + "i"
    return word


def words(text: str) -> list[str]:
    """Lower-cased word tokens (keeps 'node.js', 'c++', 'o(n)' pieces, 'big-o')."""
    return _WORD.findall(text.lower())


def stems(text: str) -> list[str]:
    """Content-word stems, in order, stopwords removed."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]


class Bm25Index:
    """Okapi BM25 over token lists (k1=1.5, b=0.75)."""

    def __init__(self, documents: Sequence[Sequence[str]], *, k1: float = 1.5, b: float = 0.75):
        self._k1 = k1
        self._b = b
        self._tfs = [Counter(doc) for doc in documents]
        self._lengths = [len(doc) for doc in documents]
        self._avg = (sum(self._lengths) / len(documents)) if documents else 0.0
        df: Counter[str] = Counter()
        for tf in self._tfs:
            df.update(tf.keys())
        n = len(documents)
        self._idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}

    def __len__(self) -> int:
        return len(self._tfs)

    def idf(self, term: str) -> float:
        return self._idf.get(term, 0.0)

    def search(self, query: Iterable[str], k: int = 3) -> list[tuple[int, float]]:
        """(document index, score) of the best `k` documents with a positive score."""
        terms = set(query)
        scores: list[tuple[float, int]] = []
        for i, tf in enumerate(self._tfs):
            score = 0.0
            norm = self._k1 * (1 - self._b + self._b * self._lengths[i] / (self._avg or 1.0))
            for term in terms:
                f = tf.get(term)
                if f:
                    score += self._idf[term] * f * (self._k1 + 1) / (f + norm)
            if score > 0:
                scores.append((score, i))
        scores.sort(key=lambda item: (-item[0], item[1]))  # ties: bank order, deterministic
        return [(i, s) for s, i in scores[:k]]
