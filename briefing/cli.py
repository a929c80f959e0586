"""The ``briefing`` command. A stable contract: other tools script against it. Never imports Qt."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__, cli_clearance
from .cli_brief import NEW_EXAMPLES
from .content.present import STALE_MONTHS, STALE_MONTHS_RANGE
from .errors import BriefingError, StreamError
from .terminal import err, flush, out, report, safe, tolerate_unencodable
from .wording import counted

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # no scan of installed packages at start


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors on one line and exits 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        report(f"briefing: error: {message} (see briefing --help)")
        raise SystemExit(2)


def _folder(text: str) -> Path:
    """An existing folder, for --content; anything else is a usage error."""
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is {'not a folder' if path.exists() else 'not there'}: give a folder of content packs")
    return path


def _months(text: str) -> int:
    """A stale threshold in months, for --stale-months, in the range Settings accepts; anything else is a usage error."""
    low, high = STALE_MONTHS_RANGE
    if not text.strip().isdigit() or not low <= int(text) <= high:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of months from {low} to {high}")
    return int(text)


def _content_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", action="append", type=_folder, default=[], metavar="DIR", help="also load packs from DIR (repeatable)")


def _build_args(build: argparse.ArgumentParser) -> None:
    """``briefing build``'s arguments."""
    build.add_argument("file", type=Path)
    build.add_argument("--format", choices=["pdf", "docx", "both", "pdf-tagged"], help="default: from the -o name's suffix, else pdf")
    build.add_argument("-o", "--output", type=Path, help="output file, or an existing folder to write into (default: beside the brief)")
    build.add_argument("--template", help="use this template instead of the brief's")
    build.add_argument("--release-at", metavar="LEVEL", help="build the releasable version: nothing marked above LEVEL")
    build.add_argument("--strict", action="store_true", help="write nothing and exit 1 if the check before export finds anything")
    build.add_argument("--stale-months", type=_months, default=STALE_MONTHS, metavar="N",
                       help=f"a figure or line more than N months older than the brief's date is stale (default: {STALE_MONTHS}, as in the app)")  # fmt: skip
    _content_args(build)


def _import_command(sub) -> None:
    """``briefing import``: a draft content pack from a source."""
    imp = sub.add_parser("import", help="draft a content pack from a source (.txt .md .docx .pdf .html)")
    imp.add_argument("source", type=Path)
    imp.add_argument("-o", "--output", type=Path, help="write the draft pack here (default: print it)")
    imp.add_argument("--pack", help="the draft pack's id (default: from the source's title)")
    imp.add_argument("--json", action="store_true", help="print the source's paragraphs and the candidates as JSON")
    imp.add_argument("--ordinals", action="store_true", help="also propose ordinals (80th anniversary) as figures")


def _gui_command(sub) -> None:
    gui = sub.add_parser("gui", help="open the desktop app, optionally on a brief")
    gui.add_argument("file", nargs="?", type=Path)
    _content_args(gui)


def _content_command(sub) -> None:
    content = sub.add_parser("content", help="check and list the content library")
    content.set_defaults(help_parser=content)
    csub = content.add_subparsers(dest="content_command", parser_class=_Parser, metavar="{check,list,new-pack}")
    check = csub.add_parser("check", help="validate every pack; exit 1 and list problems if any")
    _content_args(check)
    lst = csub.add_parser("list", help="list items with their ids")
    _content_args(lst)
    lst.add_argument("--kind", choices=["pillar", "figure", "quotation", "event", "project", "person", "line"])
    lst.add_argument("--pillar", help="pillar id (pack/pillar or just pillar)")
    lst.add_argument("--search", default="", metavar="TEXT", help="free text; every word must match")
    lst.add_argument("--speaker")
    lst.add_argument("--tag")
    lst.add_argument("--json", action="store_true", help="print a JSON array")
    new_pack = csub.add_parser("new-pack", help="write an empty, valid format-2 pack")
    new_pack.add_argument("pack_id", metavar="ID", help="the pack id: lower-case letters, digits and hyphens")
    new_pack.add_argument("--title", required=True)
    new_pack.add_argument("-o", "--output", required=True, type=Path)
    new_pack.add_argument("--force", action="store_true", help="overwrite an existing file")


def _templates_command(sub) -> None:
    templates = sub.add_parser("templates", help="list templates")
    templates.add_argument("--json", action="store_true")


