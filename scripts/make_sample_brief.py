"""Write ``assets/samples/sample.brief``: the sample brief on the seed pack (run after changing the pack)."""

from __future__ import annotations

from briefing import paths
from briefing.brief.model import Brief, entry_for
from briefing.brief.store import save_brief
from briefing.content.library import load_library

PACK = "cpec-action-plan-2025"
ITEMS = [
    ("development-cooperation", ""),
    ("people-centred", ""),
    ("orange-line-passenger-trips", "Cite as evidence of delivery on livelihoods."),
    ("gwadar-hospital-patients", ""),
    ("study-training-opportunities", ""),
    ("xi-friendly-policy-all-pakistanis", ""),
    ("shehbaz-epic-of-trust", "Use in closing."),
]


def build() -> Brief:
    library = load_library([paths.content_dir()])
    brief = Brief(template="meeting-brief")
    meta = brief.meta
    meta.title = "Call on the Chinese Ambassador"
    meta.occasion = "Courtesy call on H.E. Jiang Zaidong, Islamabad"
    meta.recipient = "Head of Mission"
    meta.drafter = "Political Section"
    meta.date = "2025-09-15"
    meta.reference = "ISB/POL/2025/114"
    meta.marking = "RESTRICTED"
    brief.sections.purpose.text = (
        "To hear the Ambassador's account of the 2025-2029 Action Plan agreed during the Prime Minister's visit to China, "
        "and to identify where our own development programme can work alongside it."
    )
    brief.sections.background.text = (
        "The Action Plan was released during Prime Minister Shehbaz Sharif's visit to China from 30 August to 4 September 2025. "
        "The Ambassador's recent article sets out five areas of cooperation; the two most relevant to us are below."
    )
    brief.sections.recommendation.text = "Welcome the emphasis on livelihoods and ask for a contact point on vocational training."
    for item_id, note in ITEMS:
        entry = entry_for(library.get(f"{PACK}/{item_id}"))
        entry.note = note
        brief.items.append(entry)
    return brief


if __name__ == "__main__":
    target = paths.samples_dir() / "sample.brief"
    save_brief(build(), target)
    backup = target.with_name(target.name + "~")
    backup.unlink(missing_ok=True)
    print(target)
