"""The cold-process baseline for ``briefing build``: a bare script with reportlab, Jinja2 and PyYAML.

    python benchmarks/bare_build.py BRIEF -o OUT.pdf [--format pdf|docx]

It reads the brief's JSON, renders its blocks through a Jinja2 template, reads
the house style with PyYAML and writes the same pages with reportlab (or
python-docx) — see baselines.py. Nothing from Briefing is imported.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baselines import content_from_brief, house_style, read_brief, write_docx, write_pdf


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("brief", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--format", choices=["pdf", "docx"], default="pdf")
    args = parser.parse_args(argv)
    house_style()  # PyYAML, as Briefing reads its house style
    content = content_from_brief(read_brief(args.brief))
    with open(args.output, "wb") as stream:
        (write_pdf if args.format == "pdf" else write_docx)(content, stream)
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
