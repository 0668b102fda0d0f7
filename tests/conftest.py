"""Shared fixtures: the real corpus from ../shared/ and one index built once per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PLAN_DIR = ROOT / "corpus" / "plan"
REG_DIR = SHARED / "corpus" / "regulations"
PDF_DIR = SHARED / "corpus-pdf"
# The reference library of other national laws (rag/reference.py), as `rag build` finds it by default.
REFERENCE = SHARED / "corpus-scale" / "lawrefbook-national-laws.tar.gz"
# Small regulations for tests that build their own index and must stay quick.
SMALL_REGULATIONS = (
    "gongping-jingzheng-shencha-tiaoli.md",
    "zhengfu-ducha-gongzuo-tiaoli.md",
    "xingzheng-zhifa-yisong-xianyi-fanzui-anjian-guiding.md",
)

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# Commands and servers started by tests build their own small indexes; the 30 s reference
# library is built once, for the session index (builtin_config), and by the tests about it.
os.environ.setdefault("RAG_REFERENCE", "off")


def pytest_collection_modifyitems(config, items):
    if not REG_DIR.is_dir():
        skip = pytest.mark.skip(reason=f"shared regulations not found at {REG_DIR}")
        for item in items:
            if "needs_shared" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def plan_path() -> Path:
    return next(PLAN_DIR.glob("*.md"))


@pytest.fixture(scope="session")
def regulation_paths() -> list[Path]:
    paths = sorted(REG_DIR.glob("*.md"))
    assert len(paths) == 15, f"expected the 15 shared regulations in {REG_DIR}"
    return paths


@pytest.fixture(scope="session")
def built_index(tmp_path_factory) -> Path:
    """The full built-in corpus (plan + 15 regulations) indexed once with the default model.

    The embedding cache is seeded from the developer's index/ when present so a
    local run does not embed everything again; CI starts clean and pays once.
    """
    from rag.index import build_index

    index_dir = tmp_path_factory.mktemp("index")
    local_cache = ROOT / "index" / "cache"
    if local_cache.is_dir():
        shutil.copytree(local_cache, index_dir / "cache")
    build_index(builtin_config(index_dir), progress=False)
    return index_dir


def builtin_config(index_dir: Path):
    """The default setup on the built-in corpus: plan + 15 regulations, reference library when present."""
    from rag.config import Config

    return Config(corpus_dirs=[PLAN_DIR, REG_DIR], index_dir=index_dir,
                  reference=REFERENCE if REFERENCE.exists() else None)


@pytest.fixture(scope="session")
def assistant(built_index):
    from rag.assistant import Assistant

    return Assistant(builtin_config(built_index))
