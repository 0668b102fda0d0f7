"""Loading corpus files: real regulations, LawRefBook files and PDFs from ../shared, plus files written here.

No mocks: every test reads a real file through ``load_document``/``load_corpus``.
"""

from __future__ import annotations

import hashlib
import re
import tarfile
from pathlib import Path

import docx
import pypdf
import pytest

from rag.loading import (
    MAX_FILE_BYTES,
    LoadError,
    decode_text,
    discover,
    load_corpus,
    load_document,
    parse_front_matter,
    pdf_text_from_pages,
)
from rag.numerals import cn_to_int

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REGULATIONS = SHARED / "corpus" / "regulations"
PDFS = SHARED / "corpus-pdf"
LAWREFBOOK = SHARED / "corpus-scale" / "lawrefbook-national-laws.tar.gz"

needs_shared = pytest.mark.skipif(not REGULATIONS.is_dir(), reason="../shared (shared data) is not present")

ARTICLE_LINE = re.compile(r"^第([零〇一二两三四五六七八九十百千]+)条[\s\u3000]")


def article_numbers(text: str) -> list[int]:
    """Numbers of the lines that start with 第X条, in order."""
    return [cn_to_int(m.group(1)) or 0 for ln in text.split("\n") if (m := ARTICLE_LINE.match(ln))]


def article_paragraphs(text: str) -> dict[int, str]:
    """First line of each article, keyed by its number."""
    out: dict[int, str] = {}
    for ln in text.split("\n"):
        m = ARTICLE_LINE.match(ln)
        if m:
            out[cn_to_int(m.group(1)) or 0] = ln
    return out


# --- Markdown ---------------------------------------------------------------


@needs_shared
def test_front_matter_gives_title_short_issuer_and_doc_number() -> None:
    path = REGULATIONS / "renmin-tiaojie-fa.md"
    doc = load_document(path)
    assert doc.doc_id == "renmin-tiaojie-fa"
    assert doc.title == "中华人民共和国人民调解法"
    assert doc.short == "人民调解法"
    assert doc.meta["issuer"] == "全国人民代表大会常务委员会"
    assert doc.meta["doc_number"] == "中华人民共和国主席令第三十四号"
    assert doc.meta["effective"] == "2011-01-01"
    assert doc.meta["articles"] == "35"  # YAML integers come back as strings
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert not doc.text.startswith("---")
    assert "issuer:" not in doc.text
    assert doc.text.startswith("# 中华人民共和国人民调解法")
    assert doc.warnings == []


@needs_shared
def test_every_shared_regulation_loads_with_its_front_matter_article_count() -> None:
    docs, warnings = load_corpus([REGULATIONS])
    assert warnings == []
    assert len(docs) == 15
    for doc in docs:
        assert article_numbers(doc.text) == list(range(1, int(doc.meta["articles"]) + 1)), doc.doc_id


def test_parse_front_matter_returns_strings_and_body() -> None:
    text = (
        "---\ntitle: 测试条例\nadopted: 2020-12-26\narticles: 28\ntags: [a, b]\n---\n# 测试条例\n\n正文。\n"
    )
    meta, body = parse_front_matter(text)
    assert meta == {"title": "测试条例", "adopted": "2020-12-26", "articles": "28", "tags": "a、b"}
    assert body == "# 测试条例\n\n正文。\n"


def test_text_without_front_matter_is_returned_unchanged() -> None:
    text = "# 标题\n\n---\n\n正文"
    assert parse_front_matter(text) == ({}, text)


def test_broken_yaml_front_matter_is_read_line_by_line_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "broken-yaml.md"
    path.write_text('---\ntitle: "某某办法\nissuer: 国务院: 办公厅\n---\n第一条 正文。\n', "utf-8")
    doc = load_document(path)
    assert doc.meta["issuer"] == "国务院: 办公厅"
    assert doc.text == "第一条 正文。"
    assert doc.warnings and "YAML" in doc.warnings[0]


