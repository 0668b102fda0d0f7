"""Read corpus files (Markdown, text, PDF, DOCX) into ``Document`` records.

Everything downstream (chunking, indexing, citing) works on plain text whose
lines follow the document's structure, so this module's job is to get there
from whatever the user drops into the corpus folder: Markdown with or without
YAML front matter, LawRefBook's own layout, text in UTF-8/UTF-16/GBK/GB18030,
PDFs whose text layer wraps lines mid-sentence, and Word files.

Parsing is done by pure functions on ``bytes``/``str``; only ``load_document``,
``discover`` and ``load_corpus`` touch the file system. A file that cannot be
used raises ``LoadError`` with a Chinese message saying why and what to do, and
``load_corpus`` turns that into a warning so that one bad file never stops a
build.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import itertools
import logging
import re
import unicodedata
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import yaml

from .chunking import ARTICLE_LOOSE_RE as _ARTICLE_LOOSE_RE
from .chunking import ARTICLE_RE as _ARTICLE_RE
from .numerals import CN_NUMERAL_CHARS, cn_to_int
from .records import Document

SUPPORTED = (".md", ".markdown", ".txt", ".pdf", ".docx")
MAX_FILE_MB = 50
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024

# Old or foreign formats people commonly drop in: say what to convert them to.
_CONVERT_HINTS = {
    ".doc": "旧版 Word（.doc）格式不支持，请在 Word/WPS 中另存为 .docx 后再放入语料目录",
    ".wps": "WPS 文字（.wps）格式不支持，请另存为 .docx 后再放入语料目录",
    ".rtf": "RTF 格式不支持，请另存为 .docx 或 .txt 后再放入语料目录",
    ".ofd": "OFD 格式不支持，请转换为 PDF（带文字层）或 .docx 后再放入语料目录",
    ".html": "网页格式不支持，请把正文复制为 .txt 或 .md 后再放入语料目录",
    ".htm": "网页格式不支持，请把正文复制为 .txt 或 .md 后再放入语料目录",
}

_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# NBSP, en/em/thin spaces: typesetting, not content; the chunker splits headings on " ".
_ODD_SPACE_RE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f]")
_HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
_INFO_END = "<!-- INFO END -->"
_N = f"[{CN_NUMERAL_CHARS}]+"
_DATE_CN_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DATE_LINE_RE = re.compile(r"^[（(]?\s*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{1,2}-\d{1,2})")
_TITLE_WORDS = ("法", "条例", "规定", "办法", "细则", "决定", "解释", "规则", "意见", "通知", "计划", "方案")
_COUNTRY_PREFIX = "中华人民共和国"

NO_TEXT_LAYER_MSG = "该 PDF 没有文字层（可能是扫描件），需要先做 OCR 识别，再保存为带文字层的 PDF 或文本文件"
_DECRYPT_HINT = "请另存为未加密的 PDF 后重试"
_ENCRYPTED_MSG = "该 PDF 已加密，需要密码才能读取；请先解除密码（另存为未加密的 PDF）后重试"
_REDOWNLOAD_HINT = "请重新下载或另存该文件后重试"


class LoadError(Exception):
    """A file that cannot be used; the message is Chinese and says why and what to do."""


# ---------------------------------------------------------------------------
# Text decoding


def decode_text(data: bytes) -> str:
    """Decode a text file's bytes: BOMs first, then UTF-8, then GB18030, then a detector.

    Chinese files saved on Windows are often GBK; GB18030 is its superset, so one
    decoder covers both. A guess is only accepted when the result reads like text,
    because a wrong guess (mojibake) is worse than a clear error.
    """
    return _decode(data)[0]


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _check_textual(data.decode(encoding)), encoding
            except UnicodeDecodeError:
                raise LoadError(
                    f"文件开头标明是 {encoding.upper()} 编码，但内容无法按该编码解码，"
                    "文件可能已损坏；请用文本编辑器另存为 UTF-8 后重试"
                ) from None
    if b"\x00" in data:
        # UTF-16 without a BOM is the one text encoding full of NUL bytes.
        encoding = _utf16_without_bom(data)
        if encoding:
            with contextlib.suppress(UnicodeDecodeError):
                return _check_textual(data.decode(encoding)), encoding
        raise _binary_error()
    with contextlib.suppress(UnicodeDecodeError):
        return _check_textual(data.decode("utf-8")), "utf-8"
    gb_text: str | None = None
    with contextlib.suppress(UnicodeDecodeError):
        gb_text = data.decode("gb18030")
    if gb_text is not None and _looks_like_simplified_chinese(gb_text):
        return _check_textual(gb_text), "gb18030"
    guessed = _detect(data)
    if guessed is not None and not (guessed[1] in ("gb18030", "gbk", "gb2312") and gb_text is not None):
        return _check_textual(guessed[0]), guessed[1]
    if gb_text is not None:
        # Valid GB18030 with many rare characters: traditional Chinese saved as GBK, most likely.
        return _check_textual(gb_text), "gb18030"
    raise LoadError("无法识别文件的字符编码，请用文本编辑器（如记事本）另存为 UTF-8 编码后重试")


def _utf16_without_bom(data: bytes) -> str | None:
    even, odd = data[0::2], data[1::2]
    if not even or not odd:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    # ASCII in UTF-16 puts its NUL on one side only; binary files scatter them.
    if odd_nul > 0.3 and even_nul < 0.02:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.02:
        return "utf-16-be"
    return None


def _looks_like_simplified_chinese(text: str) -> bool:
    non_ascii = [c for c in text if ord(c) > 0x7F]
    if not non_ascii:
        return True
    common = 0
    for c in non_ascii:
        try:
            c.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    # Real GBK text is nearly all GB2312; Big5 or Latin-1 misread as GBK is not.
    return common / len(non_ascii) >= 0.9


def _detect(data: bytes) -> tuple[str, str] | None:
    try:
        import charset_normalizer
    except ImportError:  # optional: without it only UTF-8/UTF-16/GB18030 are recognised
        return None
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    return str(best), best.encoding


def _check_textual(text: str) -> str:
    if not text:
        return text
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    if controls / len(text) > 0.1:
        raise _binary_error()
    return text


def _binary_error() -> LoadError:
    return LoadError(
        "文件内容不是文本（含有二进制数据），扩展名可能有误；请确认文件类型，或另存为 UTF-8 文本后重试"
    )


# ---------------------------------------------------------------------------
# Markdown: front matter, LawRefBook layout, normalisation


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split YAML front matter (between leading ``---`` lines) from the body.

    Values come back as strings (dates as YYYY-MM-DD) because ``Document.meta``
    is shown and compared as text. Text without front matter comes back unchanged.
    """
    meta, body, _ = _split_front_matter(text)
    return meta, body


