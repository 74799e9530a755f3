"""The ``newsclean`` command line.

Exit codes: 0 everything converted; 1 some input failed (the batch goes on
and summarises); 2 usage error (bad flag, unknown cleaner or format).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsclean import __version__
from newsclean.batch.plan import output_name
from newsclean.convert import (
    ENGINES,
    BatchSummary,
    ConvertResult,
    clean_file,
    convert_one,
    default_jobs,
    render,
    run_batch,
)
from newsclean.errors import ConfigError, NewscleanError
from newsclean.pipeline import PipelineConfig, make_config
from newsclean.registry import all_cleaners
from newsclean.writers import WriteOptions, available_formats, get_writer

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
MAX_ERRORS_SHOWN = 50  # the rest are in OUT/_report.json


class UsageError(Exception):
    """A problem with the command line itself (exit code 2)."""


def _split_list(values: Sequence[str]) -> list[str]:
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="newsclean", description="Clean raw dumps of Chinese newsprint into structured documents."
    )
    parser.add_argument("--version", action="version", version=f"newsclean {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    conv = sub.add_parser("convert", help="clean dumps and write them in one or more formats")
    conv.add_argument("inputs", nargs="+", metavar="INPUT", help="dump files, directories or globs; '-' reads stdin")
    conv.add_argument(
        "-o",
        "--out",
        default=None,
        metavar="OUTDIR",
        help="output directory ('-' writes one format to stdout; default: the current directory)",
    )
    conv.add_argument(
        "--to",
        action="append",
        default=[],
        metavar="FORMATS",
        help=f"comma-separated formats (default json): {', '.join(available_formats())}",
    )
    conv.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="worker processes (0 = one per core)")
    conv.add_argument(
        "--force", action="store_true", help="convert every input, also those whose outputs are up to date"
    )
    conv.add_argument(
        "--engine",
        choices=ENGINES,
        default="local",
        help="local: this machine (--jobs processes); dask: a Dask cluster (extra newsclean[dask])",
    )
    conv.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler, e.g. tcp://host:8786 (default: a local cluster of --jobs workers)",
    )
    conv.add_argument(
        "--report",
        nargs="?",
        const="text",
        default=None,
        choices=("text", "json", "html"),
        help="text: list every flag on stdout; json: also write OUT/<stem>.changes.json (change log and flags); "
        "html: also write the editor's review page OUT/<stem>.review.html",
    )
    conv.add_argument("--furniture", action="store_true", help="also render page furniture in Markdown/text")
    _writer_options(conv)
    _pipeline_options(conv)

    lst = sub.add_parser("cleaners", help="list the cleaners with one-line descriptions")
    lst.add_argument("--config", metavar="TOML", help="mark which cleaners this configuration runs")

    ev = sub.add_parser("eval", help="score cleaned seeds against gold documents")
    ev.add_argument("--gold-dir", default="fixtures/gold")
    ev.add_argument("--seeds-dir", default="seeds")
    ev.add_argument(
        "--sys-dir", default=None, help="score existing newsclean/1 JSON outputs instead of cleaning the seeds"
    )
    ev.add_argument(
        "--degraded",
        default=None,
        metavar="DIR",
        help="also score the tool dumps of the pages under DIR (fixtures/degraded)",
    )
    ev.add_argument(
        "--variants",
        action="store_true",
        help="also score the seeds as other tools deliver them (blank lines lost, hard-wrapped, NFKC, CRLF)",
    )
    ev.add_argument("--json", action="store_true", help="print the figures as JSON")
    _pipeline_options(ev)

    aud = sub.add_parser(
        "audit", help="show that every input character is in an article, the furniture or the change log"
    )
    aud.add_argument("inputs", nargs="+", metavar="INPUT", help="dump files, directories or globs")
    _pipeline_options(aud)

    _review_parser(sub)

    bench = sub.add_parser("bench", help="measure cleaning MB/s and documents/s per writer")
    bench.add_argument("--mb", type=float, default=10.0, help="size of the cleaning corpus in MB (seeds concatenated)")
    bench.add_argument("--seeds-dir", default="seeds")
    bench.add_argument(
        "--batch-files", type=int, default=80, metavar="N", help="files in the --jobs 1 vs 2 batch (0 skips it)"
    )
    bench.add_argument("--scale", metavar="MB,MB,...", help="only time cleaning one dump of each size, e.g. 5,25,50")
    return parser


def _writer_options(parser: argparse.ArgumentParser) -> None:
    from newsclean.writers.options import ARTICLE_BREAKS, PDF_VARIANTS, VARIANTS

    group = parser.add_argument_group("publishing (docx, pdf, jats)")
    group.add_argument(
        "--variant",
        choices=VARIANTS,
        help="script edition: convert to Traditional Chinese with OpenCC (zh-Hant s2t, zh-TW s2twp, zh-HK s2hk)",
    )
    group.add_argument(
        "--font", metavar="FILE", help="CJK font file for PDF (default: fontconfig, then the bundled Noto SC)"
    )
    group.add_argument(
        "--docx-fonts",
        metavar="SONG,HEI",
        help="East Asian font names for DOCX body and headlines (default: 宋体,黑体)",
    )
    group.add_argument("--pdf-variant", choices=PDF_VARIANTS, help="write PDF/A-3b or tagged PDF/UA-1")
    group.add_argument(
        "--article-break",
        choices=ARTICLE_BREAKS,
        default="page",
        help="start each article on a new page (default), DOCX section, or run on",
    )
    group.add_argument(
        "--timestamp",
        metavar="WHEN",
        help="fixed creation time (ISO 8601 or epoch seconds) for reproducible DOCX/PDF; default SOURCE_DATE_EPOCH or now",
    )


def _write_options(args: argparse.Namespace) -> WriteOptions:
    from newsclean.writers.options import parse_timestamp

    return WriteOptions(
        include_furniture=args.furniture,
        variant=args.variant,
        font=args.font,
        pdf_variant=args.pdf_variant,
        article_break=args.article_break,
        timestamp=parse_timestamp(args.timestamp) if args.timestamp else None,
        reports=(args.report,) if args.report in ("json", "html") else (),
        **_docx_fonts(args.docx_fonts),
    )


def _docx_fonts(value: str | None) -> dict[str, str]:
    if not value:
        return {}
    names = [name.strip() for name in value.split(",")]
    if len(names) != 2 or not all(names):
        raise UsageError(f"--docx-fonts takes two names, body then headline, e.g. 宋体,黑体 (got {value!r})")
    return {"docx_serif_font": names[0], "docx_sans_font": names[1]}


def _pipeline_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="TOML", help="pipeline configuration file")
    parser.add_argument(
        "--enable", action="append", default=[], metavar="CLEANERS", help="comma-separated cleaners to switch on"
    )
    parser.add_argument(
        "--disable", action="append", default=[], metavar="CLEANERS", help="comma-separated cleaners to switch off"
    )


def _config(args: argparse.Namespace) -> PipelineConfig:
    return make_config(args.config, enable=_split_list(args.enable), disable=_split_list(args.disable))


def expand_inputs(inputs: Sequence[str]) -> Iterator[str]:
    """Files named, the ``*.txt`` files of directories named, and glob matches, in order (as a batch plans them)."""
    from newsclean.batch.plan import expand

    for item in inputs:
        for source, _ in expand(item):
            yield source


def cmd_convert(args: argparse.Namespace) -> int:
    formats = _split_list(args.to) or ["json"]
    for fmt in formats:
        try:
            get_writer(fmt)
        except ConfigError as exc:
            raise UsageError(str(exc)) from None
    config = _config(args)
    options = _write_options(args)
    if options.font:
        from newsclean.writers.fonts import user_font

        user_font(options.font)  # a bad --font is a usage error before any work
    if args.out == "-" or args.inputs == ["-"] and args.out is None:
        if args.report in ("json", "html"):
            raise UsageError(f"--report {args.report} writes files: give input files and an output directory")
        return _convert_to_stdout(args.inputs, formats, config, options)
    out_dir = args.out or "."  # a string: it may be a URL (s3://...) for the dask engine
    jobs = default_jobs() if args.jobs == 0 else max(1, args.jobs)
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    # Only failed results are kept unless the flag listing needs every one: an archive's results stay in _report.json.
    results, summary = _run_with_progress(args, out_dir, formats, config, options, jobs, keep_all=args.report == "text")
    return _summarise(results, report=args.report, summary=summary)


def _convert_to_stdout(inputs: Sequence[str], formats: list[str], config: PipelineConfig, options: WriteOptions) -> int:
    if len(formats) != 1 or len(inputs) != 1:
        raise UsageError("writing to stdout takes exactly one input and one format")
    doc = clean_file(inputs[0], config)
    sys.stdout.buffer.write(render(doc, formats, options)[formats[0]])
    sys.stdout.flush()
    return EXIT_OK


def _run_with_progress(
    args, out_dir, formats, config, options, jobs, *, keep_all: bool
) -> tuple[list[ConvertResult], BatchSummary | None]:
    """Run the batch (see :func:`newsclean.convert.run_batch`) with a progress bar on a terminal."""
    results: list[ConvertResult] = []

    def keep(result: ConvertResult) -> None:
        if keep_all or not result.ok:
            results.append(result)

    if not _is_batch(args):  # one file: converted as asked, no resume and no _report.json
        source = args.inputs[0]
        name = "stdin" if source == "-" else output_name(source.rsplit("/", 1)[-1])
        results.append(convert_one(source, out_dir, formats, config, options, name=name))
        return results, None
    batch = dict(
        formats=formats,
        config=config,
        options=options,
        jobs=jobs,
        resume=not args.force,
        engine=args.engine,
        scheduler=args.scheduler,
    )
    total = _count_inputs(args.inputs) if sys.stderr.isatty() else 0
    if total <= 1:
        return results, run_batch(args.inputs, out_dir, on_result=keep, **batch)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task) -> Text:
            return Text(f"{task.speed or 0:.1f} files/s")

    columns = (TextColumn("converting"), BarColumn(), MofNCompleteColumn(), RateColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("convert", total=total)

        def advance(result: ConvertResult) -> None:
            keep(result)
            progress.advance(task)

        summary = run_batch(args.inputs, out_dir, on_result=advance, **batch)
    return results, summary


def _is_batch(args: argparse.Namespace) -> bool:
    """A batch is several inputs, a directory, a glob or a cluster run; a batch resumes and writes _report.json."""
    from newsclean.batch import storage

    if len(args.inputs) != 1 or args.engine != "local":
        return True
    item = args.inputs[0]
    return storage.is_dir(item) or (storage.has_magic(item) and storage.mtime(item) is None)


def _count_inputs(inputs: Sequence[str]) -> int:
    """How many inputs the batch has (a walk of the directories, for the progress bar's total)."""
    from newsclean.batch.plan import plan

    return sum(1 for _ in plan(list(inputs)))


def _summarise(results: list[ConvertResult], *, report: str | None, summary: BatchSummary | None = None) -> int:
    failed = [r for r in results if not r.ok]
    if report == "text":
        for result in results:
            for flag in result.flags:
                where = f"{flag['span'][0]}-{flag['span'][1]}" if "span" in flag else "?"
                print(f"{result.source}:{where}: {flag['kind']}: {flag['note']}")
    for result in failed[:MAX_ERRORS_SHOWN]:
        print(f"newsclean: error: {result.error}", file=sys.stderr)
    if summary is None:
        done = len(results) - len(failed)
        print(f"newsclean: {done} converted, {len(failed)} failed", file=sys.stderr)
        return EXIT_FAILED if failed else EXIT_OK
    totals = summary.totals
    n_failed = max(totals["failed"], len(failed))
    if n_failed > MAX_ERRORS_SHOWN:
        print(f"newsclean: ... and {n_failed - MAX_ERRORS_SHOWN} more errors", file=sys.stderr)
    rate = f", {totals['files_per_second']:.1f} files/s" if totals["files_per_second"] else ""
    print(
        f"newsclean: {totals['files'] - totals['skipped'] - n_failed} converted, {n_failed} failed, "
        f"{totals['skipped']} skipped (up to date) in {totals['seconds']:.1f} s{rate}; report: {summary.report}",
        file=sys.stderr,
    )
    return EXIT_FAILED if n_failed else EXIT_OK


# -- the editor's review report (issue 8) ----------------------------------------
def _review_parser(sub) -> None:
    rev = sub.add_parser(
        "review", help="write the editor's HTML review page (raw and clean side by side, changes, flags)"
    )
    rev.add_argument("inputs", nargs="+", metavar="INPUT", help="dump files, directories or globs")
    rev.add_argument(
        "-o", "--out", default=".", metavar="OUTDIR", help="output directory (default: the current directory)"
    )
    rev.add_argument("--json", action="store_true", help="also write OUTDIR/<stem>.changes.json (change log and flags)")
    rev.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="worker processes (0 = one per core)")
    _pipeline_options(rev)


