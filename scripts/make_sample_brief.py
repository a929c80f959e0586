"""Write ``assets/samples/sample.brief``: the sample brief on the seed pack (run after changing the pack)."""

from __future__ import annotations

from briefing import paths
from briefing.brief.model import Attendee, Brief, entry_for
from briefing.brief.store import save_brief
from briefing.content.library import load_library

PACK = "cpec-action-plan-2025"
ITEMS = [
    ("development-cooperation", ""),
    ("people-centred", ""),
    ("orange-line-passenger-trips", "Cite as evidence of delivery on livelihoods."),
    ("gwadar-hospital-patients", ""),
    ("xi-friendly-policy-all-pakistanis", ""),
    ("shehbaz-epic-of-trust", ""),
]


def build() -> Brief:
    library = load_library([paths.content_dir()])
    brief = Brief(template="meeting-brief")
    meta = brief.meta
    meta.title = "Call on the Chinese Ambassador"
    meta.occasion = "Courtesy call on H.E. Jiang Zaidong, Islamabad"
    meta.drafter = "Political Section"
    meta.date = "2025-09-15"
    meta.reference = "ISB/POL/2025/114"
    meta.marking = "RESTRICTED"
    meta.principal = "Head of Mission"
    meta.time = "11:00"
    meta.venue = "Chinese Embassy, Islamabad"
    meta.attendees.ours = [Attendee(name="Head of Mission"), Attendee(name="First Secretary (Political)", role="note-taker")]
    meta.attendees.theirs = [Attendee(name="H.E. Jiang Zaidong", role="Chinese Ambassador")]
    brief.sections.purpose.text = "To hear the Ambassador on the **2025-2029 Action Plan** and find where our programme can work with it."
    brief.sections.background.text = (
        "The Action Plan was released during the Prime Minister's visit to China (30 August to 4 September 2025)."
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