def _split_front_matter(text: str) -> tuple[dict[str, str], str, str]:
    """Front matter, body and a warning ("" when the YAML parsed cleanly)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text, ""
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return {}, text, ""
    raw = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    try:
        data = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError:
        data = None
    if isinstance(data, dict):
        return {str(k): _meta_str(v) for k, v in data.items()}, body, ""
    # A broken header is still most likely "key: value" lines; keep what can be read.
    loose = _loose_key_values(raw)
    if loose:
        return loose, body, "前置元数据（front matter）不是合法的 YAML，已按“键: 值”逐行读取，请检查格式"
    return {}, text, ""


def _meta_str(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):  # unquoted YAML dates; datetime is a date too
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "、".join(_meta_str(v) for v in value)
    return str(value).strip()


def _loose_key_values(raw: str) -> dict[str, str]:
    """``key: value`` lines with ASCII keys; {} unless every top-level line is one.

    The all-or-nothing rule keeps a Markdown horizontal rule pair (``---`` … ``---``)
    around ordinary text from being mistaken for a header.
    """
    meta: dict[str, str] = {}
    for line in raw.split("\n"):
        if not line.strip() or line.lstrip().startswith("#") or line[:1] in (" ", "\t", "-"):
            continue
        m = re.match(r"^([A-Za-z_][\w-]*)\s*[:：]\s*(.*?)\s*$", line)
        if not m:
            return {}
        meta[m.group(1)] = m.group(2).strip("\"'")
    return meta


def split_lawrefbook_info(body: str) -> tuple[list[str], str]:
    """Cut LawRefBook's info block (title, date lines, ``<!-- INFO END -->``) off the body.

    Returns the info lines that are not ``#`` headings, and the body with the
    headings kept and the rest of the block removed. Bodies without the marker
    come back unchanged.
    """
    head, marker, rest = body.partition(_INFO_END)
    if not marker:
        return [], body
    headings: list[str] = []
    info: list[str] = []
    for line in head.split("\n"):
        s = line.strip()
        if not s or (s.startswith("<!--") and s.endswith("-->")):
            continue
        (headings if s.startswith("#") else info).append(s)
    return info, "\n\n".join([*headings, rest.lstrip("\n")])


def info_meta(info: list[str]) -> dict[str, str]:
    """Dates and other facts from LawRefBook info lines: dates, adopted, effective, info."""
    meta: dict[str, str] = {}
    dated = [s for s in info if _DATE_LINE_RE.match(s)]
    other = [s for s in info if not _DATE_LINE_RE.match(s)]
    if dated:
        meta["dates"] = "\n".join(dated)
    adopted = next((s for s in dated if "通过" in s), "")
    if adopted and (date := _first_date(adopted)):
        meta["adopted"] = date
    for line in reversed(info):  # the latest 施行 line is the version in force
        date = _effective_date(line)
        if date:
            meta["effective"] = date
            break
    if other:
        meta["info"] = "\n".join(other)
    return meta


def _first_date(text: str) -> str:
    dates = _dates(text)
    return dates[0][1] if dates else ""


def _dates(text: str) -> list[tuple[int, str]]:
    found = [(m.start(), m.groups()) for m in _DATE_CN_RE.finditer(text)]
    found += [(m.start(), m.groups()) for m in _DATE_ISO_RE.finditer(text)]
    out = []
    for pos, (y, mo, d) in sorted(found):
        with contextlib.suppress(ValueError):
            out.append((pos, dt.date(int(y), int(mo), int(d)).isoformat()))
    return out


def _effective_date(line: str) -> str:
    m = re.search(r"施行|生效", line)
    if not m:
        return ""
    # "2021年1月1日 施行", "…发布 自2021年3月1日施行", "…令第5号发布 自发布之日施行"
    before = [date for pos, date in _dates(line) if pos < m.start()]
    return before[-1] if before else ""


def normalize_text(text: str) -> str:
    """Tidy decoded text: zero-width characters, line ends, indentation, trailing spaces.

    Chinese documents indent paragraphs with ideographic spaces or NBSPs; left in,
    they would hide ``第X条`` from the chunker's line-start patterns. Other odd
    spaces inside a line become plain spaces; ideographic spaces inside are kept.
    """
    text = _ZERO_WIDTH_RE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = "".join(c for c in text if c in "\t\n" or unicodedata.category(c) != "Cc")
    lines = []
    for line in text.split("\n"):
        line = _ODD_SPACE_RE.sub(" ", line).strip(" \t\u3000")
        lines.append(line)
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def _markdown_title(body: str) -> str:
    for line in body.split("\n"):
        m = re.match(r"^#\s+(.+?)\s*#*\s*$", line.strip())
        if m:
            return m.group(1).strip()
    return ""


def _title_like(line: str) -> str:
    """The line as a title if it reads like one (short, names a kind of document), else ""."""
    s = line.strip().lstrip("#").strip().strip("《》")
    if not s or len(s) > 50 or s[-1] in "。；，：:;,！？":
        return ""
    if re.match(rf"^第({_N}|\d+)[条章节编]", s):
        return ""
    return s if any(w in s for w in _TITLE_WORDS) else ""


def _first_line(text: str) -> str:
    return next((ln.strip() for ln in text.split("\n") if ln.strip()), "")


def short_name(title: str) -> str:
    """Citation name: the title without a leading 中华人民共和国."""
    rest = title.removeprefix(_COUNTRY_PREFIX).strip()
    return rest or title


def make_doc_id(stem: str) -> str:
    """Stable id from a file stem: kept as is, whitespace (and '#', the clause-id separator) → '-'."""
    return re.sub(r"[\s#]+", "-", stem.strip()).strip("-") or "doc"


# ---------------------------------------------------------------------------
# PDF


_PAGE_NUMBER_RE = re.compile(
    r"^(?:[-—–－~]?\s*\d{1,4}\s*[-—–－~]?"
    r"|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)
# A new article: "第X条" then a space, or (PDFs sometimes drop the space) a character
# that cannot continue a cross-reference such as "第十条规定的".
_HEADING_UNIT_RE = re.compile(rf"^第({_N}|\d+)分?[编章节](?:[\s\u3000]+\S.{{0,30}})?$")
_ITEM_RE = re.compile(rf"^(?:[（(]{_N}[）)]|\d{{1,2}}[.．、](?!\d))")
_PDF_DATE_LINE_RE = re.compile(r"^[（(]?\d{4}\s*年\s*\d{1,2}\s*月")
_SECTION_RE = re.compile(rf"^{_N}、")
_HARD_END = "。！？!?"
_SOFT_END = "：；:;"


def _char_width(c: str) -> float:
    return 1.0 if unicodedata.east_asian_width(c) in ("W", "F") else 0.5


def _width(line: str) -> float:
    return sum(_char_width(c) for c in line)


def _clean_pages(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and running headers/footers at page edges."""
    edge = 2
    repeated: set[str] = set()
    if len(pages) >= 3:
        counts: Counter[str] = Counter()
        for lines in pages:
            keys = {re.sub(r"\d+", "#", ln) for ln in lines[:edge] + lines[-edge:]}
            counts.update(keys)
        repeated = {k for k, n in counts.items() if n >= max(2, len(pages) / 2)}
    out = []
    for lines in pages:
        kept = []
        for i, line in enumerate(lines):
            at_edge = i < edge or i >= len(lines) - edge
            if at_edge and (_PAGE_NUMBER_RE.match(line) or re.sub(r"\d+", "#", line) in repeated):
                continue
            kept.append(line)
        out.append(kept)
    return out


