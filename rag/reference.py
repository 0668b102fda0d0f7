"""Reference library: national laws outside the Q&A corpus, kept to recognise questions about them.

Staff also ask about 土地征收, 法律援助 or 公务员处分. The corpus holds no law on those, but it
shares enough general words (补偿, 标准, 申请, 处分) that retrieval always finds *some*
clause, and neither the dense cosine nor word coverage tells such a near miss from a real
answer. A BM25 index over a broad library of national laws can: when the laws the corpus
holds match a question far worse than another law of the library does, the question is about
that other law, and the assistant says so instead of quoting a clause that only shares its words.

Only BM25 is kept, no vectors: the library is only asked "which law is this about", and
building it for the 1,510 laws of LawRefBook's national collection takes about 25 s.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tarfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from .lawnames import is_subsequence

FORMAT = 2  # 2: LawRefBook's cases and guides left out
FOLDER = "reference"  # under the index directory, beside the generations
TMP_PREFIX = ".reference-tmp-"
OLD_PREFIX = ".reference-old-"
TOP_K = 200  # library clauses looked at; a corpus law not among them counts as scoring 0
# A question is about another law when the corpus' best law scores under this share of it.
# On the dev split the out-of-scope questions this catches score 0 to 0.49, and no question
# the corpus answers scores under 0.70 (once the colloquial expansion maps its words).
MAX_HELD_RATIO = 0.5
MIN_SCORE = 5.0  # a library match weaker than this (raw BM25) says nothing about the question
# When the corpus has no good match anyway, the library's law is named only as a hint, and a weak
# match is a poor one: "今天星期几" matched 全国年节及纪念日放假办法 at 7.8, "食堂几点开饭" a food
# safety regulation at 6.3, "旗长是谁" a soil-conservation rule at 5.0. Dev's out-of-scope questions
# named at 9.2 and above are apt (医保异地就医 → 社会保险经办条例, 低保 → 社会救助暂行办法).
HINT_MIN_SCORE = 9.0
_TEXT_SUFFIXES = (".md", ".markdown", ".txt")
_SECTION_PAGES = ("_index.md", "index.md")  # LawRefBook's per-folder pages: front matter only, no law
# LawRefBook's folders of court cases (案例) and guides (其他, e.g. 劳动仲裁和劳动诉讼的攻略) hold no law an
# administrator could add. Told in everyday words (饭馆, 奶茶店, 遗嘱), they matched colloquial questions the
# corpus answers better than any law did, and the assistant refused them naming a case as "the law".
_NOT_LAW_FOLDERS = ("案例", "其他")
_PREFIX_RE = re.compile(r"^中华人民共和国")
_TRAILER_RE = re.compile(r"[（(][^（）()]*(?:修正|修订|修改|年)[^（）()]*[）)]$")


class ReferenceError_(RuntimeError):
    """The reference library cannot be read or built; the message says what to do."""


@dataclass
class ReferenceManifest:
    """What a reference build used and holds; a build with the same inputs is skipped."""

    format: int
    source: str
    source_sha256: str
    tokenizer: str
    documents: int
    clauses: int
    built_at: str
    build_seconds: float
    skipped: list[str] = field(default_factory=list)  # "name: reason" for files that could not be read


@dataclass
class ReferenceReport:
    """What ``build_reference`` did, in one line for the build summary."""

    documents: int = 0
    clauses: int = 0
    seconds: float = 0.0
    up_to_date: bool = False
    skipped: list[str] = field(default_factory=list)
    error: str = ""

    def summary(self) -> str:
        if self.error:
            return f"参考法规库未能建立：{self.error}（问答不受影响，只是不能识别涉及未收录法规的问题）"
        head = "参考法规库已是最新" if self.up_to_date else f"参考法规库已建立（用时 {self.seconds:.1f} 秒）"
        text = f"{head}：{self.documents} 部法规，{self.clauses} 个条款，用于识别涉及未收录法规的问题。"
        if self.skipped:
            text += f"\n参考法规库中无法读取、已跳过 {len(self.skipped)} 个文件：{'；'.join(self.skipped[:5])}"
        return text


def law_key(title: str) -> str:
    """A title as compared between the corpus and the library: no 中华人民共和国, no revision note."""
    key = re.sub(r"\s+", "", title)
    key = _PREFIX_RE.sub("", key)
    return _TRAILER_RE.sub("", key)


def held_keys(names: Iterable[str]) -> set[str]:
    """The keys of the corpus' documents (titles and short names)."""
    return {law_key(n) for n in names if n}


