"""Help > About and Help > User Guide."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from .. import __version__
from .widgets import describe, fit_to_screen

GUIDE = """
<h2>Briefing: user guide</h2>
<p>Briefing builds a briefing note from trusted content: pillars and their key messages,
key figures, quotations, events and projects, each with its source and paragraph.</p>
<h3>1. Find content</h3>
<p>Type in the <b>Library</b> search box (<b>Ctrl+F</b>): every word must match. Narrow the list with the
kind, pillar, speaker and statement (direct or reported) filters. Items already in the brief are marked
✓ before their title, and ✓✎ when you wrote a note on them. The panel under the tree shows the selected item in full, with its
source, paragraph and <i>as of</i> date. Figures older than the stale threshold (Settings) are marked
<span style='color:#b45309'>stale</span>. Direct quotations are the speaker's verbatim words; reported
statements are the source's account of them.</p>
<h3>2. Build the brief</h3>
<p>Add items with a double-click, <b>Enter</b>, the <b>Add to brief</b> button, or by dragging them onto
<b>Chosen items</b>. Drag items, or use <b>Alt+Up</b> / <b>Alt+Down</b>, to reorder them; <b>Delete</b> removes one.
Write a note on any item under the list. Items are never edited, only annotated.
Items that have since changed or gone from the library are flagged: <b>Refresh</b> or <b>Remove</b> them.</p>
<p>Fill in the title, occasion, recipient and marking on the <b>Details</b> tab; the principal, time, venue
and both sides' attendees on the <b>Meeting</b> tab; and your own <b>Purpose</b>, <b>Background</b> and
<b>Recommendation</b>. Your sections and notes take <b>**bold**</b>, <i>*italic*</i>, lists (lines starting
"- " or "1. ") and a blank line between paragraphs; anything else stays as you typed it.
<b>Order</b> (beside the template) lets a briefing pack keep your order instead of grouping by pillar.</p>
<h3>3. Check and export</h3>
<p>The <b>Preview</b> shows the real PDF a moment after each change, with the page count against the
template's page budget. Export with <b>File &gt; Export PDF</b> (<b>Ctrl+E</b>) or <b>Export Word</b>, or print it.
Before an export Briefing checks for stale figures, empty sections, a note over its page budget, items
changed or missing in the library and characters the PDF cannot show, and asks before going on.</p>
<h3>4. Write content</h3>
<p>The <b>Content</b> menu adds, edits, duplicates and deletes items in your own packs (your content folder,
and team folders ticked as writable in Settings). Bundled packs are read-only: <b>Duplicate to My Pack</b>
copies an item, with its source and pillar, into your own pack. The editor checks the item as you type,
with the same messages as <i>briefing content check</i>.</p>
<h3>5. Clear, release and compare</h3>
<p>Until the brief is cleared, every page says <b>DRAFT</b>. The badge beside the page count (and the
<b>Clearance</b> menu) marks it <b>cleared</b>, then <b>approved</b>, asking who does it; any later edit
makes it a draft again. To send it to someone cleared to a lower level, choose <b>Releasable at</b> a level
in the export dialog: everything marked above it is left out, and a removal log is kept beside the file.
<b>Release at</b> above the preview shows that version beside the full one. <b>Clearance &gt; Versions</b>
lists every saved version: open one read-only, or compare two.</p>
<h3>Keyboard</h3>
<table cellpadding='2'>
<tr><td><b>Ctrl+N / Ctrl+O / Ctrl+S</b></td><td>New, open, save</td></tr>
<tr><td><b>Ctrl+Z / Ctrl+Shift+Z</b></td><td>Undo, redo (every edit, including typing)</td></tr>
<tr><td><b>Ctrl+F</b></td><td>Search the library</td></tr>
<tr><td><b>Ctrl+E / Ctrl+Shift+E</b></td><td>Export PDF, export Word</td></tr>
<tr><td><b>Ctrl+P / Ctrl+Shift+P</b></td><td>Print, print preview</td></tr>
<tr><td><b>Ctrl+W</b></td><td>Close the brief</td></tr>
<tr><td><b>Delete, Alt+Up, Alt+Down</b></td><td>Remove, move up, move down the selected item</td></tr>
<tr><td><b>F2 / Ctrl+D / Shift+Delete</b></td><td>Edit, duplicate, delete the selected library item</td></tr>
<tr><td><b>Ctrl+Alt+1 ... 7</b></td><td>New pillar, figure, quotation, event, project, person, line</td></tr>
</table>
<p>Every shortcut works wherever the cursor is, even in a one-line field.</p>
<p>Your work is autosaved every few seconds to a recovery file; if Briefing stops unexpectedly
it offers to restore it the next time it starts.</p>
<p>A brief that is already open in another Briefing window, or was written by a newer Briefing, opens
<b>read-only</b> (a yellow banner says why): use <b>Save As</b> to keep your changes in another file
(not possible for a newer-format brief, which you can still export and print). If the file was changed on
disk since you opened it, Save asks whether to overwrite it, save under another name, or cancel.</p>
"""


def about_html(folders: list[Path], log_file: Path, problems: int) -> str:
    """The About text: version, content folders and the log file."""
    rows = "".join(f"<li>{html.escape(str(f))}</li>" for f in folders)
    return (
        f"<h2>Briefing {html.escape(__version__)}</h2>"
        "<p>Build briefing notes for meetings from a library of trusted content, as Word and PDF.</p>"
        f"<p><b>Content folders</b></p><ul>{rows}</ul>"
        f"<p><b>Content problems:</b> {problems}</p>"
        f"<p><b>Log file:</b> {html.escape(str(log_file))}</p>"
        f"<p style='color:#6b7280'>Qt {html.escape(qVersion())}, PySide6 {html.escape(pyside_version)}</p>"
    )


class TextDialog(QDialog):
    """A read-only rich-text page with a Close button (About, User Guide)."""

    def __init__(self, title: str, body: str, parent: QWidget | None = None, size: tuple[int, int] = (560, 420)):
        super().__init__(parent)
        self.setWindowTitle(title)
        fit_to_screen(self, *size)
        self.browser = describe(QTextBrowser(self), title, title)
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
