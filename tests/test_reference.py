"""The reference library: recognising questions about laws the corpus does not hold.

Built from real LawRefBook files out of ../shared/corpus-scale; the end-to-end tests use the
session index, which carries the whole library as `rag build` makes it by default.
"""

from __future__ import annotations

import dataclasses
import io
import tarfile
from pathlib import Path

import pytest

from rag.config import SHARED_REFERENCE, parse_reference
from rag.reference import HINT_MIN_SCORE, ReferenceLibrary, build_reference, law_key, mentioned_law, outside_law

from .conftest import REFERENCE

pytestmark = pytest.mark.needs_shared
needs_library = pytest.mark.skipif(not REFERENCE.exists(), reason=f"reference library not found at {REFERENCE}")

# Laws the small test library is made of: two the corpus holds, and others it does not.
WANTED = ("土地管理法(", "法律援助法", "行政复议法(", "医疗机构管理条例", "药品管理法", "道路交通安全法(", "信访工作条例",
          # Not laws: a court case and a how-to guide, which the library must leave out.
          "请求撤销补偿安置协议案", "劳动仲裁和劳动诉讼的攻略")


def _small_archive(dest: Path, extra: dict[str, bytes] | None = None) -> Path:
    """A .tar.gz of a few real laws from the shared collection, plus ``extra`` members."""
    out = dest / "library.tar.gz"
    with tarfile.open(REFERENCE) as src, tarfile.open(out, "w:gz") as dst:
        for member in src:
            if member.isfile() and any(w in Path(member.name).name for w in WANTED):
                dst.addfile(member, src.extractfile(member))
        for name, data in (extra or {}).items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            dst.addfile(info, io.BytesIO(data))
    return out


@pytest.fixture(scope="module")
def small_library(tmp_path_factory) -> tuple[Path, Path]:
    if not REFERENCE.exists():
        pytest.skip(f"reference library not found at {REFERENCE}")
    root = tmp_path_factory.mktemp("reference")
    archive = _small_archive(root, {"laws/broken.md": b" \n\n", "laws/_index.md": b"---\ntitle: x\n---\n"})
    index_dir = root / "index"
    report = build_reference(archive, index_dir, progress=False)
    assert not report.error, report.error
    return archive, index_dir


# -- pure parts ---------------------------------------------------------------------------------


def test_law_key_ignores_the_state_prefix_and_revision_notes():
    assert law_key("中华人民共和国行政复议法") == "行政复议法"
    assert law_key("中华人民共和国行政复议法（2023年修订）") == "行政复议法"
    assert law_key("信访工作条例") == "信访工作条例"


def test_a_question_the_corpus_laws_match_well_is_not_sent_elsewhere():
    ranked = [("中华人民共和国药品管理法", 20.0), ("中华人民共和国行政许可法", 15.0)]
    assert outside_law(ranked, {"行政许可法"}) == ""


def test_a_question_the_corpus_laws_match_far_worse_names_the_other_law():
    ranked = [("中华人民共和国药品管理法", 20.0), ("医疗机构管理条例", 12.0), ("中华人民共和国行政许可法", 6.0)]
    assert outside_law(ranked, {"行政许可法"}) == "中华人民共和国药品管理法"
    # No corpus law among the matches at all counts as the worst match.
    assert outside_law(ranked[:2], {"行政许可法"}) == "中华人民共和国药品管理法"


def test_a_weak_library_match_says_nothing():
    assert outside_law([("中华人民共和国药品管理法", 2.0)], {"行政许可法"}) == ""
    assert outside_law([], {"行政许可法"}) == ""


def test_the_setting_accepts_a_path_off_or_the_shared_default(tmp_path):
    assert parse_reference("off") is None
    assert parse_reference(str(tmp_path)) == tmp_path
    assert parse_reference(None) == (SHARED_REFERENCE if SHARED_REFERENCE.exists() else None)


# -- building -----------------------------------------------------------------------------------


def test_build_indexes_the_laws_and_names_the_file_it_could_not_read(small_library):
    _, index_dir = small_library
    library = ReferenceLibrary.load(index_dir)
    assert library is not None
    titles = {law_key(t) for t in library.titles}
    assert {"土地管理法", "行政复议法", "药品管理法"} <= titles
    assert library.manifest.skipped and "broken.md" in library.manifest.skipped[0]
    assert not any("_index.md" in s for s in library.manifest.skipped)  # section pages are not laws
    nearest = library.nearest("土地征收的补偿费用包括哪些？")
    assert law_key(nearest[0][0]) == "土地管理法"