def reflow_pdf_lines(lines: list[str]) -> list[str]:
    """Re-join lines that a PDF wrapped mid-sentence into paragraphs.

    A line continues the previous one unless it starts a structural unit (article,
    编/章/节 heading, numbered item), the previous line ends a sentence, or the
    previous line is clearly shorter than the text width (a title, heading or a
    paragraph's last line). A full line ending in a sentence mark may still be a
    wrap; breaking there only splits between sentences, which the chunker joins.
    """
    widths = sorted(_width(ln) for ln in lines if ln.strip())
    if not widths:
        return []
    full = widths[min(len(widths) - 1, int(len(widths) * 0.95))]
    paragraphs: list[str] = []
    last_article = 0
    prev = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            prev = ""  # an empty line in the text layer is a real paragraph break
            continue
        starts_unit = False
        m = _ARTICLE_RE.match(line)
        loose = _ARTICLE_LOOSE_RE.match(line)
        if m or (loose and (cn_to_int(loose.group(1)) or 0) == last_article + 1):
            starts_unit = True
            last_article = cn_to_int((m or loose).group(1)) or last_article
        elif _HEADING_UNIT_RE.match(line) or _ITEM_RE.match(line):
            starts_unit = True
        elif last_article == 0 and _PDF_DATE_LINE_RE.match(line):
            # Adoption/revision lines under the title; inside articles a line that starts
            # with a date is usually a wrapped "本法自" + "2011年1月1日起施行".
            starts_unit = True
        elif _SECTION_RE.match(line):
            # After a full line "一、" is as likely a wrapped "统一、…" as a heading;
            # a heading is a short line of its own without sentence punctuation.
            starts_unit = _width(line) < 0.8 * full and not line.endswith(
                tuple(_HARD_END + _SOFT_END + "，,")
            )
        prev_width = _width(prev)
        # A full line ending in ；or ： is as often a wrap inside the paragraph as its end.
        ends_sentence = prev.endswith(tuple(_HARD_END)) or (
            prev.endswith(tuple(_SOFT_END)) and prev_width < 0.95 * full
        )
        short_prev = prev_width < 0.8 * full
        if not paragraphs or not prev or starts_unit or ends_sentence or short_prev:
            paragraphs.append(line)
        else:
            glue = " " if prev[-1].isascii() and prev[-1].isalnum() and line[0].isascii() else ""
            paragraphs[-1] += glue + line
        prev = line
    return paragraphs


