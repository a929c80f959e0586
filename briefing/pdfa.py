"""PDF/A-2b: a finished PDF made into an archival one with pikepdf, and the check that it is one.

:func:`make_pdfa` sets the document language (``/Lang``), removes what
reportlab writes that PDF/A does not know (an empty page ``/Trans``), and
prepares the file with :func:`pikepdf.pdfa.prepare`: XMP metadata with
``pdfaid:part 2`` and ``pdfaid:conformance B`` (kept in step with the document
information) and the bundled sRGB profile (``assets/icc/sRGB.icc``) as the one
OutputIntent. :func:`check_pdfa` validates a file against pikepdf's PDF/A-2b
rules (drawn from the veraPDF rule catalogue): every font embedded, no
.notdef glyph drawn, no transparency groups or soft masks, no encryption, no
JavaScript, the metadata and the output intent.
"""

from __future__ import annotations

import io
import re
import zlib
from functools import cache

from .paths import asset

FLAVOUR = "2b"
_CONDITION = "sRGB IEC61966-2.1"


@cache
def srgb_profile() -> bytes:
    """The bundled sRGB ICC profile (from Debian's icc-profiles-free, zlib licence)."""
    return asset("icc/sRGB.icc").read_bytes()


def make_pdfa(data: bytes, language: str, *, pdfua: bool = False) -> bytes:
    """``data`` (a PDF) as PDF/A-2b with ``/Lang`` set to ``language``; with ``pdfua`` it also declares PDF/UA-1.

    The streams reportlab wrote are copied as they are (decoding and
    recompressing every font would cost more than the whole export), so the file
    is not validated here: :func:`check_pdfa` validates it, and the tests call it
    on every kind of PDF Briefing writes.
    """
    import pikepdf
    from pikepdf import pdfa

    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.Root.Lang = pikepdf.String(language or "en-GB")
        if "/DocChecksum" in pdf.trailer:  # LibreOffice's, not a PDF/A trailer key
            del pdf.trailer["/DocChecksum"]
        for page in pdf.pages:
            trans = page.obj.get("/Trans")
            if trans is not None and not trans.keys():  # reportlab's empty page transition: not a PDF/A key
                del page.obj["/Trans"]
        pdfa.prepare(pdf, FLAVOUR, output_intent=srgb_profile(), output_condition_identifier=_CONDITION)
        _finish_xmp(pdf, pdfua)
        for intent in pdf.Root.OutputIntents:  # compressed once per process, not once per export
            intent.DestOutputProfile.write(_compressed_profile(), filter=pikepdf.Name.FlateDecode)
        out = io.BytesIO()
        pdf.save(out, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.preserve,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none, preserve_pdfa=True)  # fmt: skip
    return out.getvalue()


def _finish_xmp(pdf, pdfua: bool) -> None:
    """Date the XMP packet as the document (so the same document gives the same bytes); with ``pdfua`` declare PDF/UA-1.

    ``prepare`` stamps ``xmp:MetadataDate`` with the clock; the document's own
    ``xmp:ModifyDate`` (the export time, or the fixed date of an invariant
    build) is when the metadata was written too. PDF/UA-1 is declared with
    ``pdfuaid:part 1`` and the extension schema PDF/A asks for around it.
    """
    metadata = pdf.Root.Metadata
    packet = metadata.read_bytes()
    modified = re.search(rb"<xmp:ModifyDate>([^<]+)</xmp:ModifyDate>", packet)
    if modified:
        packet = re.sub(
            rb"<xmp:MetadataDate>[^<]+</xmp:MetadataDate>", b"<xmp:MetadataDate>" + modified.group(1) + b"</xmp:MetadataDate>", packet
        )
    if pdfua:
        close = packet.rindex(b"</rdf:RDF>")
        packet = packet[:close] + _PDFUA_XMP + packet[close:]
    metadata.write(packet)


_PDFUA_XMP = b"""<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>The part of ISO 14289 (PDF/UA) the file follows</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part></rdf:Description>
"""


@cache
def _compressed_profile() -> bytes:
    return zlib.compress(srgb_profile())


def check_pdfa(data: bytes) -> list[str]:
    """Every PDF/A-2b finding pikepdf's validator has about ``data``: empty when it passes."""
    from pikepdf import pdfa

    report = pdfa.validate_written(io.BytesIO(data), FLAVOUR)
    return [f"[{finding.kind}] {finding.rule}: {finding.message}" for finding in report.findings]
