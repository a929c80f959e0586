"""Builds the two binary gold sources (a Word press release and a PDF report excerpt) from the text below, reproducibly."""

from __future__ import annotations

from pathlib import Path

PRESS_RELEASE = [
    ("Title", "Press Release: Pakistan and China sign agreements on Gwadar water supply"),
    ("Normal", "Islamabad, 21 October 2025"),
    (
        "Normal",
        "Minister for Planning Ahsan Iqbal and Chinese Ambassador Jiang Zaidong today signed two agreements worth $58 million "
        "for the Gwadar water supply scheme.",
    ),
    ("Heading 1", "Background"),
    (
        "Normal",
        "The scheme will supply 5 million gallons of water a day to Gwadar city, whose population has grown to about 300,000. "
        "Work on the pipeline is expected to take 18 months.",
    ),
    (
        "Normal",
        "Speaking at the ceremony, Mr Iqbal said that the project showed the “deep and practical” friendship between the two "
        "countries. Ambassador Jiang stressed that China would continue to support the people of Balochistan.",
    ),
    ("Heading 1", "Next steps"),
    ("Normal", "A joint committee will meet every three months to review progress. The first meeting is due in Gwadar in January 2026."),
    ("Normal", "For further information, contact the Ministry's press office on +92 51 920 0000."),
]

REPORT = [
    ("Title", "Water Security in Balochistan: A Policy Review"),
    ("BodyText", "By Dr. Farah Naz, Senior Fellow, Institute of Regional Studies"),
    ("Heading2", "Summary"),
    (
        "BodyText",
        "Balochistan covers 44 per cent of Pakistan’s land area but receives less than 5 per cent of its rainfall. Groundwater "
        "levels in the Quetta valley have fallen by up to 3.5 metres a year since 2000.",
    ),
    ("Heading2", "Current projects"),
    (
        "BodyText",
        "The Mirani Dam, completed in 2006, stores about 302,000 acre-feet of water. The Kachhi Canal project, which is under "
        "construction, is designed to irrigate 72,000 acres in its first phase.",
    ),
    (
        "BodyText",
        "Speaking to the author in March 2025, Provincial Irrigation Secretary Naseer Khan said that “without new storage, the "
        "province will face a water emergency within a decade.”",
    ),
    ("PageBreak", ""),
    ("Heading2", "Recommendations"),
    (
        "BodyText",
        "The federal government should allocate at least Rs 50 billion a year to small dams over the period 2026-2030, and "
        "complete the 18 delayed schemes identified by the Water and Power Development Authority in 2024.",
    ),
]


def make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.author = "Press Wing"
    for style, text in PRESS_RELEASE:
        document.add_paragraph(text, style=style)
    document.save(path)
    return path


def make_pdf(path: Path, paragraphs: list[tuple[str, str]] | None = None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story = [PageBreak() if style == "PageBreak" else Paragraph(text, styles[style]) for style, text in paragraphs or REPORT]
    SimpleDocTemplate(str(path), pagesize=A4, title="Water Security in Balochistan", author="", invariant=1).build(story)
    return path


def long_pdf(path: Path, pages: int = 30) -> Path:
    """A report of about ``pages`` pages: the excerpt's paragraphs repeated under numbered headings."""
    body = [item for item in REPORT if item[0] == "BodyText"][1:]
    story: list[tuple[str, str]] = [REPORT[0]]
    for section in range(round(pages * 1.95)):
        story.append(("Heading2", f"Section {section + 1}"))
        story += [(style, f"In district {section * 2 + i + 1}, {text[0].lower()}{text[1:]}") for i, (style, text) in enumerate(body * 2)]
    return make_pdf(path, story)


def build_all(folder: Path) -> dict[str, Path]:
    return {"press-release.docx": make_docx(folder / "press-release.docx"), "report-excerpt.pdf": make_pdf(folder / "report-excerpt.pdf")}