def pdf_text_from_pages(page_texts: list[str]) -> str:
    """Paragraph text from the text layer of each page (pure, for tests and reuse)."""
    pages = [[ln.strip() for ln in t.replace("\r", "\n").split("\n") if ln.strip()] for t in page_texts]
    lines = [ln for page in _clean_pages(pages) for ln in page]
    paragraphs = reflow_pdf_lines(lines)
    text = "\n\n".join(paragraphs)
    # Font switches between digits and CJK come out as "2010 年8 月28 日"; the source has no space.
    return re.sub(r"(?<=\d) (?=[\u3400-\u9fff])", "", text)


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Silence pypdf's warnings and log lines about harmless quirks of real-world PDFs."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _read_pdf(data: bytes) -> tuple[str, dict[str, str], list[str]]:
    """(text, meta, warnings) from PDF bytes; raises LoadError with the reason."""
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError

    if b"%PDF-" not in data[:1024]:
        raise LoadError("不是有效的 PDF 文件（缺少 PDF 文件头），可能是扩展名有误；请确认文件类型")
    with _quiet_pypdf():
        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                try:
                    # Many "protected" PDFs only restrict printing: the empty password opens them.
                    ok = reader.decrypt("")
                except (DependencyError, NotImplementedError) as e:
                    raise LoadError(f"该 PDF 已加密，当前环境无法解密（{e}）；{_DECRYPT_HINT}") from None
                if not ok:
                    raise LoadError(_ENCRYPTED_MSG)
            page_texts = [page.extract_text() or "" for page in reader.pages]
            info = reader.metadata
            meta_title = str(info.title or "") if info else ""
        except LoadError:
            raise
        except FileNotDecryptedError:
            raise LoadError(_ENCRYPTED_MSG) from None
        except Exception as e:  # broken files surface as PdfReadError, but also KeyError, ValueError...
            raise LoadError(
                f"PDF 文件已损坏或无法解析（{type(e).__name__}: {e}）；{_REDOWNLOAD_HINT}"
            ) from None
    if not page_texts:
        raise LoadError("PDF 文件没有任何页面；请确认文件是否完整")
    visible = sum(len(re.sub(r"\s", "", t)) for t in page_texts)
    if visible < 10 * len(page_texts):
        raise LoadError(NO_TEXT_LAYER_MSG)
    text = pdf_text_from_pages(page_texts)
    garbled = sum(1 for c in text if c == "\ufffd" or "\ue000" <= c <= "\uf8ff")
    if garbled > 0.2 * max(1, len(re.sub(r"\s", "", text))):
        raise LoadError(
            "该 PDF 的文字层无法正确解码（字体缺少字符映射，提取出的是乱码）；请做 OCR 识别或换个来源的文件"
        )
    doc_warnings = []
    empty_pages = [str(i + 1) for i, t in enumerate(page_texts) if not t.strip()]
    if empty_pages:
        pages = "、".join(empty_pages)
        doc_warnings.append(f"第 {pages} 页没有文字层（可能是扫描页），这些页的内容未收录；需要时请先做 OCR")
    doc_warnings.extend(_article_gaps(text))
    meta = {"format": "pdf", "pages": str(len(page_texts))}
    if meta_title.strip():
        meta["pdf_title"] = meta_title.strip()
    return text, meta, doc_warnings


