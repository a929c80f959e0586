"""``--format pdf-tagged``: a tagged, accessible PDF from the Word output through LibreOffice, checked with pdfinfo, pikepdf and pdfua."""

from __future__ import annotations

import subprocess

import pikepdf
import pytest

from briefing import cli
from briefing.errors import ExportError
from briefing.pdfa import check_pdfa
from briefing.writers import formats, get_writer
from tests.conftest import SAMPLE_BRIEF, require_tool


@pytest.fixture(scope="module")
def tagged(tmp_path_factory):
    require_tool("soffice")
    out = tmp_path_factory.mktemp("tagged") / "sample.pdf"
    assert cli.main(["build", str(SAMPLE_BRIEF), "--format", "pdf-tagged", "-o", str(out)]) == 0
    return out


def _structure(pdf: pikepdf.Pdf) -> list[str]:
    """Every structure element type, depth first, with role-mapped names resolved."""
    roles = pdf.Root.StructTreeRoot.get("/RoleMap", {})
    found: list[str] = []
    pending = [pdf.Root.StructTreeRoot]
    while pending:
        element = pending.pop()
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                found.append(str(roles.get(kid.S, kid.S)))
                pending.append(kid)
    return found


def test_the_format_is_registered():
    assert "pdf-tagged" in formats()
    assert get_writer("pdf-tagged").suffix == ".pdf"


def test_pdfinfo_says_tagged(tagged):
    info = subprocess.run([require_tool("pdfinfo"), str(tagged)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    subprocess.run([require_tool("qpdf"), "--check", str(tagged)], check=True, capture_output=True)


def test_structure_has_headings_lists_and_a_table(tagged):
    with pikepdf.open(tagged) as pdf:
        kinds = _structure(pdf)
        assert pdf.Root.Lang == "en-GB"
        assert pdf.Root.MarkInfo.Marked is True
    assert {"/H2", "/H3", "/L", "/LI", "/LBody", "/Table", "/TR", "/TH", "/TD"} <= set(kinds)
    assert "/Div" in kinds  # the one-cell note box is layout, not a data table


def test_passes_the_pdfua_checks(tagged):
    from pdfua import validate

    report = validate(str(tagged))
    assert not report.findings, [(f.rule_id, f.message) for f in report.findings]
    assert report.exit_code == 0


def test_is_pdfa_apart_from_its_pdfua_declaration(tagged):
    """pikepdf's checker does not read XMP extension schemas, so it rejects the PDF/UA identification PDF/A-2 allows with one."""
    findings = check_pdfa(tagged.read_bytes())
    assert findings
    assert all("ISO_19005_2:6.6.2.3.1-1" in finding and ("pdfua" in finding or "pdfa" in finding) for finding in findings), findings


def test_without_libreoffice_one_error_names_the_package(monkeypatch, tmp_path):
    from briefing.brief.store import load_brief
    from briefing.export import export_brief
    from briefing.writers import tagged_pdf

    monkeypatch.setattr(tagged_pdf, "find_libreoffice", lambda: None)
    target = tmp_path / "out.pdf"
    with pytest.raises(ExportError) as caught:
        export_brief(load_brief(SAMPLE_BRIEF), None, ["pdf-tagged"], target)
    assert "LibreOffice" in str(caught.value)
    assert "libreoffice-writer" in str(caught.value)
    assert not target.exists()
