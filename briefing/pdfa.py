"""PDF/A-2b: what an archival file declares, a foreign PDF made into one with pikepdf, and the check that a file is one.

Briefing's own PDFs declare PDF/A-2b as reportlab writes them
(:mod:`briefing.writers.pdf.archival`), with the XMP packet of
:func:`xmp_packet`: ``pdfaid:part 2`` and ``pdfaid:conformance B``, kept in step
with the document information, and the bundled sRGB profile
(``assets/icc/sRGB.icc``) as the one OutputIntent. A PDF another program made
(LibreOffice's tagged PDF) is prepared with :func:`pikepdf.pdfa.prepare` by
:func:`make_pdfa_foreign`. :func:`check_pdfa` validates a file against
pikepdf's PDF/A-2b rules (drawn from the veraPDF rule catalogue): every font
embedded, no .notdef glyph drawn, no transparency groups or soft masks, no
encryption, no JavaScript, the metadata and the output intent.
"""

from __future__ import annotations

import html
import io
import re
import zlib
from functools import cache

from .paths import asset

FLAVOUR = "2b"
CONDITION = "sRGB IEC61966-2.1"  # the output intent's condition, as the profile names it


@cache
def srgb_profile() -> bytes:
    """The bundled sRGB ICC profile (from Debian's icc-profiles-free, zlib licence)."""
    return asset("icc/sRGB.icc").read_bytes()


def make_pdfa_foreign(data: bytes, language: str, *, pdfua: bool = False) -> bytes:
    """A PDF another program made (LibreOffice's tagged PDF) as PDF/A-2b, through :func:`pikepdf.pdfa.prepare`.

    With ``pdfua`` the file is also declared PDF/UA-1.
    """
    import pikepdf
    from pikepdf import pdfa

    with pikepdf.open(io.BytesIO(data)) as pdf:
        _common_repairs(pdf, language)
        if "/DocChecksum" in pdf.trailer:  # LibreOffice's, not a PDF/A trailer key
            del pdf.trailer["/DocChecksum"]
        pdfa.prepare(pdf, FLAVOUR, output_intent=srgb_profile(), output_condition_identifier=CONDITION)
        _finish_xmp(pdf, pdfua)
        return _save(pdf)


def _common_repairs(pdf, language: str) -> None:
    """``/Lang``, and no empty page ``/Trans`` (reportlab writes one; PDF/A does not know it)."""
    import pikepdf

    pdf.Root.Lang = pikepdf.String(language or "en-GB")
    for page in pdf.pages:
        trans = page.obj.get("/Trans")
        if trans is not None and not trans.keys():
            del page.obj["/Trans"]


def _save(pdf) -> bytes:
    """The file's bytes, its streams copied as they are; its /ID a hash of its content (the same brief, the same bytes)."""
    import pikepdf

    out = io.BytesIO()
    pdf.save(out, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.preserve,
             stream_decode_level=pikepdf.StreamDecodeLevel.none, preserve_pdfa=True, deterministic_id=True)  # fmt: skip
    return out.getvalue()


_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:([+-])(\d{2})'?(\d{2})'?|Z)?")


def xmp_packet(info: dict[str, str], created: str, modified: str) -> bytes:
    """The XMP packet of a PDF/A-2b file whose document information is ``info``, dated as its PDF dates ``created`` and ``modified``.

    ``info`` holds the information dictionary's Title, Author, Subject,
    Keywords, Creator and Producer; the dates are PDF dates (``D:2025...``).
    """
    values = {key: html.escape(info.get(key, ""), quote=False) for key in ("Title", "Author", "Subject", "Keywords", "Creator", "Producer")}
    return _XMP.format(**values, created=_xmp_date(created), modified=_xmp_date(modified)).encode("utf-8")


def _xmp_date(value: str) -> str:
    """``D:20250915103000+01'00'`` as XMP's ``2025-09-15T10:30:00+01:00`` (UTC when the zone is missing)."""
    match = _PDF_DATE.match(value)
    if match is None:
        return "2000-01-01T00:00:00+00:00"
    year, month, day, hour, minute, second, sign, zone_hours, zone_minutes = match.groups()
    zone = f"{sign}{zone_hours}:{zone_minutes}" if sign else "+00:00"
    return f"{year}-{month}-{day}T{hour}:{minute}:{second}{zone}"


_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{Title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{Author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{Subject}</rdf:li></rdf:Alt></dc:description>
<pdf:Keywords>{Keywords}</pdf:Keywords>
<pdf:Producer>{Producer}</pdf:Producer>
<xmp:CreatorTool>{Creator}</xmp:CreatorTool>
<xmp:CreateDate>{created}</xmp:CreateDate>
<xmp:ModifyDate>{modified}</xmp:ModifyDate>
<xmp:MetadataDate>{modified}</xmp:MetadataDate>
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


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
def compressed_profile() -> bytes:
    """The sRGB profile, Flate-compressed (once per process, not once per export)."""
    return zlib.compress(srgb_profile())


def check_pdfa(data: bytes) -> list[str]:
    """Every PDF/A-2b finding pikepdf's validator has about ``data``: empty when it passes."""
    from pikepdf import pdfa

    report = pdfa.validate_written(io.BytesIO(data), FLAVOUR)
    return [f"[{finding.kind}] {finding.rule}: {finding.message}" for finding in report.findings]
