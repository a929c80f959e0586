"""Word page furniture: the marking at the very top and bottom of every page, the house-style slots inside it."""

from __future__ import annotations

import re

from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.section import _Footer, _Header
from docx.shared import Length
from docx.text.paragraph import Paragraph as WordParagraph

from ...document.model import Metadata, banner_text
from ...style import HouseStyle, Slots, fill_slot
from ..common import DOCUMENT_DETAILS, HOUSE_SLOTS, TextGuard, marking_colour, slot_values
from .ooxml import add_field, clear, rgb, text_width
from .scripts import WordScripts
from .watermark import add_watermark

_PAGE_TOKEN = re.compile(r"\{(page|pages)\}")
_PAGE_FIELDS = {"page": "PAGE", "pages": "NUMPAGES"}
_SLOT_TABS = (None, WD_TAB_ALIGNMENT.CENTER, WD_TAB_ALIGNMENT.RIGHT)


class Furniture:
    """Writes one document's header and footer into the last section of a python-docx document."""

    def __init__(self, word: WordDocument, meta: Metadata, house: HouseStyle, guard: TextGuard, style_ids: dict[str, str],
                 scripts: WordScripts):  # fmt: skip
        self.word = word
        self.scripts = scripts
        self.meta = meta
        self.house = house
        self.guard = guard
        self.style_ids = style_ids
        self.section = word.sections[-1]
        self.text_width = text_width(self.section)

    def write(self) -> None:
        """The marking first in the header and last in the footer, the slots between it and the body."""
        self.section.different_first_page_header_footer = False
        self.word.settings.odd_and_even_pages_header_footer = False
        values = slot_values(self.meta, lambda text: self.guard.clean(text, DOCUMENT_DETAILS))
        header = self.section.header
        header.is_linked_to_previous = False
        clear(header)
        banner = header.add_paragraph()
        self.marking(banner)
        watermark = self.guard.clean(self.meta.watermark, DOCUMENT_DETAILS).strip()
        if watermark:
            add_watermark(banner, watermark, self.house)
        self.slots(header, self.house.header, "Header", values)
        footer = self.section.footer
        footer.is_linked_to_previous = False
        clear(footer)
        self.slots(footer, self.house.footer, "Footer", values)
        self.marking(footer.add_paragraph())

    def styled(self, paragraph: WordParagraph, style: str) -> WordParagraph:
        """Give a paragraph one of the named styles (by id: python-docx's name lookup is slow)."""
        paragraph._p.style = self.style_ids[style]
        return paragraph

    def marking(self, paragraph: WordParagraph) -> None:
        """The classification banner: bold, in the marking's colour, centred, caveat after it."""
        self.styled(paragraph, "Banner").alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in self.scripts.add(paragraph, self.guard.clean(banner_text(self.meta), DOCUMENT_DETAILS), DOCUMENT_DETAILS, bold=True):
            run.font.color.rgb = rgb(marking_colour(self.meta, self.house))

    def slots(self, container: _Header | _Footer, slots: Slots, style: str, values: dict[str, str]) -> None:
        """One line with the left, centre and right slots on tab stops (no line if all are empty)."""
        templates = [self.guard.clean(t, HOUSE_SLOTS) for t in (slots.left, slots.centre, slots.right)]
        if not any(templates):
            return
        paragraph = self.styled(container.add_paragraph(), style)
        stops = paragraph.paragraph_format.tab_stops
        for template, tab, position in zip(templates, _SLOT_TABS, (0, self.text_width // 2, self.text_width), strict=False):
            if template and tab is not None:
                stops.add_tab_stop(Length(position), tab)
                paragraph.add_run().add_tab()
            self.fill_slot(paragraph, template, values)

    def fill_slot(self, paragraph: WordParagraph, template: str, values: dict[str, str]) -> None:
        """Fill a header/footer slot; ``{page}`` and ``{pages}`` become real PAGE and NUMPAGES fields."""
        position = 0
        for match in _PAGE_TOKEN.finditer(template):
            self.scripts.add(paragraph, fill_slot(template[position : match.start()], values), DOCUMENT_DETAILS)
            add_field(paragraph, _PAGE_FIELDS[match.group(1)], "1")
            position = match.end()
        self.scripts.add(paragraph, fill_slot(template[position:], values), DOCUMENT_DETAILS)