def held_and_outside(ranked: list[tuple[str, float]], held: set[str]) -> tuple[float, list[tuple[str, float]]]:
    """The best score of a law the corpus holds, and the matches of the laws it does not (best first)."""
    best_held = max((s for t, s in ranked if law_key(t) in held), default=0.0)
    return best_held, [(t, s) for t, s in ranked if law_key(t) not in held]


def outside_law(ranked: list[tuple[str, float]], held: set[str],
                max_ratio: float = MAX_HELD_RATIO, min_score: float = MIN_SCORE) -> str:
    """The law a question is about when the corpus' laws match it far worse than another law ("" otherwise).

    ``ranked``: (law title, BM25 score) of the library's best clauses, best first. Scores are
    compared within the library, where every law is weighed by the same statistics.
    """
    best_held, outside = held_and_outside(ranked, held)
    if not outside:
        return ""
    title, score = outside[0]
    return title if score >= min_score and best_held < max_ratio * score else ""


_NAME_ENDINGS = ("法典", "条例", "法")  # how a law's name ends, longest first for the regex
_NAME_END_RE = re.compile("|".join(_NAME_ENDINGS))
MAX_NAME_CHARS = 25


def mentioned_law(question: str, keys: frozenset[str], held: Iterable[str]) -> str:
    """The longest library law the question names bare that the corpus does not hold ("" for none).

    The question parser knows a bare name by what follows it ("……法规定", "……法第十条") and wants four
    characters, so "监察法规定" and "行政强制法允许……" slip through it; the library knows them as laws.
    ``keys``: the library's ``law_keys``; ``held``: the corpus' names. A shortened held name
    (信访条例 for 信访工作条例, itself an old law's name) counts as held.
    """
    held_keys = [law_key(h) for h in held]
    best = ""
    for m in _NAME_END_RE.finditer(question):
        end = m.end()
        for start in range(max(0, end - MAX_NAME_CHARS), end - 2):
            name = question[start:end]
            if name in keys:  # the longest name ending here
                if len(name) > len(best) and not any(is_subsequence(name, h) for h in held_keys):
                    best = name
                break
    return best


