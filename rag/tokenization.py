"""jieba tokenisation for the BM25 leg, with a user dictionary built from the corpus.

jieba's default dictionary splits the corpus' own terms (旗司法局, 行政复议,
牵头单位) inconsistently between questions and documents; adding the unit names,
document short names and recurring legal terms keeps them whole. Search mode
(``cut_for_search``) adds the sub-words as well so that 行政复议机关 also matches
行政复议.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
from collections.abc import Iterable

from .records import Clause


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Words that carry no retrieval signal in questions or clauses.
STOPWORDS = frozenset(
    _words(
        "的 了 是 在 和 与 及 或 等 对 为 由 把 被 将 从 "
        "向 于 以 之 其 该 这 那 哪 哪些 哪个 什么 怎么 怎样 如何 吗 "
        "呢 吧 啊 有 有没有 没有 要 要不要 会 能 能否 可以 可 是否 应当 应该 "
        "还 也 都 就 又 并 而 且 但 则 即 个 些 每 各 我 "
        "我们 你 你们 他 它 谁 多少 几 哪里 一下 请问 规定 一 上 下 中 "
        "内 后 前 时 里 所 给 让 到 说 讲 问 想 请 呀 "
    )
)
# Words that frame a question rather than say what it is about ("……规定了什么", "多久", "哪个部门").
QUESTION_FRAME_WORDS = frozenset(
    _words(
        "规定 要求 计划 工作 部门 单位 牵头 责任 负责 哪个 哪些 多少 多久 多长 时间 期限 几天 内容 讲 讲的是 什么 怎么 怎样 如何 "
        "需要 必须 能不能 能 不能 可不可以 要不要 有没有 有 没有 是不是 一般 主要 具体 方面 情况 问题 事 事情 办 怎么办 "
        "法律 法规 条例 法 里 中 上 规定了 咱们 今年 旗里 我旗 全旗 年 个 天 日 提到 提及 说到 意思 时候 刚 刚刚 掉 "
        "归 管 来 弄 抓 搞 这事 这块 负 总责 "
        # the asker's own office, as 旗里 is the banner: "局里开会的记录" asks of a record, not of 局里
        "局里 镇里 队里 所里 "
        # where a thing is said ("枫桥经验是计划哪一项提的", "写在哪一条") is a question about the place, not a topic
        "提 提的 一项 哪一项 哪项 第几项 一条 哪一条 哪条 第几条 写 写在 哪里 哪儿 出自 出处 "
        # pointing words name no topic: "权责清单动态管理这个活哪个单位牵头" lost a third of its words' weight
        # to 这个 and 活, which no clause has, and was refused
        "这个 那个 这条 那条 这项 那项 这些 那些 这种 那种 这类 那类 这样 那样 某个 某些 某 活 活儿 第一个 "
        # spoken 什么 / 怎么 and asking to be told: "计划对这个咋要求的" lost a third of its weight to 咋
        "咋 咋办 咋整 咋弄 啥 啥样 啥意思 啥时候 大家 讲讲 说说 "
        # spoken complements of a verb: "旗长还能自己拍板定下来吗" was refused, its 下来 weighing as a missing topic
        "下来 出来 上去 过来"
    )
)
# Question words jieba keeps whole. No clause has them, so in a sentence's share of the question's words
# they weighed as much as a topic word the documents lack (宅基地): "多长时间" alone could sink a figure's
# sentence. Only sentences are scored without them: the evidence bar (``answering.confidence``) was set
# with them counted, and "天气怎么样" must stay refused.
QUESTION_WORDS = frozenset(
    _words(
        "多长时间 长时间 多大 几个 几种 几类 几项 几年 几天 几日 几次 几名 哪几 哪几种 哪几个 哪类 哪级 "
        "什么样 怎么样 为什么 干什么"
    )
)
_PUNCT_RE = re.compile(r"^[\W_]+$", re.UNICODE)
TOKENS_KEPT = 2048  # texts whose tokens a Tokenizer keeps (questions, their parts and thesaurus terms)

# Terms that recur in this domain and that jieba's default dictionary cuts apart.
DOMAIN_TERMS = _words(
    "牵头单位 责任单位 行政复议 行政诉讼 行政应诉 出庭应诉 行政调解 人民调解 行政执法 行政处罚 "
    "行政许可 重大行政决策 规范性文件 合法性审核 备案审查 政务公开 政府信息公开 依申请公开 营商环境 公平竞争审查 "
    "告知承诺制 信访 信访代办制 枫桥经验 突发事件 应急预案 法律顾问 公职律师 双随机 一公开 "
    "互联网+监管 不正当竞争 外商投资 负面清单 两法衔接 涉嫌犯罪 政府督查 法治政府 依法行政 苏木镇 "
    "嘎查村 复议机关 复议申请 申请期限 起诉期限 听证 陈述 申辩 免罚清单 轻罚清单 "
    "包容审慎 一网通办 高效办成一件事 "
    # the plan's "多元化解和诉源治理" was cut 多元化 | 解和诉 | 源 | 治理, so "诉源治理" found nothing
    "多元化解 诉源治理 "
)


def _dictionary(user_words: Iterable[str]) -> list[str]:
    return sorted({w for w in (*DOMAIN_TERMS, *user_words) if 2 <= len(w) <= 20})


def fingerprint(user_words: Iterable[str] = ()) -> str:
    """What the tokens of a ``Tokenizer(user_words)`` depend on, without starting jieba (≈0.7 s).

    Same fingerprint, same tokens for the same text: lets a rebuild reuse the last one's.
    """
    signature = "\n".join(["v1", *_dictionary(user_words), "--", *sorted(STOPWORDS)])
    return hashlib.sha1(signature.encode("utf-8")).hexdigest()


class Tokenizer:
    """A jieba tokenizer of its own (not jieba's global one), with the corpus' terms added."""

    def __init__(self, user_words: Iterable[str] = ()) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        self.user_words = _dictionary(user_words)
        self.terms = frozenset(self.user_words)
        for word in self.user_words:
            self._jieba.add_word(word, freq=20000)
        self.fingerprint = fingerprint(user_words)
        # One question is cut about ten times on its way (BM25, coverage, sentence scores, the figure
        # check, the thesaurus terms it matched): ~3 ms of a 34 ms answer. Recent texts are kept.
        self._recent = functools.lru_cache(maxsize=TOKENS_KEPT)(self._cut)

    def tokenize(self, text: str) -> list[str]:
        """Tokens for BM25: search-mode jieba words, lower-cased, without stopwords and punctuation."""
        return list(self._recent(text))

    def _cut(self, text: str) -> tuple[str, ...]:
        out: list[str] = []
        for tok in self._jieba.cut_for_search(text):
            tok = tok.strip().lower()
            if not tok or tok in STOPWORDS or _PUNCT_RE.match(tok):
                continue
            out.append(tok)
        return tuple(out)

    def tokenize_many(self, texts: Iterable[str]) -> list[list[str]]:
        """Tokens of many texts (an index build): not kept, as each is cut once."""
        return [list(self._cut(t)) for t in texts]


def content_tokens(tokens: list[str]) -> list[str]:
    """A question's subject words: its tokens without the question's framing, deduplicated in order."""
    seen: dict[str, None] = {}
    for t in tokens:
        if t not in QUESTION_FRAME_WORDS and not t.isdigit():
            seen.setdefault(t, None)
    return list(seen)


def spelled_by(word: str, parts: set[str] | frozenset[str]) -> bool:
    """Whether ``word`` is a run of ``parts`` ("免罚清单" of 免罚 and 清单), itself not counted."""
    reach = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        reach[end] = any(reach[start] and word[start:end] in parts and word[start:end] != word
                         for start in range(end))
    return reach[-1]


def user_words_from_clauses(clauses: Iterable[Clause]) -> list[str]:
    """Unit names, document short names and headings: the corpus' own vocabulary."""
    words: set[str] = set()
    for c in clauses:
        words.update(c.lead_units)
        words.update(c.responsible_units)
        words.add(c.doc_short)
        for unit in (*c.lead_units, *c.responsible_units):
            # "司法局" in a list stands for "旗司法局": both forms are looked up.
            words.add(unit.removeprefix("旗"))
        for heading in c.path:
            name = heading.split(" ", 1)[-1] if " " in heading else heading
            name = re.sub(r"^[一二三四五六七八九十]+、", "", name)
            if len(name) <= 12:
                words.add(name)
    return sorted(w for w in words if w)
