"""The finished Word package: core properties, language, and bytes that are equal for equal content when asked."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

from docx.document import Document as WordDocument

from ...document.model import Metadata
from ..common import DOCUMENT_DETAILS, TextGuard
from .styling import set_language

INVARIANT_DATE = datetime(2000, 1, 1)
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_CORE_TEXT_LIMIT = 255  # python-docx refuses longer core-property strings


def _core_text(guard: TextGuard, text: str) -> str:
    """A core-property string: XML-safe and no longer than Word allows."""
    return guard.clean(text, DOCUMENT_DETAILS)[:_CORE_TEXT_LIMIT]


def set_properties(word: WordDocument, meta: Metadata, guard: TextGuard, invariant: bool) -> None:
    """Title, author, subject, keywords and language; fixed dates and revision 1 when invariant."""
    props = word.core_properties
    props.title = _core_text(guard, meta.title)
    props.author = props.last_modified_by = _core_text(guard, meta.author)
    props.subject = _core_text(guard, meta.subject)
    props.keywords = _core_text(guard, ", ".join(meta.keywords))
    props.language = _core_text(guard, meta.language)
    props.identifier = _core_text(guard, meta.reference)
    props.comments = props.category = props.content_status = props.version = ""
    props.created = props.modified = INVARIANT_DATE if invariant else datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    props.revision = 1
    set_language(word, props.language)


def deterministic_zip(data: bytes) -> bytes:
    """The same package with fixed timestamps and permissions, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info))
    return out.getvalue()


def package_bytes(word: WordDocument, invariant: bool) -> bytes:
    """The finished .docx as bytes."""
    buffer = io.BytesIO()
    word.save(buffer)
    data = buffer.getvalue()
    return deterministic_zip(data) if invariant else data