def cmd_review(args: argparse.Namespace) -> int:
    """Review pages named like ``convert``'s outputs: folders of a directory input are mirrored in OUTDIR."""
    from newsclean.batch.plan import plan
    from newsclean.review import ReportResult, write_all_reports

    tasks = [t for t in plan(args.inputs, args.out) if not t.duplicate]
    if any(t.source == "-" for t in tasks):
        raise UsageError("review reads files, not stdin")
    jobs = default_jobs() if args.jobs == 0 else max(1, args.jobs)
    kinds = ("html", "json") if args.json else ("html",)
    good = [t for t in tasks if t.error is None]
    written = iter(
        write_all_reports(
            [t.source for t in good],
            args.out,
            kinds,
            _config(args),
            jobs=jobs,
            html_suffix=".html",
            names=[t.name for t in good],
        )
    )
    results = [next(written) if t.error is None else ReportResult(t.source, error=t.error) for t in tasks]
    for result in results:
        if result.ok:
            print("\n".join(result.outputs))
        else:
            print(f"newsclean: error: {result.error}", file=sys.stderr)
    failed = sum(not r.ok for r in results)
    print(f"newsclean: {len(results) - failed} reviewed, {failed} failed", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def cmd_cleaners(args: argparse.Namespace) -> int:
    active = set(make_config(args.config).cleaners)
    for c in all_cleaners():
        mark = "*" if c.name in active else " "
        print(f"{mark} {c.name:24s} [{c.family}] {c.summary}")
    print("\n* = in the pipeline (default order: newsclean.pipeline.DEFAULT_CLEANERS)")
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from newsclean.evaluate import evaluate_dir, evaluate_seeds, format_table

    if args.sys_dir:
        rows = evaluate_dir(Path(args.gold_dir), Path(args.sys_dir))
    else:
        rows = evaluate_seeds(Path(args.gold_dir), Path(args.seeds_dir), _config(args))
    tables = {"seeds": rows}
    if args.degraded:
        from newsclean.evaluate import evaluate_degraded

        tables["degraded"] = evaluate_degraded(Path(args.degraded), _config(args))
    if args.variants and not args.sys_dir:
        from newsclean.evaluate import evaluate_variants

        tables["seed variants"] = evaluate_variants(Path(args.gold_dir), Path(args.seeds_dir), _config(args))
    if args.json:
        print(json.dumps(tables, indent=2, ensure_ascii=False))
    else:
        print("\n\n".join(f"== {name}\n{format_table(table)}" for name, table in tables.items()))
    return EXIT_OK


def cmd_bench(args: argparse.Namespace) -> int:
    from newsclean.bench import run_batch_bench, run_bench

    if args.scale:
        run_batch_bench(Path(args.seeds_dir), files=0, scale=[float(x) for x in _split_list([args.scale])])
        return EXIT_OK
    run_bench(Path(args.seeds_dir), megabytes=args.mb)
    if args.batch_files > 0:
        run_batch_bench(Path(args.seeds_dir), files=args.batch_files)
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    from newsclean.audit import audit_conservation
    from newsclean.pipeline import clean_text
    from newsclean.readers import read_path

    config = _config(args)
    failed = 0
    for path in expand_inputs(args.inputs):
        try:
            text = read_path(path).text
        except NewscleanError as exc:
            print(f"newsclean: error: {exc}", file=sys.stderr)
            failed += 1
            continue
        report = audit_conservation(text, clean_text(text, source=Path(path).name, config=config))
        print(f"{path}: {report.summary()}")
        failed += not report.ok
    return EXIT_FAILED if failed else EXIT_OK


COMMANDS = {"convert": cmd_convert, "cleaners": cmd_cleaners, "eval": cmd_eval, "bench": cmd_bench, "audit": cmd_audit}
COMMANDS["review"] = cmd_review


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code instead of raising."""
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        return COMMANDS[args.command](args)
    except (UsageError, ConfigError) as exc:
        print(f"newsclean: usage error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except NewscleanError as exc:
        print(f"newsclean: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("newsclean: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: one clear line, the traceback only on request
        if os.environ.get("NEWSCLEAN_DEBUG"):
            raise
        print(
            f"newsclean: internal error: {type(exc).__name__}: {exc} (set NEWSCLEAN_DEBUG=1 for a traceback)",
            file=sys.stderr,
        )
        return EXIT_FAILED


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