def source_files(source: Path) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of every text file in a folder or a tar archive (.tar, .tar.gz, .tgz)."""
    if source.is_dir():
        for path in sorted(source.rglob("*")):
            member = str(path.relative_to(source))
            if path.is_file() and _wanted(member):
                yield member, path.read_bytes()
        return
    try:
        with tarfile.open(source) as archive:
            for member in archive:
                if member.isfile() and _wanted(member.name):
                    handle = archive.extractfile(member)
                    if handle is not None:
                        yield member.name, handle.read()
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise ReferenceError_(f"无法读取 {source}（{exc}）；请检查文件是否完整，或用 RAG_REFERENCE=off 关闭参考法规库") from None


def _wanted(member: str) -> bool:
    """A law's text file: not a folder page, nor under a folder of cases or guides (``member``: path in the library)."""
    path = Path(member)
    return (path.suffix.lower() in _TEXT_SUFFIXES and path.name.lower() not in _SECTION_PAGES
            and not set(path.parts[:-1]) & set(_NOT_LAW_FOLDERS))


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    if path.is_dir():
        for p in sorted(path.rglob("*")):
            if p.is_file() and _wanted(p.name):
                st = p.stat()
                digest.update(f"{p.relative_to(path)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        return digest.hexdigest()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(index_dir: Path) -> ReferenceManifest | None:
    path = index_dir / FOLDER / "manifest.json"
    try:
        return ReferenceManifest(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def build_reference(source: Path, index_dir: Path, progress: bool = True) -> ReferenceReport:
    """Index the library at ``source`` into ``index_dir/reference``, unless it is already there.

    Unreadable files are skipped with their name and the reason. The new library is written
    beside the old one and swapped in by renames, so a killed build leaves the old one whole.
    """
    from .chunking import chunk_document
    from .lexical import LexicalIndex
    from .loading import LoadError, parse_document
    from .tokenization import Tokenizer, fingerprint

    t0 = time.perf_counter()
    report = ReferenceReport()
    if not source.exists():
        report.error = f"找不到 {source}；请检查 RAG_REFERENCE，或设为 off 关闭参考法规库"
        return report
    sha = _sha256(source)
    old = read_manifest(index_dir)
    if old and (old.format, old.source_sha256, old.tokenizer) == (FORMAT, sha, fingerprint()):
        report.up_to_date, report.documents, report.clauses = True, old.documents, old.clauses
        report.skipped = old.skipped
        return report
    titles: list[str] = []
    texts: list[str] = []
    clause_doc: list[int] = []
    try:
        for name, data in _progress(source_files(source), progress, "读取参考法规"):
            stem = Path(name).stem
            try:
                clauses = chunk_document(parse_document(data, suffix=Path(name).suffix.lower(), stem=stem,
                                                        shown_path=name)).clauses
            except LoadError as exc:
                report.skipped.append(f"{name}：{exc}")
                continue
            if not clauses:
                report.skipped.append(f"{name}：没有可用的条文")
                continue
            titles.append(clauses[0].doc_title)
            texts.extend(c.text for c in clauses)
            clause_doc.extend([len(titles) - 1] * len(clauses))
    except ReferenceError_ as exc:
        report.error = str(exc)
        return report
    if not titles:
        report.error = f"{source} 中没有可读的法规文件（.md/.txt）"
        return report
    tokenizer = Tokenizer()
    tokens = [tokenizer.tokenize(t) for t in _progress(texts, progress, "参考法规分词")]
    lexical = LexicalIndex()
    lexical.index(tokens)
    report.documents, report.clauses = len(titles), len(texts)
    report.seconds = time.perf_counter() - t0
    manifest = ReferenceManifest(
        format=FORMAT, source=str(source), source_sha256=sha, tokenizer=tokenizer.fingerprint,
        documents=report.documents, clauses=report.clauses, built_at=time.strftime("%Y-%m-%dT%H:%M:%S"),
        build_seconds=round(report.seconds, 1), skipped=report.skipped,
    )
    _write(index_dir, manifest, lexical, titles, np.asarray(clause_doc, dtype=np.int32))
    return report


def _progress(items: Iterable, progress: bool, desc: str) -> Iterable:
    if not progress:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="个", leave=False)


def _write(index_dir: Path, manifest: ReferenceManifest, lexical, titles: list[str], clause_doc: np.ndarray) -> None:
    index_dir.mkdir(parents=True, exist_ok=True)
    tmp = index_dir / f"{TMP_PREFIX}{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    lexical.save(tmp / "lexical")
    np.save(tmp / "clause_doc.npy", clause_doc)
    (tmp / "titles.json").write_text(json.dumps(titles, ensure_ascii=False), encoding="utf-8")
    # The manifest goes last: a folder without one is never loaded.
    (tmp / "manifest.json").write_text(json.dumps(asdict(manifest), ensure_ascii=False, indent=1), encoding="utf-8")
    from .index import _fsync_dir, _fsync_tree

    _fsync_tree(tmp)  # on disk before it is swapped in, as the index's generations are
    final = index_dir / FOLDER
    old = index_dir / f"{OLD_PREFIX}{os.getpid()}"
    if final.exists():
        final.rename(old)
    tmp.rename(final)
    _fsync_dir(index_dir)
    shutil.rmtree(old, ignore_errors=True)  # leftovers of a killed swap go with index.clean_leftovers


class ReferenceLibrary:
    """The library's BM25 index, asked which laws a question is nearest to."""

    def __init__(self, lexical, titles: list[str], clause_doc: np.ndarray, manifest: ReferenceManifest) -> None:
        from .tokenization import Tokenizer

        self.lexical = lexical
        self.titles = titles
        self.clause_doc = clause_doc
        self.manifest = manifest
        # Its own tokenizer: the corpus tokenizer's user words change with the corpus, the library's tokens do not.
        self.tokenizer = Tokenizer()

    @classmethod
    def load(cls, index_dir: Path) -> ReferenceLibrary | None:
        """The library built in ``index_dir``, or None when there is none or it is damaged."""
        from .lexical import LexicalIndex

        folder = index_dir / FOLDER
        manifest = read_manifest(index_dir)
        if manifest is None or manifest.format != FORMAT:
            return None
        try:
            titles = json.loads((folder / "titles.json").read_text(encoding="utf-8"))
            clause_doc = np.load(folder / "clause_doc.npy")
            lexical = LexicalIndex.load(folder / "lexical", size=len(clause_doc))
        except (OSError, ValueError, KeyError):
            return None
        if len(clause_doc) != manifest.clauses or (len(clause_doc) and clause_doc.max() >= len(titles)):
            return None
        return cls(lexical, titles, clause_doc, manifest)

    @cached_property
    def law_keys(self) -> frozenset[str]:
        """The library's law names as a question writes them (law_key), three characters or more."""
        keys = (law_key(t) for t in self.titles)
        return frozenset(k for k in keys if len(k) >= 3 and k.endswith(_NAME_ENDINGS))

    def nearest(self, text: str, k: int = TOP_K) -> list[tuple[str, float]]:
        """(law title, BM25 score) of the ``k`` library clauses nearest to ``text``, best first."""
        from .selection import top_n

        scores = self.lexical.scores(self.tokenizer.tokenize(text))
        top = top_n(scores, k)
        return [(self.titles[self.clause_doc[i]], float(scores[i])) for i in top if scores[i] > 0]