def test_court_cases_and_guides_are_not_taken_for_laws(small_library):
    # Told in everyday words, they matched colloquial questions the corpus answers, and a refusal
    # named "《劳动仲裁和劳动诉讼的攻略》" as the law to add.
    archive, index_dir = small_library
    with tarfile.open(archive) as src:
        names = [m.name for m in src]
    assert any("/案例/" in n for n in names) and any("/其他/" in n for n in names)
    library = ReferenceLibrary.load(index_dir)
    assert not [t for t in library.titles if "攻略" in t or t.endswith("案")]
    assert not any("案例" in s or "其他" in s for s in library.manifest.skipped)  # left out, not "unreadable"


def test_an_unchanged_source_is_not_rebuilt(small_library):
    archive, index_dir = small_library
    before = (index_dir / "reference" / "manifest.json").stat().st_mtime_ns
    report = build_reference(archive, index_dir, progress=False)
    assert report.up_to_date and report.documents >= 6
    assert (index_dir / "reference" / "manifest.json").stat().st_mtime_ns == before


def test_a_corrupt_archive_is_reported_and_the_library_already_built_stays(small_library, tmp_path):
    _, index_dir = small_library
    bad = tmp_path / "truncated.tar.gz"
    bad.write_bytes(REFERENCE.read_bytes()[:50_000])
    report = build_reference(bad, index_dir, progress=False)
    assert report.error and "truncated.tar.gz" in report.error
    assert "未能建立" in report.summary()
    assert ReferenceLibrary.load(index_dir) is not None


def test_a_damaged_library_is_not_loaded(small_library, tmp_path):
    import shutil

    _, index_dir = small_library
    copy = tmp_path / "index"
    shutil.copytree(index_dir, copy)
    (copy / "reference" / "clause_doc.npy").write_bytes(b"not numpy")
    assert ReferenceLibrary.load(copy) is None


def test_a_missing_source_fails_the_library_but_not_the_index(tmp_path, plan_path):
    from rag.config import Config
    from rag.index import build_index

    cfg = Config(corpus_dirs=[plan_path.parent], index_dir=tmp_path / "index", reference=tmp_path / "nowhere.tar.gz")
    report = build_index(cfg, progress=False)
    assert report.documents == 1
    assert "参考法规库未能建立" in report.summary() and "nowhere.tar.gz" in report.summary()


# -- answering ----------------------------------------------------------------------------------


@needs_library
@pytest.mark.parametrize("question, law", [
    ("药品上市许可持有人有哪些义务？", "药品管理法"),
    ("医疗机构执业许可证怎么校验？", "医疗机构管理条例"),
])
def test_a_question_about_a_law_not_held_is_refused_naming_that_law(assistant, question, law):
    answer = assistant.ask(question)
    assert answer.abstained
    assert f"{law}》，它不在已收录的文件中" in answer.answer
    assert not answer.citations


@needs_library
def test_a_plan_item_found_first_speaks_for_the_plan_only_when_it_has_the_questions_words(assistant):
    # The plan item nearest to "领结婚证" is about 执法证件: it had kept the library from being asked.
    marriage = assistant.ask("去民政局领结婚证需要准备什么材料？")
    assert marriage.abstained and "婚姻登记条例》，它不在已收录的文件中" in marriage.answer
    # A plan question with no cue word, which the plan item answers, is not refused for a stray library law.
    year_end = assistant.ask("年底前要完成哪些工作？")
    assert not year_end.abstained and year_end.citations[0].doc_short == "2024年法治政府建设工作计划"


@needs_library
def test_who_leads_work_the_plan_never_takes_up_is_refused_not_given_an_items_units(assistant):
    # Every item ends with its 牵头单位, so "……谁牵头" is near all of them whatever the work: 禁毒 found
    # （四）. A national law outside the corpus (禁毒法) about work no item has words of tells the plan lacks it.
    refused = assistant.ask("旗里今年的禁毒工作由哪个部门牵头？")
    assert refused.abstained and not refused.citations
    assert "工作计划的各项任务中没有写到" in refused.answer
    # Work an item names, though a national law is about it too, keeps the item's units.
    wildlife = assistant.ask("野生动物保护的执法，旗里谁牵头？")
    assert not wildlife.abstained and wildlife.citations[0].clause == "（十一）" and "林草局" in wildlife.answer