def _new_command(sub) -> None:
    new = sub.add_parser(
        "new", help="write a new brief with the given fields and items, in order", epilog=NEW_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    new.add_argument("-t", "--template", required=True)
    new.add_argument("--title")
    new.add_argument("--marking", help="a level of the active marking scheme")
    new.add_argument("--scheme", help="marking scheme id (default: the default scheme)")
    _new_field_args(new)
    new.add_argument("--item", action="append", default=[], metavar="ID", help="a library item id, pack/item (repeatable)")
    new.add_argument("--note", action="append", default=[], metavar="ID=TEXT", help="the officer's note on a chosen item (repeatable)")
    new.add_argument("-o", "--output", required=True, type=Path)
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    _content_args(new)


def _selftest_command(sub) -> None:
    selftest = sub.add_parser("selftest", help="check this installation: one line per check, exit 0 when all pass")
    selftest.add_argument("--qt-probe", action="store_true", help=argparse.SUPPRESS)  # the child that loads Qt


SUBCOMMANDS = {  # each adds its subparser, in the order `briefing --help` lists them
    "gui": _gui_command,
    "content": _content_command,
    "templates": _templates_command,
    "new": _new_command,
    "build": lambda sub: _build_args(sub.add_parser("build", help="build a brief as PDF and/or Word")),
    "import": _import_command,
    **cli_clearance.SUBCOMMANDS,
    "selftest": _selftest_command,
}


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; given ``argv`` that names a command, only that command's subparser.

    Building every subparser with its arguments is a fiftieth of a cold
    ``briefing build``; the others matter only to ``briefing --help`` and to a
    command line that names none or names one that does not exist.
    """
    parser = _Parser(
        prog="briefing", description="Build briefing notes from a library of trusted content. Without a command, opens the app."
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    named = next((arg for arg in argv or () if arg in ("-h", "--help") or not arg.startswith("-")), None)  # help first: all
    for name, add in SUBCOMMANDS.items():
        if named not in SUBCOMMANDS or name == named:
            add(sub)
    return parser


def _new_field_args(new: argparse.ArgumentParser) -> None:
    """The brief's details, the meeting and the officer's sections, for ``briefing new``."""
    for name, what in (("occasion", "what the meeting is"), ("recipient", "who the note is for"), ("drafter", "who wrote it"),
                       ("reference", "the file reference"), ("date", "the meeting's date, YYYY-MM-DD"),
                       ("caveat", "a handling caveat after the marking"), ("principal", "who is briefed: who holds the meeting"),
                       ("time", "when the meeting starts, e.g. 10:30"), ("venue", "where the meeting is")):  # fmt: skip
        new.add_argument(f"--{name}", help=what)
    new.add_argument(
        "--ours",
        action="append",
        default=[],
        metavar="NAME=ROLE",
        help="an attendee on our side (repeatable; NAME=ROLE=LEVEL gives a level)",
    )
    new.add_argument(
        "--theirs",
        action="append",
        default=[],
        metavar="NAME=ROLE",
        help="an attendee on their side (repeatable; NAME=ROLE=LEVEL gives a level)",
    )
    for name in ("purpose", "background", "recommendation"):
        new.add_argument(f"--{name}", metavar="TEXT", help=f"the {name} section (Markdown subset; \\n for a new line)")
    new.add_argument("--order", choices=["pillar", "listed"], help="a pack groups items by pillar, or keeps them as listed")


def _library(args):
    from .content.library import load_library

    return load_library(extra=args.content)


def cmd_content_check(args) -> int:
    library = _library(args)
    for problem in library.problems:
        err(problem)
    for warning in library.warnings:
        err(f"warning: {warning}")
    if library.problems:
        return 1
    out(
        f"{counted(len(library), 'item')} in {counted(len(library.packs), 'pack')}: all valid"
        + (f" ({counted(len(library.warnings), 'warning')})" if library.warnings else "")
    )
    return 0


def cmd_content_new_pack(args) -> int:
    from .content.pack_writer import write_new_pack

    write_new_pack(args.output, args.pack_id, args.title, force=args.force)
    out(args.output)
    return 0


def cmd_content_list(args) -> int:
    from .content.search import Query, SearchIndex

    library = _library(args)
    for problem in library.problems:
        err(f"warning: {problem}")
    items = SearchIndex(library).search(Query(args.search, args.kind, args.pillar, args.speaker, args.tag))
    if args.json:
        out(json.dumps([item.as_json() for item in items], ensure_ascii=False, indent=1), exact=True)
    else:
        for item in items:
            out(f"{safe(item.id)}\t{safe(item.kind)}\t{safe(item.title)}", exact=True)
    return 0


def cmd_templates(args) -> int:
    from .templating.registry import list_templates

    templates, problems = list_templates()
    for problem in problems:
        err(f"warning: {problem}")
    if args.json:
        out(json.dumps([t.as_json() for t in templates], ensure_ascii=False, indent=1), exact=True)
    else:
        for t in templates:
            budget = f"{t.info.page_budget}-page budget" if t.info.page_budget else "no page budget"
            out(f"{safe(t.id)}\t{safe(t.info.name)}\t{budget}", exact=True)
    return 0


def cmd_new(args) -> int:
    from .brief.model import Brief
    from .brief.store import save_brief
    from .cli_brief import fill_new_brief
    from .errors import BriefError, StyleError
    from .style import load_markings
    from .templating.registry import get_template

    get_template(args.template)
    scheme = load_markings().get(args.scheme)
    if args.output.exists() and not args.force:
        raise BriefError(f"{args.output} already exists", hint="choose another name or pass --force")
    library = _library(args)
    brief = Brief(template=args.template)
    if args.scheme:
        brief.meta.scheme = args.scheme
    if args.marking:
        brief.meta.marking = scheme.level(args.marking).id
    fill_new_brief(brief, args, library)
    for side, people in (("ours", brief.meta.attendees.ours), ("theirs", brief.meta.attendees.theirs)):
        for person in people:
            if person.level:
                try:
                    person.level = scheme.level(person.level).id
                except StyleError as exc:
                    raise BriefError(f"--{side} {person.name}: {exc.message}", hint=exc.hint) from None
    save_brief(brief, args.output)
    out(args.output)
    return 0


def cmd_build(args) -> int:
    from .document.markdown_memo import kept_between_runs

    with kept_between_runs():  # the officer's text as markdown-it read it last time: a cold build need not load it
        return _build(args)


def _build(args) -> int:
    from .brief.store import load_brief
    from .cli_brief import build_formats, build_output
    from .export import export_brief, version_to_build
    from .levels.release import level_tag
    from .precheck import check_brief
    from .templating.brief_names import check_names

    brief = load_brief(args.file)
    check_names(brief, args.file, args.template)
    library = _library(args)
    formats = build_formats(args.format, args.output)
    level = _release_level(brief, args.release_at)
    stem = args.file.stem + (f".release-{level_tag(level)}" if level else "")
    output = build_output(args.file.with_name(stem + args.file.suffix), args.output, formats)
    built, built_library, _ = version_to_build(brief, library, level)  # what the files will hold is what is checked
    if args.strict:  # checked first: nothing is written when there is anything to fix
        findings = check_brief(built, built_library, template_id=args.template, formats=formats, months=args.stale_months)
        for finding in findings:
            report(f"briefing: error: {finding}")
        if findings:
            report(f"briefing: error: --strict: {counted(len(findings), 'finding')} in the check before export; nothing written")
            return 1
    result = export_brief(
        brief, library, formats, output, template_id=args.template, count_pages=True, release_at=level, stale_months=args.stale_months
    )
    findings = [] if args.strict else check_brief(built, built_library, built=result, months=args.stale_months)
    for path in result.outputs:
        out(path)
    if result.release is not None:
        for line in result.release.log_lines():
            out(line)
        out(f"removal log: {result.release_log}")
    for warning in [*result.warnings, *(str(f) for f in findings if f.kind not in ("budget", "characters"))]:  # said below
        err(f"warning: {warning}")
    out(result.budget_text())
    return 0


def cmd_import(args) -> int:
    from .importing.command import run_import  # the importer's libraries load only for this command

    return run_import(args.source, output=args.output, pack_id=args.pack, as_json=args.json, ordinals=args.ordinals)


def _release_level(brief, level: str | None) -> str | None:
    """The scheme's id for ``--release-at LEVEL`` (a StyleError listing the levels when it has none such)."""
    from .style import load_markings

    return load_markings().get(brief.meta.scheme).level(level).id if level else None


def cmd_selftest(args) -> int:
    if args.qt_probe:
        from .gui.probe import main as probe  # only in the child process the self-test starts for Qt

        return probe()
    from .selftest import run

    return run()


def cmd_gui(args) -> int:
    from .gui.app import run  # the only place the CLI reaches Qt, and only when asked for the app

    return run(brief=getattr(args, "file", None), content=getattr(args, "content", []))


COMMANDS = {
    ("content", "check"): cmd_content_check,
    ("content", "list"): cmd_content_list,
    ("content", "new-pack"): cmd_content_new_pack,
    ("templates", None): cmd_templates,
    ("new", None): cmd_new,
    ("build", None): cmd_build,
    ("import", None): cmd_import,
    ("gui", None): cmd_gui,
    ("selftest", None): cmd_selftest,
    (None, None): cmd_gui,
    **cli_clearance.COMMANDS,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; errors print one line and give a non-zero exit code."""
    tolerate_unencodable()
    try:
        args = build_parser(sys.argv[1:] if argv is None else argv).parse_args(argv)
    except SystemExit:
        with contextlib.suppress(StreamError):
            flush()
        raise
    if args.command == "content" and args.content_command is None:  # `briefing content` alone: say what it takes
        args.help_parser.print_help(sys.stderr)
        return 2
    handler = COMMANDS[(args.command, getattr(args, "content_command", None))]
    try:
        code = handler(args)
        flush()
        return code
    except BriefingError as exc:
        report(f"briefing: error: {exc}")
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: one line for the user, the traceback in the log
        from .logs import log_exception, where_logged

        report(f"briefing: internal error: {type(exc).__name__}: {exc} ({where_logged(log_exception(exc))})")
        return 70


if __name__ == "__main__":
    sys.exit(main())
