"""The Word watermark: a VML text shape in the header, set diagonally behind every page's text, styled by the house style.

It is the shape Word itself writes for a text watermark (a WordArt text path
behind the text), so Word and LibreOffice both show it on every page.
"""

from __future__ import annotations

from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

from ...style import HouseStyle
from .ooxml import hex_value

_V = "urn:schemas-microsoft-com:vml"
_O = "urn:schemas-microsoft-com:office:office"
_W10 = "urn:schemas-microsoft-com:office:word"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_EM_PER_CHAR = 0.68  # about the advance of a bold capital: sizes the box the text path fills
_NSMAP = {"v": _V, "o": _O, "w10": _W10}


def _shapetype() -> etree._Element:
    """WordArt's plain text-path shape type (VML shape type 136)."""
    shapetype = etree.Element(
        f"{{{_V}}}shapetype",
        {"id": "_x0000_t136", "coordsize": "21600,21600", f"{{{_O}}}spt": "136", "adj": "10800", "path": "m@7,l@8,m@5,21600l@6,21600e"},
        nsmap=_NSMAP,
    )
    formulas = etree.SubElement(shapetype, f"{{{_V}}}formulas")
    for equation in (
        "sum #0 0 10800", "prod #0 2 1", "sum 21600 0 @1", "sum 0 0 @2", "sum 21600 0 @3", "if @0 @3 0",
        "if @0 21600 @1", "if @0 0 @2", "if @0 @4 21600", "mid @5 @6", "mid @8 @5", "mid @7 @8", "mid @6 @7", "sum @6 0 @5",
    ):  # fmt: skip
        etree.SubElement(formulas, f"{{{_V}}}f", {"eqn": equation})
    etree.SubElement(
        shapetype,
        f"{{{_V}}}path",
        {"textpathok": "t", f"{{{_O}}}connecttype": "custom", f"{{{_O}}}connectlocs": "@9,0;@10,10800;@11,21600;@12,10800"},
    )
    etree.SubElement(shapetype, f"{{{_V}}}textpath", {"on": "t", "fitshape": "t"})
    etree.SubElement(shapetype, f"{{{_O}}}lock", {f"{{{_V}}}ext": "edit", "text": "t", "shapetype": "t"})
    return shapetype


def add_watermark(paragraph: WordParagraph, text: str, house: HouseStyle) -> None:
    """Put ``text`` (cleaned already) as a watermark shape in a header paragraph."""
    look = house.watermark
    width, height = look.size * _EM_PER_CHAR * len(text), look.size
    style = (
        f"position:absolute;margin-left:0;margin-top:0;width:{width:.1f}pt;height:{height:.1f}pt;"
        f"rotation:{(360 - look.angle) % 360:g};z-index:-251657216;"
        "mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
        "mso-position-vertical:center;mso-position-vertical-relative:margin"
    )
    run = etree.SubElement(paragraph._p, f"{{{_W}}}r")
    etree.SubElement(etree.SubElement(run, f"{{{_W}}}rPr"), f"{{{_W}}}noProof")
    pict = etree.SubElement(run, f"{{{_W}}}pict")
    pict.append(_shapetype())
    shape = etree.SubElement(
        pict,
        f"{{{_V}}}shape",
        {
            "id": "BriefingWatermark",
            f"{{{_O}}}spid": "_x0000_s2049",
            "type": "#_x0000_t136",
            "style": style,
            f"{{{_O}}}allowincell": "f",
            "fillcolor": "#" + hex_value(house.colour(look.colour)),
            "stroked": "f",
        },
        nsmap=_NSMAP,
    )
    etree.SubElement(shape, f"{{{_V}}}fill", {"opacity": f"{look.opacity:g}"})
    family = house.fonts[look.font].docx_name
    weight = ";font-weight:bold" if look.bold else ""
    etree.SubElement(shape, f"{{{_V}}}textpath", {"style": f'font-family:"{family}";font-size:1pt{weight}', "string": text})
    etree.SubElement(shape, f"{{{_W10}}}wrap", {"anchorx": "margin", "anchory": "margin"})