@needs_library
@pytest.mark.parametrize("question", ["今天星期几", "食堂几点开饭", "明天天气怎么样"])
def test_a_question_about_nothing_legal_is_refused_without_naming_a_stray_law(assistant, question):
    """A word or two in common (星期, 天气) is no hint: "add 全国年节及纪念日放假办法" would be nonsense."""
    answer = assistant.ask(question)
    assert answer.abstained
    assert "《" not in answer.answer and "请管理员" not in answer.answer, answer.answer


KEYS = frozenset({"监察法", "行政强制法", "信访条例", "行政复议法", "中华人民共和国监察法实施条例", "监察法实施条例"})
HELD = ("行政复议法", "信访工作条例", "中华人民共和国行政复议法")


def test_a_bare_law_name_the_library_knows_is_found_whatever_follows_it():
    # The question parser wants "……法规定" or four characters; the library knows these as laws.
    assert mentioned_law("监察法规定留置最长多久？", KEYS, HELD) == "监察法"
    assert mentioned_law("按照行政强制法允许夜间执行吗", KEYS, HELD) == "行政强制法"
    assert mentioned_law("监察法实施条例怎么规定的", KEYS, HELD) == "监察法实施条例"  # the longest name


def test_held_laws_and_their_short_names_are_not_taken_for_library_laws():
    assert mentioned_law("行政复议法规定的期限", KEYS, HELD) == ""
    # 信访条例 is an old law's name in the library, and what staff call the held 信访工作条例.
    assert mentioned_law("信访条例规定多久办结？", KEYS, HELD) == ""
    assert mentioned_law("依法行政有什么要求？", KEYS, HELD) == ""


@needs_library
@pytest.mark.parametrize("question, law", [("监察法规定的留置期限是多久？", "监察法"), ("行政强制法允许夜间强制执行吗", "行政强制法")])
def test_a_law_named_bare_that_the_corpus_lacks_is_refused_by_name(assistant, question, law):
    # Before: "监察法……多长" was answered with 行政复议法第二十条's 60 days.
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations and answer.intent.endswith(f"unknown_law:{law}")


@needs_library
def test_a_question_naming_a_held_law_beside_another_is_still_answered(assistant):
    answer = assistant.ask("闹了传染病疫情，该按传染病防治法办，还是按突发事件应对法办？")
    assert not answer.abstained and answer.citations[0].doc_short == "突发事件应对法"
    assert not assistant.ask("信访条例规定信访事项多长时间办结？").abstained


def test_a_hint_needs_a_stronger_match_than_a_refusal():
    ranked = [("全国年节及纪念日放假办法", 7.8)]
    assert outside_law(ranked, {"行政许可法"}) == "全国年节及纪念日放假办法"
    assert outside_law(ranked, {"行政许可法"}, min_score=HINT_MIN_SCORE) == ""


@needs_library
@pytest.mark.parametrize("question", ["行政复议申请期限是多久？", "谁牵头行政复议工作？", "外国投资者的利润能不能汇出境外？"])
def test_questions_the_corpus_answers_are_still_answered(assistant, question):
    answer = assistant.ask(question)
    assert not answer.abstained, answer.answer
    assert answer.citations


@needs_library
def test_a_library_law_whose_title_is_far_from_the_question_does_not_refuse_it(assistant):
    """"跑着开证明" shares words with a note on 购房后无法正常用电; what it asks is the corpus' 证明事项."""
    question = "老百姓到处跑着开证明，政府有没有管？"
    retriever = assistant.retriever
    stray = retriever.outside_law(question)  # by words alone, as without a dense leg
    assert stray and "证明" not in stray
    dense = max(h.legs["dense"] for h in retriever.search(question, k=5))
    assert retriever.outside_law(question, dense=dense) == ""
    answer = assistant.ask(question)
    assert not answer.abstained, answer.answer
    assert answer.citations[0].label.startswith("《优化营商环境条例》")


@needs_library
def test_without_the_library_the_same_question_is_answered_from_a_near_miss(built_index):
    from rag.assistant import Assistant

    from .conftest import builtin_config

    cfg = dataclasses.replace(builtin_config(built_index), reference=None)
    answer = Assistant(cfg).ask("药品上市许可持有人有哪些义务？")
    assert "药品管理法" not in answer.answer


@needs_library
def test_no_article_of_the_corpus_is_taken_for_another_law(assistant):
    """The opening words of each of the 875 articles, asked as a question, stay with the corpus."""
    import re

    retriever = assistant.retriever
    articles = [c for c in retriever.index.clauses if c.kind == "article"]
    assert len(articles) > 800
    sent_away = [c.citation for c in articles
                 if retriever.outside_law(re.sub(r"^第[^条]+条\s*", "", c.text.strip())[:30])]
    assert sent_away == []
