"""What ``briefing new`` and ``briefing build`` decide beyond argparse: the brief's fields, output paths and formats."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BriefError, ContentError, ExportError

if TYPE_CHECKING:  # the models load only when a command needs them: `briefing --help` stays quick
    from .brief.model import Attendee, Brief

FORMAT_SUFFIXES = {".pdf": "pdf", ".docx": "docx"}
SUFFIX_OF = {"pdf": ".pdf", "pdf-tagged": ".pdf", "docx": ".docx"}

NEW_EXAMPLES = """\
examples:
  briefing new -t meeting-brief --title "Call on the Minister" --marking RESTRICTED \\
      --occasion "Courtesy call" --principal "Minister of State" --date 2026-12-01 --time 10:30 \\
      --venue "Ministry of Foreign Affairs, Islamabad" --recipient "Head of Mission" \\
      --drafter "Political Section" --reference ISB/POL/2026/201 \\
      --ours "Jane Smith=Head of Mission" --theirs "Ali Khan=Additional Secretary (China)" \\
      --purpose "To hear the Ministry on **CPEC 2.0**." \\
      --item cpec-action-plan-2025/people-centred \\
      --item cpec-action-plan-2025/orange-line-passenger-trips \\
      --note "cpec-action-plan-2025/orange-line-passenger-trips=Cite in the opening." -o call.brief
  briefing new -t briefing-pack --order listed --item cpec-action-plan-2025/gwadar-port -o pack.brief

Sections and notes take a small Markdown subset: paragraphs, "- " and "1. " lists, **bold** and *italic*."""


def _pair(text: str, what: str) -> tuple[str, str]:
    """``key=value`` from the command line; the value may be empty but the ``=`` is needed."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise BriefError(f"{what} {text!r} is not KEY=VALUE", hint=f'write {what} like "NAME=ROLE"')
    return key.strip(), value.strip()


def attendee(text: str) -> Attendee:
    """``Name=Role`` (or ``Name=Role=LEVEL``) as an attendee."""
    from .brief.model import Attendee

    name, rest = _pair(text, "--ours/--theirs") if "=" in text else (text.strip(), "")
    role, _, level = rest.partition("=")
    return Attendee(name=name, role=role.strip(), level=level.strip() or None)


def suggest(library, item_id: str) -> str:
    """A hint for an unknown item id: the full ids that end with it or contain it."""
    wanted = item_id.strip().casefold()
    ids = [i.id for i in library]
    close = [i for i in ids if i.casefold().rsplit("/", 1)[-1] == wanted] or [i for i in ids if wanted and wanted in i.casefold()]
    if close:
        shown = ", ".join(close[:3]) + (" ..." if len(close) > 3 else "")
        return f"did you mean {shown}? Ids are pack/item"
    return "see briefing content list"


def fill_new_brief(brief: Brief, args, library) -> None:
    """Set every field ``briefing new`` was given: details, meeting, sections, items and their notes."""
    from pydantic import ValidationError

    from .brief.model import entry_for

    meta = brief.meta
    for name in ("title", "occasion", "recipient", "drafter", "reference", "principal", "venue", "time", "date", "caveat"):
        value = getattr(args, name, None)
        if value is not None:
            try:
                setattr(meta, name, value)
            except ValidationError as exc:  # a date that is no real date, say
                message = exc.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")
                raise BriefError(f"--{name} {value!r}: {message}", hint=f"give --{name} as the brief file would hold it") from None
    meta.attendees.ours = [attendee(text) for text in args.ours]
    meta.attendees.theirs = [attendee(text) for text in args.theirs]
    for name in ("purpose", "background", "recommendation"):
        value = getattr(args, name, None)
        if value is not None:
            getattr(brief.sections, name).text = value.replace("\\n", "\n")
    if args.order:
        brief.order = args.order
    for item_id in args.item:
        item = library.get(item_id)
        if item is None:
            raise ContentError(f"no item {item_id!r} in the library", hint=suggest(library, item_id))
        brief.items.append(entry_for(item))
    chosen = {entry.ref: entry for entry in brief.items}
    for text in args.note:
        ref, note = _pair(text, "--note")
        if ref not in chosen:
            raise BriefError(f"--note names {ref!r}, which is not one of the --item ids", hint="give the item with --item first")
        chosen[ref].note = note


def build_formats(requested: str | None, output: Path | None) -> list[str]:
    """The formats to build: as asked, else from the output's suffix, else PDF. A conflict is refused."""
    suffix_format = FORMAT_SUFFIXES.get(output.suffix.lower()) if output is not None and not output.is_dir() else None
    if output is not None and not output.is_dir() and output.suffix and suffix_format is None:
        raise ExportError(
            f"cannot tell the format from the name {output.name!r}", hint="end the output name in .pdf or .docx, or give --format"
        )
    if requested is None:
        return [suffix_format or "pdf"]
    if requested == "both":
        return ["pdf", "docx"]
    if suffix_format is not None and output.suffix.lower() != SUFFIX_OF.get(requested, output.suffix.lower()):  # type: ignore[union-attr]
        raise ExportError(
            f"-o {output.name} is a .{suffix_format} name but --format {requested} was asked for",  # type: ignore[union-attr]
            hint=f"end the name in {SUFFIX_OF.get(requested, '.pdf')}, or leave out --format to build {suffix_format.upper()}",
        )
    return [requested]


def build_output(brief_file: Path, output: Path | None, formats: list[str]) -> Path:
    """The output file: beside the brief by default, inside ``output`` when it is an existing folder."""
    if output is None:
        return brief_file.with_suffix(SUFFIX_OF.get(formats[0], ".pdf"))
    if output.is_dir():
        return output / (brief_file.stem + SUFFIX_OF.get(formats[0], ".pdf"))
    return output