def _article_gaps(text: str) -> list[str]:
    """Warn when article numbers jump, a sign of lost text or a mis-joined line."""
    numbers = [cn_to_int(m.group(1)) or 0 for ln in text.split("\n") if (m := _ARTICLE_RE.match(ln.strip()))]
    if len(numbers) < 2:
        return []
    for a, b in itertools.pairwise(numbers):
        if b not in (a, a + 1):
            return [f"条文编号不连续（第{a}条之后是第{b}条），可能有文字层缺失或换行识别错误，请核对原文"]
    return []


def _meaningful_pdf_title(title: str, stem: str) -> str:
    t = title.strip()
    if len(t) < 4 or t == stem or t.lower().startswith("microsoft word"):
        return ""
    if re.search(r"\.(docx?|pdf|wps|txt)$", t, re.I) or not re.search(r"[\u4e00-\u9fff]", t):
        return ""
    return t


# ---------------------------------------------------------------------------
# DOCX


def _read_docx(data: bytes) -> tuple[str, dict[str, str]]:
    """(text, meta) from DOCX bytes: paragraphs and tables in order, headings as '#'."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise LoadError("这是旧版 Word（.doc）或已加密的 Word 文件，请在 Word/WPS 中另存为未加密的 .docx")
    if not data.startswith(b"PK"):
        raise LoadError("不是有效的 DOCX 文件，可能是扩展名有误；请在 Word/WPS 中另存为 .docx 后重试")
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    cells: list[str] = []
                    for cell in row.cells:
                        t = cell.text.strip()
                        if t and (not cells or cells[-1] != t):  # merged cells repeat
                            cells.append(t)
                    if cells:
                        lines.append(" | ".join(cells))
                continue
            text = block.text.strip()
            if not text:
                lines.append("")
                continue
            level = _heading_level(block.style.name if block.style is not None else "")
            lines.append(f"{'#' * level} {text}" if level else text)
        core_title = document.core_properties.title or ""
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        reason = f"{type(e).__name__}: {e}"
        raise LoadError(f"DOCX 文件已损坏或无法解析（{reason}）；请在 Word/WPS 中重新另存后重试") from None
    meta = {"format": "docx"}
    if core_title.strip():
        meta["docx_title"] = core_title.strip()
    # Word paragraphs are paragraphs: blank lines between them, as in the Markdown corpus.
    return "\n\n".join(lines), meta


def _heading_level(style_name: str) -> int:
    name = style_name.strip()
    if name.lower() in ("title", "标题"):
        return 1
    m = re.match(r"^(?:heading|标题)\s*(\d)$", name, re.I)
    return min(int(m.group(1)), 6) if m else 0


# ---------------------------------------------------------------------------
# Files and the corpus


def load_document(path: Path, root: Path | None = None) -> Document:
    """Read one file into a Document, or raise LoadError saying why it cannot be used.

    ``root``: when given and the file lies under it, ``Document.path`` is recorded
    relative to it (keeps an index portable between checkouts); otherwise as given.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        hint = _CONVERT_HINTS.get(suffix)
        raise LoadError(hint or f"不支持的文件类型“{suffix or '无扩展名'}”；支持：{'、'.join(SUPPORTED)}")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            mb = size / 1024 / 1024
            raise LoadError(
                f"文件过大（{mb:.1f} MB，上限 {MAX_FILE_MB} MB），请拆分成较小的文件后再放入语料目录"
            )
        data = path.read_bytes()
    except OSError as e:
        raise LoadError(f"无法读取文件（{e.strerror or e}）；请检查文件是否存在以及读取权限") from None
    shown = str(path)
    if root is not None:
        with contextlib.suppress(ValueError):
            shown = str(path.relative_to(root))
    return parse_document(data, suffix=suffix, stem=path.stem, shown_path=shown)


