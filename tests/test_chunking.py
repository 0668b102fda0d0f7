"""Clause-aware chunking on the real plan and the 15 real regulations."""

from __future__ import annotations

import re

import pytest

from rag.chunking import chunk_document, detect_kind, parse_units, split_sentences
from rag.loading import load_document
from rag.numerals import cn_to_int, int_to_cn


def test_plan_has_all_28_items_in_order_with_sections(plan_path):
    doc = load_document(plan_path)
    items = [c for c in chunk_document(doc).clauses if c.kind == "plan_item"]
    assert [c.number for c in items] == list(range(1, 29))
    assert [c.label for c in items][:3] == ["（一）", "（二）", "（三）"]
    assert items[17].label == "（十八）"
    assert items[17].path == ["六、健全社会矛盾纠纷多元化解工作体系"]
    assert items[17].citation == "《2024年法治政府建设工作计划》六（十八）"
    assert items[17].title == "充分发挥行政复议化解行政争议主渠道作用"
    assert {c.path[0][:2] for c in items} == {f"{int_to_cn(i)}、" for i in range(1, 10)}


def test_plan_units_are_parsed_as_fields(plan_path):
    items = {c.label: c for c in chunk_document(load_document(plan_path)).clauses if c.kind == "plan_item"}
    assert items["（十八）"].lead_units == ["旗司法局"]
    assert items["（十八）"].responsible_units == ["旗政府有关部门", "各苏木镇政府"]
    assert items["（三）"].lead_units == ["旗发改委", "司法局", "政数局"]
    # （八） names no lead unit, only responsible ones
    assert items["（八）"].lead_units == []
    assert items["（八）"].responsible_units == ["旗政府各部门", "各苏木镇政府"]
    for label, c in items.items():
        if label != "（八）":
            assert c.lead_units, f"{label} lost its 牵头单位"
        assert c.responsible_units, f"{label} lost its 责任单位"


def test_plan_keeps_preamble_and_closing_text(plan_path):
    clauses = chunk_document(load_document(plan_path)).clauses
    assert clauses[0].label == "前言" and "习近平法治思想" in clauses[0].text
    assert clauses[-1].label == "结语" and "各地区、各部门要加强组织领导" in clauses[-1].text
    assert "各地区、各部门" not in clauses[-2].text  # not glued onto item （二十八）


def test_every_article_of_every_regulation_is_found_without_gaps(regulation_paths):
    for path in regulation_paths:
        doc = load_document(path)
        chunked = chunk_document(doc)
        numbers = [c.number for c in chunked.clauses]
        expected = int(doc.meta["articles"])
        assert numbers == list(range(1, expected + 1)), f"{path.name}: {numbers[:5]}… vs {expected}"
        assert all(c.kind == "article" for c in chunked.clauses)
        assert not chunked.warnings


def test_article_keeps_its_kuan_and_xiang_and_heading_path(regulation_paths):
    doc = load_document(next(p for p in regulation_paths if p.stem == "xingzheng-fuyi-fa"))
    arts = {c.label: c for c in chunk_document(doc).clauses}
    a20 = arts["第二十条"]
    assert a20.citation == "《行政复议法》第二十条"
    assert "六十日" in a20.text and "障碍消除之日起继续计算" in a20.text  # second 款 kept
    assert a20.path == ["第二章 行政复议申请", "第三节 申请的提出"]
    a11 = arts["第十一条"]
    assert "（一）" in a11.text and "（十五）" in a11.text  # 项 stay inside the article
    assert a11.text.startswith("第十一条")


def test_cross_reference_lines_are_not_taken_as_articles():
    from rag.records import Document

    text = "第一条 总则。\n第二条 经营者不得实施下列行为：\n第三人明知前款所列违法行为的，视为侵犯。\n第三条 附则。"
    clauses = chunk_document(Document("d", "d.md", "某法", "某法", text)).clauses
    assert [c.label for c in clauses] == ["第一条", "第二条", "第三条"]
    assert "第三人明知" in clauses[1].text


def test_document_without_structure_falls_back_to_paragraphs_with_a_warning():
    from rag.records import Document

    text = "这是一份通知，没有条款编号，内容较长需要分段说明第一部分的要求和安排。\n\n" \
           "第二段说明工作时间安排和联系人方式等事项，请各单位认真落实并及时反馈。"
    doc = Document("n", "notice.txt", "通知", "通知", text)
    assert detect_kind(doc) == "plain"
    chunked = chunk_document(doc)
    assert [c.label for c in chunked.clauses] == ["第1段", "第2段"]
    assert chunked.warnings and "notice.txt" in chunked.warnings[0]


def test_sentence_sub_chunks_point_back_to_their_clause(plan_path):
    chunked = chunk_document(load_document(plan_path))
    ids = {c.clause_id for c in chunked.clauses}
    assert all(ch.clause_id in ids for ch in chunked.chunks)
    item18 = next(c for c in chunked.clauses if c.label == "（十八）")
    subs = [ch for ch in chunked.chunks if ch.clause_id == item18.clause_id and ch.kind == "sentence"]
    assert len(subs) >= 3
    assert all(ch.sentence and ch.sentence in item18.text for ch in subs)
    # every sub-chunk carries the item it belongs to, so a lone sentence keeps its topic
    assert all("充分发挥行政复议化解行政争议主渠道作用" in ch.text for ch in subs)


def test_units_parser_and_sentence_splitter_are_pure():
    lead, resp, rest = parse_units("做好工作。（牵头单位：旗司法局、信访局；责任单位：旗政府有关部门，各苏木镇政府）")
    assert lead == ["旗司法局", "信访局"] and resp == ["旗政府有关部门", "各苏木镇政府"] and rest == "做好工作。"
    assert parse_units("没有单位的句子。") == ([], [], "没有单位的句子。")
    assert split_sentences("第一句。第二句；第三句！") == ["第一句。", "第二句；", "第三句！"]


@pytest.mark.parametrize("n", [1, 9, 10, 11, 19, 20, 28, 99, 100, 101, 106, 110, 120, 999, 1000, 1001])
def test_chinese_numerals_round_trip(n):
    assert cn_to_int(int_to_cn(n)) == n


def test_numerals_match_how_statutes_write_them():
    assert int_to_cn(18) == "十八" and int_to_cn(106) == "一百零六" and int_to_cn(110) == "一百一十"
    assert cn_to_int("二十") == 20 and cn_to_int("20") == 20 and cn_to_int("条") is None
    assert re.fullmatch(r"[一二三四五六七八九十百零]+", int_to_cn(1234 % 999))


def test_records_serialise_every_field_and_round_trip():
    """The index stores clauses and chunks through to_dict; a field left out would vanish on reload."""
    from dataclasses import fields

    from rag.records import Chunk, Clause

    clause = Clause(clause_id="d#（一）", doc_id="d", doc_title="标题", doc_short="简称", label="（一）", number=1,
                    kind="plan_item", path=["一、总则"], title="题", text="正文", lead_units=["旗司法局"],
                    responsible_units=["各部门"], citation="《简称》（一）")
    data = clause.to_dict()
    assert set(data) == {f.name for f in fields(Clause)}
    assert Clause.from_dict(data) == clause
    data["path"].append("改动")  # the dict is a copy: serialising never changes the clause
    assert clause.path == ["一、总则"]
    chunk = Chunk(clause_id="d#（一）", text="上下文 正文", kind="sentence", sentence="正文")
    assert set(chunk.to_dict()) == {f.name for f in fields(Chunk)}
    assert Chunk(**chunk.to_dict()) == chunk