def test_horizontal_rules_around_text_are_not_front_matter() -> None:
    text = "---\n注意：这里是正文，不是元数据。\n---\n第一条 正文。"
    assert parse_front_matter(text) == ({}, text)


def test_markdown_without_front_matter_takes_title_from_first_heading(tmp_path: Path) -> None:
    path = tmp_path / "xingzheng-fuyi.md"
    path.write_text("\n\n# 中华人民共和国行政复议法\n\n## 第一章 总则\n\n第一条 为了规范。\n", "utf-8")
    doc = load_document(path)
    assert doc.title == "中华人民共和国行政复议法"
    assert doc.short == "行政复议法"
    assert doc.doc_id == "xingzheng-fuyi"
    assert doc.meta == {"format": "markdown"}


def test_title_falls_back_to_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "工作笔记.md"
    path.write_text("这是一段没有标题的说明文字，只有正文。\n\n第二段。\n", "utf-8")
    doc = load_document(path)
    assert doc.title == "工作笔记"
    assert doc.short == "工作笔记"


def test_text_is_normalised(tmp_path: Path) -> None:
    raw = "# 标题\r\n\r\n\u3000\u3000第一条\u00a0为了\u200b测试。  \r\n\u00a0\u00a0第二条 其他。\t"
    raw += "\r\n\r\n\r\n\r\n尾。"
    path = tmp_path / "norm.md"
    path.write_bytes(raw.encode("utf-8"))
    doc = load_document(path)
    assert doc.text == "# 标题\n\n第一条 为了测试。\n第二条 其他。\n\n尾。"


def test_html_comments_are_removed_from_markdown(tmp_path: Path) -> None:
    path = tmp_path / "c.md"
    path.write_text("# 某某办法\n\n<!-- 编者注：\n多行注释 -->\n第一条 正文。<!-- 行内 -->\n", "utf-8")
    assert load_document(path).text == "# 某某办法\n\n第一条 正文。"


# --- LawRefBook layout --------------------------------------------------------

LAWREFBOOK_MEMBERS = {
    "renmin": "./诉讼与非诉讼程序法/人民调解法(2010-08-28).md",
    "wuquan": "./民法典/物权编.md",
}