def parse_document(data: bytes, suffix: str, stem: str, shown_path: str = "") -> Document:
    """Build a Document from a file's bytes (pure: no file system access)."""
    if not data.strip():
        raise LoadError("文件为空，请确认文件内容后重新放入语料目录")
    meta: dict[str, str] = {}
    doc_warnings: list[str] = []
    had_front_matter = False
    if suffix == ".pdf":
        text, meta, doc_warnings = _read_pdf(data)
    elif suffix == ".docx":
        text, meta = _read_docx(data)
    else:
        text = _ZERO_WIDTH_RE.sub("", decode_text(data)).replace("\r\n", "\n").replace("\r", "\n")
        front, text, warning = _split_front_matter(text)
        had_front_matter = bool(front)
        if warning:
            doc_warnings.append(warning)
        info, text = split_lawrefbook_info(text)
        for key, value in info_meta(info).items():
            front.setdefault(key, value)
        is_markdown = suffix in (".md", ".markdown")
        meta = {**front, "format": "markdown" if is_markdown else "text"}
        if is_markdown:
            text = _HTML_COMMENT_RE.sub("", text)
    text = normalize_text(text)
    if not text.strip():
        if had_front_matter:
            raise LoadError("文件为空：只有前置元数据（front matter），没有正文；请补充正文后重试")
        raise LoadError("文件为空，请确认文件内容后重新放入语料目录")
    title = (
        meta.get("title")
        or _markdown_title(text)
        or _meaningful_pdf_title(meta.get("pdf_title", "") or meta.get("docx_title", ""), stem)
        or _title_like(_first_line(text))
        or stem
    )
    short = meta.get("short") or short_name(title)
    return Document(
        doc_id=make_doc_id(stem),
        path=shown_path,
        title=title,
        short=short,
        text=text,
        meta=meta,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=doc_warnings,
    )


