"""The content pack format: source metadata, pillars, figures, quotations, events and projects.

These pydantic models are the format's single definition: the loader validates
packs with them and ``assets/schemas/content-pack.schema.json`` is generated
from them (``python -m briefing.schemas``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ItemId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Date = Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20000)]
Level = Annotated[str, StringConstraints(min_length=1, max_length=40)]


def _empty_list() -> Any:
    """An empty list default made fresh per item (pydantic deep-copies a literal ``[]`` for each of 10,000 items)."""
    return Field(default_factory=list, json_schema_extra={"default": []})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class SourceRef(_Strict):
    """Where in the source an item comes from."""

    paragraph: int = Field(ge=1, description="Paragraph number in the source, counting from the first body paragraph")
    note: str | None = Field(None, description="Anything more precise, e.g. 'second sentence'")


class Source(_Strict):
    """The document a pack is drawn from."""

    title: Text
    author: Text
    author_role: str | None = None
    publication: str | None = Field(None, description="Where it was published; null when the source does not say")
    date: Date = Field(description="As precise as known: YYYY, YYYY-MM or YYYY-MM-DD")
    kind: Literal["article", "speech", "statement", "report", "communique"]
    url: str | None = None
    paragraphing: str | None = Field(None, description="How paragraphs are numbered")


class _Item(_Strict):
    """What every library item has: its id, where in the source it comes from, tags and classification level."""

    id: ItemId
    source: SourceRef
    tags: list[str] = _empty_list()
    level: Level | None = Field(None, description="Classification level, if above the lowest")


class _PillarItem(_Item):
    """An item filed under one of its pack's pillars."""

    pillar: ItemId


class Pillar(_Item):
    """A theme with its key messages."""

    title: Text
    summary: Text = Field(description="One paragraph, in our own words")
    key_messages: list[Text] = Field(min_length=1)


class Figure(_PillarItem):
    """A number with its unit, date and source."""

    label: Text = Field(description="What is counted, in our own words")
    value: int | float = Field(description="The number itself, e.g. 250000000")
    display: Text = Field(description="The value as the source words it, e.g. 'over 250 million'")
    unit: Text
    qualifier: Literal["exact", "over", "more than", "about", "up to", "at least", "ordinal"] = "exact"
    as_of: Date | None = Field(None, description="The date the figure was true")
    period: str | None = Field(None, description="A period instead of a date, e.g. '2025-2029' or 'daily'")


class Quotation(_PillarItem):
    """A statement by a named person: direct (verbatim) or reported."""

    speaker: Text
    speaker_title: str | None = Field(None, description="Title shown before the name, e.g. 'President'")
    role: Text
    kind: Literal["direct", "reported"]
    verb: str | None = Field(None, description="For reported speech: the reporting words from the source, e.g. 'stated that'")
    text: Text = Field(description="Direct: verbatim. Reported: as the source reports it")
    occasion: Text
    date: Date | None = None


class Event(_PillarItem):
    """A visit, summit, meeting or commemoration."""

    kind: Literal["visit", "summit", "meeting", "commemoration", "launch"]
    title: Text
    summary: Text
    date: Date | None = None
    end_date: Date | None = None
    place: str | None = None
    participants: list[str] = _empty_list()


class Project(_PillarItem):
    """A named project, programme or initiative."""

    name: Text
    summary: Text
    status: Literal["planned", "under way", "operational", "completed", "announced"]
    place: str | None = None


class Pack(_Strict):
    """A content pack: one YAML file in a content folder."""

    format: Literal[1] = Field(description="Pack format version")
    pack: ItemId = Field(description="The pack id: the first part of every item id")
    title: Text
    source: Source
    pillars: list[Pillar] = _empty_list()
    figures: list[Figure] = _empty_list()
    quotations: list[Quotation] = _empty_list()
    events: list[Event] = _empty_list()
    projects: list[Project] = _empty_list()


ItemModel = Pillar | Figure | Quotation | Event | Project
KINDS: dict[str, str] = {
    "pillar": "pillars",
    "figure": "figures",
    "quotation": "quotations",
    "event": "events",
    "project": "projects",
}
