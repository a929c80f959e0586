"""PDF/A-2b as reportlab writes the file: the XMP packet, the sRGB output intent and no empty page transitions.

reportlab's document catalog writes ``/Metadata`` (reportlab's own XMP stream)
and ``/Lang`` itself; :func:`declare_pdfa` adds the one OutputIntent to the
keys it writes and drops the empty ``/Trans`` reportlab gives every page, which
PDF/A does not know. The file is right as written, with no second pass over
it: :func:`briefing.pdfa.check_pdfa` validates it in the tests, on every kind
of PDF Briefing writes.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import XMP, PDFArray, PDFDate, PDFDictionary, PDFDocument, PDFName, PDFStream, PDFString

from ...pdfa import CONDITION, compressed_profile, xmp_packet

_INFO_KEYS = {
    "Title": "title",
    "Author": "author",
    "Subject": "subject",
    "Keywords": "keywords",
    "Creator": "creator",
    "Producer": "producer",
}


def declare_pdfa(doc: PDFDocument) -> None:
    """Make reportlab's ``doc`` a PDF/A-2b file when it is written; call it once every page is shown."""
    catalog = doc.Catalog
    catalog.Metadata = XMP(creator=_packet)  # made when the file is written, from the information reportlab writes
    profile = PDFStream(PDFDictionary({"N": 3, "Filter": PDFName("FlateDecode")}), compressed_profile())
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString(CONDITION),
            "Info": PDFString(CONDITION),
            "DestOutputProfile": doc.Reference(profile),
        }
    )
    catalog.OutputIntents = PDFArray([doc.Reference(intent)])
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "OutputIntents"]  # the catalog writes only the keys it lists
    for page in doc.Pages.pages:
        page.Trans = None  # reportlab's empty page transition


def _packet(doc: PDFDocument) -> bytes:
    """The XMP packet for ``doc``'s document information, as reportlab writes that information."""
    info = {key: str(getattr(doc.info, attribute)) for key, attribute in _INFO_KEYS.items()}
    date = _pdf_date(doc)
    return xmp_packet(info, created=date, modified=date)  # reportlab writes one date as both CreationDate and ModDate


def _pdf_date(doc: PDFDocument) -> str:
    """The document's date exactly as reportlab writes it in the information dictionary (``D:20251201093000+00'00'``)."""
    written = PDFDate(ts=doc._timeStamp, dateFormatter=doc.info._dateFormatter).format(doc)
    return written.decode("latin-1").strip("()")
