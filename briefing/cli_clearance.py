"""The ``status``, ``versions`` and ``diff`` commands: clearance and history from the command line. Never imports Qt."""

from __future__ import annotations

import argparse
from pathlib import Path

from .errors import BriefError, Location
from .terminal import out, safe


def _status_command(sub) -> None:
    status = sub.add_parser("status", help="show a brief's clearance state, or move it on")
    status.add_argument("file", type=Path)
    status.add_argument("state", nargs="?", choices=["cleared", "approved"], help="move the brief on to this state")
    status.add_argument("--by", metavar="NAME", help="who clears or approves it (required with a state)")


def _versions_command(sub) -> None:
    versions = sub.add_parser("versions", help="list the saved versions a brief keeps")
    versions.add_argument("file", type=Path)


def _diff_command(sub) -> None:
    diff = sub.add_parser("diff", help="compare two briefs, or two versions of one (FILE@N is version N)")
    diff.add_argument("old", metavar="A", help="a brief, or BRIEF@N for its version N")
    diff.add_argument("new", metavar="B", help="a brief, or BRIEF@N")


SUBCOMMANDS = {"status": _status_command, "versions": _versions_command, "diff": _diff_command}  # added to `briefing`'s parser


def cmd_status(args: argparse.Namespace) -> int:
    from .brief.clearance import advance, describe
    from .brief.store import load_brief, save_brief
    from .errors import BriefError

    brief = load_brief(args.file)
    if args.state:
        if not args.by:
            raise BriefError(f"marking the brief {args.state} needs who does it", hint="pass --by NAME")
        advance(brief, args.state, args.by)
        save_brief(brief, args.file, author=" ".join(args.by.split()))
    for line in describe(brief):
        out(line)
    return 0


def cmd_versions(args: argparse.Namespace) -> int:
    from .brief.history import list_versions
    from .brief.store import load_brief

    versions = list_versions(load_brief(args.file))
    for v in versions:
        fields = [str(v.number), v.saved_at, v.state, v.author or "-", *([v.note] if v.note else [])]
        out("\t".join(safe(f) for f in fields), exact=True)
    if not versions:
        out("no saved versions yet")
    return 0


def _open(spec: str):
    """A brief from ``FILE`` or version N of it from ``FILE@N``."""
    from .brief.history import load_version
    from .brief.store import load_brief

    path, _, number = spec.rpartition("@")
    if path and number.isdigit() and not Path(spec).exists():
        try:
            return load_version(load_brief(Path(path)), int(number))
        except BriefError as exc:
            if exc.location is None:
                exc.location = Location(path)  # name the brief whose version is missing
            raise
    return load_brief(Path(spec))


def cmd_diff(args: argparse.Namespace) -> int:
    from .brief.diff import change_lines, compare
    from .levels.portions import brief_banner

    for line in change_lines(compare(_open(args.old), _open(args.new), brief_banner)):
        out(line)  # one terminal-safe line per change
    return 0


COMMANDS = {("status", None): cmd_status, ("versions", None): cmd_versions, ("diff", None): cmd_diff}