@pytest.fixture(scope="session")
def lawrefbook_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two real LawRefBook files, taken out of the shared tarball."""
    if not LAWREFBOOK.is_file():
        pytest.skip("../shared/corpus-scale tarball is not present")
    out = tmp_path_factory.mktemp("lawrefbook")
    files: dict[str, Path] = {}
    with tarfile.open(LAWREFBOOK, "r:gz") as tar:
        for key, name in LAWREFBOOK_MEMBERS.items():
            member = tar.extractfile(tar.getmember(name))
            assert member is not None
            target = out / Path(name).parent.name / Path(name).name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(member.read())
            files[key] = target
    return files


def test_lawrefbook_file_loads_without_its_info_block(lawrefbook_files: dict[str, Path]) -> None:
    doc = load_document(lawrefbook_files["renmin"])
    assert doc.title == "中华人民共和国人民调解法"
    assert doc.short == "人民调解法"
    assert doc.doc_id == "人民调解法(2010-08-28)"
    assert "INFO END" not in doc.text and "<!--" not in doc.text
    assert "第十六次会议通过" not in doc.text  # the date line moved to meta
    assert doc.meta["dates"] == "2010年8月28日 第十一届全国人民代表大会常务委员会第十六次会议通过"
    assert doc.meta["adopted"] == "2010-08-28"
    lines = doc.text.split("\n")
    assert lines[0] == "# 中华人民共和国人民调解法"
    assert "## 第一章 总则" in lines and "## 第六章 附则" in lines
    assert article_numbers(doc.text) == list(range(1, 36))


def test_lawrefbook_effective_date_comes_from_the_shixing_line(lawrefbook_files: dict[str, Path]) -> None:
    doc = load_document(lawrefbook_files["wuquan"])
    assert doc.title == "中华人民共和国民法典"
    assert doc.short == "民法典"
    assert doc.meta["effective"] == "2021-01-01"
    assert doc.meta["adopted"] == "2020-05-28"
    assert "2021年1月1日 施行" not in doc.text
    assert "## 第一分编  通则" in doc.text.split("\n")


@needs_shared
def test_lawrefbook_and_front_matter_copies_have_the_same_articles(lawrefbook_files: dict[str, Path]) -> None:
    lrb = load_document(lawrefbook_files["renmin"])
    ours = load_document(REGULATIONS / "renmin-tiaojie-fa.md")
    assert article_paragraphs(lrb.text) == article_paragraphs(ours.text)


# --- Text encodings -----------------------------------------------------------

SAMPLE = "第一条 为了规范行政复议，制定本法。\n第二条 公民、法人或者其他组织认为行政行为侵犯其合法权益的。\n"


def test_gbk_text_decodes_exactly(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(SAMPLE.encode("gbk"))
    assert load_document(path).text == SAMPLE.strip()
    assert decode_text(SAMPLE.encode("gbk")) == SAMPLE


def test_gb18030_text_with_characters_outside_gbk_decodes_exactly(tmp_path: Path) -> None:
    text = SAMPLE + "生僻字：𠮷、䶮、𡈽。\n"  # four-byte GB18030 sequences
    path = tmp_path / "gb18030.md"
    path.write_bytes(text.encode("gb18030"))
    assert load_document(path).text == text.strip()


def test_gbk_front_matter_is_read(tmp_path: Path) -> None:
    path = tmp_path / "gbk-front.md"
    path.write_bytes("---\ntitle: 某某条例\nissuer: 国务院\n---\n第一条 正文。\n".encode("gbk"))
    doc = load_document(path)
    assert (doc.title, doc.meta["issuer"], doc.text) == ("某某条例", "国务院", "第一条 正文。")


def test_utf8_bom_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf" + "---\ntitle: 带BOM的办法\n---\n正文。\n".encode())
    doc = load_document(path)
    assert doc.title == "带BOM的办法"
    assert doc.text == "正文。"


def test_utf16_with_bom_decodes() -> None:
    assert decode_text(SAMPLE.encode("utf-16")) == SAMPLE


def test_binary_file_named_txt_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(LoadError, match="二进制"):
        load_document(path)


def test_control_characters_without_nul_bytes_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "ctrl.md"
    path.write_bytes(bytes(range(1, 32)) * 20)
    with pytest.raises(LoadError, match="二进制"):
        load_document(path)


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t  \n"])
def test_empty_file_is_rejected(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(LoadError, match="文件为空"):
        load_document(path)


def test_front_matter_without_body_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "_index.md"
    path.write_text("---\nbookCollapseSection: true\n---\n", "utf-8")
    with pytest.raises(LoadError, match="文件为空"):
        load_document(path)


def test_unsupported_extension_is_rejected_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0whatever")
    with pytest.raises(LoadError, match=r"\.docx"):
        load_document(path)


def test_file_over_the_size_limit_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(LoadError, match="文件过大"):
        load_document(path)


def test_file_name_with_spaces_and_chinese_loads(tmp_path: Path) -> None:
    path = tmp_path / "行政 复议 工作 说明.txt"
    path.write_text("行政复议工作说明\n\n第一条 正文。\n", "utf-8")
    doc = load_document(path)
    assert doc.doc_id == "行政-复议-工作-说明"
    assert doc.text == "行政复议工作说明\n\n第一条 正文。"
    assert doc.path == str(path)


def test_path_is_recorded_relative_to_root(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "a.md"
    path.write_text("# 某某规定\n正文。", "utf-8")
    assert load_document(path, root=tmp_path).path == str(Path("sub") / "a.md")


# --- PDF ----------------------------------------------------------------------

PDF_STEMS = ["renmin-tiaojie-fa", "zhengfu-ducha-gongzuo-tiaoli"]


@needs_shared
@pytest.mark.parametrize("stem", PDF_STEMS)
def test_pdf_articles_start_lines_in_order_without_gaps(stem: str) -> None:
    pdf = load_document(PDFS / f"{stem}.pdf")
    md = load_document(REGULATIONS / f"{stem}.md")
    expected = article_numbers(md.text)
    assert expected == list(range(1, int(md.meta["articles"]) + 1))
    assert article_numbers(pdf.text) == expected
    assert pdf.warnings == []


@needs_shared
@pytest.mark.parametrize("stem", PDF_STEMS)
def test_pdf_lines_wrapped_mid_sentence_are_rejoined(stem: str) -> None:
    pdf = load_document(PDFS / f"{stem}.pdf")
    md = load_document(REGULATIONS / f"{stem}.md")
    # Each article's first paragraph comes out whole, exactly as the Markdown has it.
    assert article_paragraphs(pdf.text) == article_paragraphs(md.text)


@needs_shared
def test_pdf_first_article_is_one_line() -> None:
    text = load_document(PDFS / "renmin-tiaojie-fa.pdf").text
    first = "第一条 为了完善人民调解制度，规范人民调解活动，及时解决民间纠纷，维护社会和谐稳定，根据宪法，"
    first += "制定本法。"
    assert first in text.split("\n")
    # The text layer writes "2011 年1 月1 日"; the space is a font switch, not text.
    assert "第三十五条 本法自2011年1月1日起施行。" in text.split("\n")


@needs_shared
@pytest.mark.parametrize(
    ("stem", "title", "short"),
    [
        ("renmin-tiaojie-fa", "中华人民共和国人民调解法", "人民调解法"),
        ("zhengfu-ducha-gongzuo-tiaoli", "政府督查工作条例", "政府督查工作条例"),
    ],
)
def test_pdf_title_comes_from_its_first_line(stem: str, title: str, short: str) -> None:
    doc = load_document(PDFS / f"{stem}.pdf")
    assert (doc.title, doc.short, doc.doc_id) == (title, short, stem)
    assert doc.meta["format"] == "pdf"
    assert doc.sha256 == hashlib.sha256((PDFS / f"{stem}.pdf").read_bytes()).hexdigest()


@needs_shared
def test_scanned_pdf_without_text_layer_asks_for_ocr() -> None:
    with pytest.raises(LoadError, match=r"没有文字层.*OCR"):
        load_document(PDFS / "scanned-no-text-layer.pdf")


@needs_shared
def test_truncated_pdf_is_rejected(tmp_path: Path) -> None:
    data = (PDFS / "renmin-tiaojie-fa.pdf").read_bytes()
    path = tmp_path / "broken.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(LoadError, match="损坏"):
        load_document(path)


@needs_shared
def test_password_protected_pdf_is_rejected(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter(clone_from=PDFS / "renmin-tiaojie-fa.pdf")
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as f:
        writer.write(f)
    with pytest.raises(LoadError, match="加密"):
        load_document(path)


def test_text_that_is_not_a_pdf_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "page.pdf"
    path.write_text("<html>404 Not Found</html>", "utf-8")
    with pytest.raises(LoadError, match="不是有效的 PDF"):
        load_document(path)


def test_reflow_keeps_cross_references_and_drops_page_furniture() -> None:
    width = "一" * 20
    pages = [
        f"某某条例\n第一条 为了{width}，依照本条例\n第三条的规定执行。\n第二条 所称{width}\n是指。\n- 1 -",
        "某某公报 2024年第3期\n第三条 本条例自2024年1月1日起施行。\n2",
        "某某公报 2024年第4期\n第四条 附则。\n3",
    ]
    text = pdf_text_from_pages(pages)
    assert text.split("\n\n") == [
        "某某条例",
        f"第一条 为了{width}，依照本条例第三条的规定执行。",
        f"第二条 所称{width}是指。",
        "第三条 本条例自2024年1月1日起施行。",
        "第四条 附则。",
    ]


# --- DOCX ---------------------------------------------------------------------


def test_docx_loads_paragraphs_with_headings_marked(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("中华人民共和国测试法", level=1)
    document.add_heading("第一章 总则", level=2)
    document.add_paragraph("\u3000\u3000第一条 为了测试文档读取，制定本法。")
    document.add_paragraph("第二条 本法自公布之日起施行。")
    path = tmp_path / "测试法.docx"
    document.save(str(path))
    doc = load_document(path)
    assert doc.title == "中华人民共和国测试法"
    assert doc.short == "测试法"
    assert doc.text.split("\n\n") == [
        "# 中华人民共和国测试法",
        "## 第一章 总则",
        "第一条 为了测试文档读取，制定本法。",
        "第二条 本法自公布之日起施行。",
    ]


def test_corrupt_docx_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(LoadError, match="DOCX"):
        load_document(path)


# --- Corpus -------------------------------------------------------------------


def _write_corpus(root: Path) -> None:
    (root / "laws").mkdir(parents=True)
    (root / "laws" / "good.md").write_text("# 某某管理办法\n\n第一条 正文。\n", "utf-8")
    (root / "laws" / "empty.txt").write_bytes(b"")
    (root / "laws" / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (root / "laws" / ".hidden.md").write_text("# 隐藏\n", "utf-8")
    (root / "laws" / "README.md").write_text("# 说明\n", "utf-8")
    (root / "laws" / "table.xlsx").write_bytes(b"PK")
    (root / ".git").mkdir()
    (root / ".git" / "notes.md").write_text("# 不要读\n", "utf-8")
    (root / "plan.txt").write_text("某某工作计划\n\n一、总体要求\n", "utf-8")


def test_discover_skips_hidden_files_readmes_and_missing_dirs(tmp_path: Path) -> None:
    _write_corpus(tmp_path)
    found = discover([tmp_path, tmp_path / "laws", tmp_path / "missing"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "laws/binary.txt",
        "laws/empty.txt",
        "laws/good.md",
        "plan.txt",
    ]


def test_load_corpus_skips_bad_files_with_a_warning_and_loads_the_rest(tmp_path: Path) -> None:
    _write_corpus(tmp_path)
    docs, warnings = load_corpus([tmp_path, tmp_path / "missing"])
    assert sorted(d.doc_id for d in docs) == ["good", "plan"]
    assert {d.title for d in docs} == {"某某管理办法", "某某工作计划"}
    assert len(warnings) == 3
    assert any("missing" in w and "不存在" in w for w in warnings)
    assert any("empty.txt" in w and "文件为空" in w for w in warnings)
    assert any("binary.txt" in w and "二进制" in w for w in warnings)


def test_files_sharing_a_stem_get_distinct_ids(tmp_path: Path) -> None:
    for folder in ("甲", "乙"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "实施办法.md").write_text(f"# {folder}实施办法\n\n正文。\n", "utf-8")
    (tmp_path / "other.md").write_text("# 其他规定\n\n正文。\n", "utf-8")
    docs, warnings = load_corpus([tmp_path])
    assert warnings == []
    assert sorted(d.doc_id for d in docs) == ["other", "乙-实施办法", "甲-实施办法"]


def test_identical_copies_are_loaded_once(tmp_path: Path) -> None:
    for folder in ("corpus", "shared"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "xingzheng-fuyi-fa.md").write_text("# 行政复议法\n\n第一条 正文。\n", "utf-8")
    docs, warnings = load_corpus([tmp_path / "corpus", tmp_path / "shared"])
    assert [d.doc_id for d in docs] == ["xingzheng-fuyi-fa"]  # the copy does not rename the original
    assert len(warnings) == 1 and "内容完全相同" in warnings[0]


@needs_shared
def test_load_corpus_reads_pdfs_and_markdown_together() -> None:
    docs, warnings = load_corpus([PDFS, REGULATIONS], progress=False)
    assert len(docs) == 17
    assert len(warnings) == 1 and "scanned-no-text-layer.pdf" in warnings[0] and "OCR" in warnings[0]
    ids = [d.doc_id for d in docs]
    assert len(set(ids)) == len(ids)
    # The PDF and Markdown copies of a regulation share a stem, so both get their folder name.
    assert "corpus-pdf-renmin-tiaojie-fa" in ids and "regulations-renmin-tiaojie-fa" in ids
