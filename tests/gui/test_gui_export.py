"""Export in the background to PDF and Word, offering to open the result; printing the real PDF."""

from __future__ import annotations

import docx
import pypdf
from PySide6.QtCore import QThread
from PySide6.QtPrintSupport import QPrinter

from .helpers import DIRECT, ORANGE, TRUST


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def export(qtbot, window, fmt, path):
    threads = []
    window.exports.finished.connect(lambda _result: threads.append(QThread.currentThread()))
    with qtbot.waitSignal(window.exports.finished, timeout=30000) as blocker:
        assert window.exports.export(fmt, path)
        assert window.status.progress.isVisibleTo(window)
    assert not window.status.progress.isVisibleTo(window)
    assert threads == [window.thread()]  # the result is handled on the GUI thread
    return blocker.args[0]


def fill(window):
    window.session.add_items([TRUST, ORANGE, DIRECT])
    window.session.set_field("meta.title", "Export check")


def test_export_pdf(qtbot, tmp_path, window, dialogs):
    fill(window)
    dialogs.answers["export_done"] = "file"
    result = export(qtbot, window, "pdf", tmp_path / "out.pdf")
    assert result.outputs == [tmp_path / "out.pdf"]
    text = pdf_text(tmp_path / "out.pdf")
    assert "Export check" in text and "250 million" in text and "prologue" in text
    assert dialogs.urls == [str(tmp_path / "out.pdf")]


def test_export_word(qtbot, tmp_path, window, dialogs):
    fill(window)
    dialogs.answers["export_done"] = "folder"
    dialogs.paths.append(tmp_path / "out")  # asked, and the suffix is added
    with qtbot.waitSignal(window.exports.finished, timeout=30000):
        window.export_docx_action.trigger()
    document = docx.Document(str(tmp_path / "out.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "Export check" in text and "250 million" in text
    assert dialogs.urls == [str(tmp_path)]


def test_cancelled_export_does_nothing(window, dialogs):
    assert not window.exports.export("pdf")
    assert dialogs.asked == ["export_path"]


def test_export_failure_is_reported_not_raised(qtbot, tmp_path, window, dialogs, monkeypatch):
    from briefing.errors import RenderError
    from briefing.writers.pdf import PdfWriter

    def refuse(*args, **kwargs):
        raise RenderError("the figures table does not fit on a page", hint="shorten it")

    monkeypatch.setattr(PdfWriter, "write", refuse)
    with qtbot.waitSignal(window.exports.finished, timeout=30000) as blocker:
        window.exports.export("pdf", tmp_path / "bad.pdf")
    assert "does not fit on a page" in blocker.args[0]
    [(title, message)] = dialogs.errors
    assert title == "Export failed" and "does not fit" in message
    assert not (tmp_path / "bad.pdf").exists()


def test_tagged_pdf_is_offered_where_libreoffice_is(qtbot, window, monkeypatch):
    from briefing.writers import tagged_pdf

    file_menu = window.menuBar().actions()[0].menu()
    assert window.exports.tagged in file_menu.actions()
    monkeypatch.setattr(tagged_pdf, "find_libreoffice", lambda: None)
    file_menu.aboutToShow.emit()
    assert not window.exports.tagged.isVisible()
    monkeypatch.setattr(tagged_pdf, "find_libreoffice", lambda: "/usr/bin/soffice")
    file_menu.aboutToShow.emit()
    assert window.exports.tagged.isVisible()


def test_print_to_a_pdf_file(tmp_path, window):
    fill(window)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = window.exports.print_brief(printer)
    reader = pypdf.PdfReader(tmp_path / "printed.pdf")
    assert pages >= 1 and len(reader.pages) == pages
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595) < 3 and abs(float(box.height) - 842) < 3  # A4, as the brief


def test_print_asks_through_the_print_dialog(window, dialogs):
    dialogs.answers["setup_printer"] = False
    assert window.exports.print_brief() == 0
    assert dialogs.asked == ["setup_printer"]


def test_export_tagged_pdf(qtbot, tmp_path, window, dialogs):
    import pikepdf

    from tests.conftest import require_tool

    require_tool("soffice")
    fill(window)
    result = export(qtbot, window, "pdf-tagged", tmp_path / "tagged.pdf")
    assert result.outputs == [tmp_path / "tagged.pdf"]
    with pikepdf.open(tmp_path / "tagged.pdf") as pdf:
        assert pdf.Root.MarkInfo.Marked is True and "/StructTreeRoot" in pdf.Root
    assert "Export check" in pdf_text(tmp_path / "tagged.pdf")