def _is_skipped(rel: Path) -> bool:
    name = rel.name
    if any(part.startswith(".") for part in rel.parts):
        return True  # hidden files and folders (.git, editor swap files)
    if name.startswith("~$"):
        return True  # Word's lock file beside an open document
    return name.lower() in ("readme.md", "readme.markdown", "readme.txt")


def discover(dirs: list[Path]) -> list[Path]:
    """All supported files under the folders, sorted; hidden files, READMEs and missing folders skipped.

    A path in ``dirs`` that is itself a supported file is included as is.
    """
    found: dict[Path, Path] = {}
    for d in dirs:
        d = Path(d)
        if d.is_file():
            if d.suffix.lower() in SUPPORTED:
                found.setdefault(d.resolve(), d)
            continue
        if not d.is_dir():
            continue
        for p in d.rglob("*"):
            if p.suffix.lower() in SUPPORTED and p.is_file() and not _is_skipped(p.relative_to(d)):
                # Overlapping folders (corpus/ and corpus/regulations/) must not load a file twice.
                found.setdefault(p.resolve(), p)
    return sorted(found.values(), key=lambda p: str(p))


def _unique_ids(paths: list[Path]) -> dict[Path, str]:
    """doc_id per file; files sharing a stem get their parent folder(s) as a prefix.

    Every clashing file is prefixed (not just the second one), so an id does not
    depend on the order in which files were found.
    """
    ids = {p: make_doc_id(p.stem) for p in paths}
    max_depth = max((len(p.parents) for p in paths), default=0)
    for depth in range(1, max_depth + 1):
        counts = Counter(ids.values())
        clashes = [p for p in paths if counts[ids[p]] > 1]
        if not clashes:
            return ids
        for p in clashes:
            parents = [q.name for q in p.parents if q.name][:depth]
            ids[p] = make_doc_id("-".join([*reversed(parents), p.stem]))
    counts = Counter(ids.values())
    seen: Counter[str] = Counter()
    for p in sorted(paths, key=str):
        if counts[ids[p]] > 1:  # same stem in folders of the same name all the way up
            seen[ids[p]] += 1
            ids[p] = f"{ids[p]}-{seen[ids[p]]}"
    return ids


def load_corpus(dirs: list[Path], progress: bool = False) -> tuple[list[Document], list[str]]:
    """Load every supported file under the folders; bad files are skipped with a warning.

    Returns (documents, warnings). Warnings name the file and the reason; they
    include missing folders, byte-identical copies (only the first is kept) and
    each document's own warnings, so one list is enough to show the user.
    """
    messages: list[str] = []
    for d in dirs:
        if not Path(d).exists():
            messages.append(f"{d}：语料目录不存在，已跳过")
    paths = discover(dirs)
    loaded: dict[Path, Document] = {}
    first_with_hash: dict[str, Path] = {}
    iterator: list[Path] | Iterator[Path] = paths
    if progress:
        from tqdm import tqdm

        iterator = tqdm(paths, desc="读取文档", unit="个")
    for p in iterator:
        try:
            doc = load_document(p)
        except LoadError as e:
            messages.append(f"{p}：{e}（已跳过该文件）")
            continue
        if doc.sha256 in first_with_hash:
            # The same file in two corpus folders (a copy of a shared regulation) would
            # otherwise show up twice in every answer.
            messages.append(f"{p}：与 {first_with_hash[doc.sha256]} 内容完全相同，已跳过")
            continue
        first_with_hash[doc.sha256] = p
        messages.extend(f"{p}：{w}" for w in doc.warnings)
        loaded[p] = doc
    # Ids are assigned after duplicates are dropped, so a copy does not rename the original.
    ids = _unique_ids(list(loaded))
    docs: list[Document] = []
    for p, doc in loaded.items():
        doc.doc_id = ids[p]
        docs.append(doc)
    return docs, messages
