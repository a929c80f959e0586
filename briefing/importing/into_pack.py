"""Add a review's accepted items to an existing writable pack, through the content pack writer (atomic, locked, checked).

The source joins the pack's ``sources`` under a free id; items and pillars whose
ids are taken get ``-2``, ``-3`` ...; items follow their pillar's new id.
"""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..content.pack_writer import Saved, free_id, ids_in, save_change
from .draft import PLURAL, item_entry, source_entry
from .extract import slug
from .review import Review


def add_to_pack(review: Review, path: Path) -> Saved:
    """Append the accepted items (and their pillars) and the source to the pack at ``path``."""
    chosen = review.chosen()
    if not chosen:
        review.pack("unused")  # raises the "no item is accepted yet" error
    result, reviewed = review.result, review.reviewed_ids()

    def change(data: CommentedMap) -> None:
        sources = data.get("sources")
        if sources is None:
            sources = data["sources"] = CommentedSeq()
        taken_sources = {str(s.get("id")) for s in sources if isinstance(s, dict)}
        doc_id = free_id(taken_sources, slug(result.document.info.title or result.document.path.stem, 3))
        sources.append(source_entry(result, doc_id))
        taken = ids_in(data)
        renamed: dict[str, str] = {}
        for c in chosen:
            renamed[c.id] = free_id(taken, c.id)
            taken.add(renamed[c.id])
        for c in chosen:
            entry = item_entry(result, c, reviewed=c.id in reviewed, doc_id=doc_id)
            entry["id"] = renamed[c.id]
            if "pillar" in entry:
                entry["pillar"] = renamed.get(c.pillar, c.pillar)
            if data.get(PLURAL[c.kind]) is None:
                data[PLURAL[c.kind]] = CommentedSeq()
            data[PLURAL[c.kind]].append(entry)

    return save_change(path, change)
