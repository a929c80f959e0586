"""The content pack format: sources, pillars, figures, quotations, events, projects, people and lines.

These pydantic models are the format's single definition: the loader validates
packs with them and ``assets/schemas/content-pack.schema.json`` is generated
from them (``python -m briefing.schemas``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, StringConstraints, model_validator

from ..dates import Date

ItemId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20000)]
Level = Annotated[str, StringConstraints(min_length=1, max_length=40)]
LanguageTag = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$", max_length=35)]


def _new_list() -> list[Any]:
    return []


def _empty_list(description: str | None = None) -> Any:
    """An empty list default made fresh per item (pydantic deep-copies a literal ``[]`` for each of 10,000 items).

    The factory is a Python function, not ``list``: pydantic reads each factory's
    signature, and a builtin's is parsed from its text (a tenth of a millisecond, 28 times).
    """
    return Field(default_factory=_new_list, json_schema_extra={"default": []}, description=description)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


Review = Literal["pending"]
_REVIEW = Field(None, description="'pending' while a drafted item still needs the officer's own words")
PLACES = ("paragraph", "page", "section", "table")


class Citation(_Strict):
    """Where in which source an item comes from: a document of the pack and one place in it."""

    doc: ItemId | None = Field(None, description="The id of one of the pack's sources; may be left out when the pack has only one")
    paragraph: int | None = Field(None, ge=1, description="Paragraph number in the source, counting from the first body paragraph")
    page: int | None = Field(None, ge=1, description="Page number, for a source cited by page")
    section: Text | None = Field(None, description="Section heading or number, for a source cited by section")
    table: Text | None = Field(None, description="Table name or number, for a source cited by table")
    span: list[Annotated[int, Field(ge=0)]] | None = Field(
        None, min_length=2, max_length=2, description="[START, END]: character offsets of the exact words in the cited paragraph or page"
    )
    note: str | None = Field(None, description="Anything more precise, e.g. 'second sentence'")

    @model_validator(mode="after")
    def _one_place(self) -> Citation:
        given = [name for name in PLACES if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(
                "a citation needs exactly one place: paragraph, page, section or table" + (f" (not {' and '.join(given)})" if given else "")
            )
        if self.span is not None and self.span[0] > self.span[1]:
            raise ValueError("span [START, END] must not end before it starts")
        return self

    @property
    def place(self) -> tuple[str, int | str]:
        """The one place given: ``("paragraph", 7)``, ``("page", 12)`` ..."""
        name = next(n for n in PLACES if getattr(self, n) is not None)
        return name, getattr(self, name)


class SourceV1(_Strict):
    """The one document a format-1 pack is drawn from."""

    title: Text
    author: Text
    author_role: str | None = None
    publication: str | None = Field(None, description="Where it was published; null when the source does not say")
    date: Date = Field(description="As precise as known: YYYY, YYYY-MM or YYYY-MM-DD")
    kind: Literal["article", "speech", "statement", "report", "communique"]
    url: str | None = None
    paragraphing: str | None = Field(None, description="How paragraphs are numbered")


SourceKind = Literal["article", "speech", "statement", "communique", "report", "dataset", "web-page", "interview", "own-reporting"]


class Source(_Strict):
    """One document a pack is drawn from (format 2's ``sources:`` list)."""

    id: ItemId = Field(description="Short id that items cite as source: {doc: ID}")
    title: Text
    author: Text | None = Field(None, description="Who wrote or said it; null for, e.g., a dataset")
    author_role: str | None = None
    publication: str | None = Field(None, description="Where it was published; null when the source does not say")
    date: Date | None = Field(None, description="As precise as known: YYYY, YYYY-MM or YYYY-MM-DD")
    kind: SourceKind
    url: str | None = None
    paragraphing: str | None = Field(None, description="How paragraphs are numbered")


class _Item(_Strict):
    """What every library item has: its id, tags, classification level and review state."""

    id: ItemId = Field(description="Short id, unique in the pack: lower-case letters, digits and hyphens")
    tags: list[str] = _empty_list("Words to find the item by, e.g. transport, cpec")
    level: Level | None = Field(None, description="Classification level, if above the lowest")
    lang: LanguageTag | None = Field(None, description="BCP 47 tag of the item's text, e.g. 'ur', 'ar' or 'zh-Hans'; null: the brief's")
    review: Review | None = _REVIEW


class _SourcedItem(_Item):
    """An item drawn from one of its pack's sources."""

    source: Citation = Field(description="Where it comes from: one of the pack's sources, and the paragraph, page, section or table")


class _PillarItem(_SourcedItem):
    """A sourced item filed under one of its pack's pillars."""

    pillar: ItemId = Field(description="The id of the pillar (theme) it belongs to")


class Pillar(_SourcedItem):
    """A theme with its key messages."""

    title: Text = Field(description="The theme, in a few words")
    summary: Text = Field(description="One paragraph, in our own words")
    key_messages: list[Text] = Field(min_length=1, description="Our key messages on the theme, one per line")


class Figure(_PillarItem):
    """A number with its unit, date and source."""

    label: Text = Field(description="What is counted, in our own words")
    value: int | float = Field(description="The number itself, e.g. 250000000")
    display: Text = Field(description="The value as the source words it, e.g. 'over 250 million'")
    unit: Text = Field(description="What the number counts, e.g. 'passenger trips'; not repeated in display")
    qualifier: Literal["exact", "over", "more than", "about", "up to", "at least", "ordinal"] = Field(
        "exact", description="How the source qualifies the number: 'over', 'about' ... or exact"
    )
    as_of: Date | None = Field(None, description="The date the figure was true")
    period: str | None = Field(None, description="A period instead of a date, e.g. '2025-2029' or 'daily'")


class Quotation(_PillarItem):
    """A statement by a named person: direct (verbatim) or reported."""

    speaker: Text = Field(description="Who said it, by name: a quotation always names its speaker")
    speaker_title: str | None = Field(None, description="Title shown before the name, e.g. 'President'")
    role: Text = Field(description="The speaker's post, e.g. 'President of the People's Republic of China'")
    kind: Literal["direct", "reported"] = Field(
        description="direct: verbatim, in quotation marks; reported: 'X stated that ...', never quoted"
    )
    verb: str | None = Field(None, description="For reported speech: the reporting words from the source, e.g. 'stated that'")
    text: Text = Field(description="Direct: verbatim. Reported: as the source reports it")
    occasion: Text = Field(description="Where or when it was said, e.g. 'Joint press conference'")
    date: Date | None = Field(None, description="When it was said: YYYY, YYYY-MM or YYYY-MM-DD")


class Event(_PillarItem):
    """A visit, summit, meeting or commemoration."""

    kind: Literal["visit", "summit", "meeting", "commemoration", "launch"] = Field(description="What sort of event")
    title: Text = Field(description="The event's name, e.g. 'SCO Tianjin Summit'")
    summary: Text = Field(description="What happened, in our own words")
    date: Date | None = Field(None, description="When it began: YYYY, YYYY-MM or YYYY-MM-DD")
    end_date: Date | None = Field(None, description="When it ended, if not the same day")
    place: str | None = Field(None, description="Where it took place")
    participants: list[str] = _empty_list("Who took part, one per line")


class Project(_PillarItem):
    """A named project, programme or initiative."""

    name: Text = Field(description="The project's name, e.g. 'Lahore Orange Line'")
    summary: Text = Field(description="What it is and where it stands, in our own words")
    status: Literal["planned", "under way", "operational", "completed", "announced"] = Field(description="Where the project stands")
    place: str | None = Field(None, description="Where it is")


class Person(_Item):
    """Someone in the "who's who" of a meeting: name, title, role and a short biography."""

    name: Text = Field(description="The person's name, e.g. 'Jiang Zaidong'")
    title: str | None = Field(None, description="Shown before the name, e.g. 'H.E.' or 'Dr'")
    role: Text = Field(description="Their post, e.g. 'Chinese Ambassador to Pakistan'")
    organisation: str | None = Field(None, description="Where they work, e.g. the embassy or ministry")
    bio: str | None = Field(None, description="A short paragraph, in our own words")
    as_of: Date | None = Field(None, description="When the role and biography were true")
    pillar: ItemId | None = Field(None, description="The pillar (theme) they are most concerned with, if any")
    source: Citation | None = Field(None, description="Where the role or biography comes from, if from a source")


class Line(_Item):
    """One of our own lines: a line to take, or an if-asked question with its answer. It has no source document."""

    kind: Literal["line-to-take", "if-asked"] = Field(description="line-to-take: what we say; if-asked: our answer to a question")
    question: str | None = Field(None, description="For if-asked: the question we may be asked")
    text: Text = Field(description="The line itself, or the answer to the question")
    owner: str | None = Field(None, description="Who keeps the line, e.g. 'South Asia desk'")
    last_reviewed: Date | None = Field(None, description="When the line was last checked; stale like a figure's as_of")
    pillar: ItemId | None = Field(None, description="The pillar (theme) it belongs to, if any")


class _Items(_Strict):
    pillars: list[Pillar] = _empty_list()
    figures: list[Figure] = _empty_list()
    quotations: list[Quotation] = _empty_list()
    events: list[Event] = _empty_list()
    projects: list[Project] = _empty_list()


class PackV1(_Items):
    """A format-1 pack: one source document. It loads as a format-2 pack whose one source is ``main``."""

    format: Literal[1] = Field(description="Pack format version")
    pack: ItemId = Field(description="The pack id: the first part of every item id")
    title: Text
    source: SourceV1


class Pack(_Items):
    """A content pack: one YAML file in a content folder."""

    format: Literal[2] = Field(description="Pack format version")
    pack: ItemId = Field(description="The pack id: the first part of every item id")
    title: Text
    sources: list[Source] = Field(min_length=1, description="The documents the items cite; ids unique within the pack")
    people: list[Person] = _empty_list()
    lines: list[Line] = _empty_list()


class PackFile(RootModel[Annotated[Pack | PackV1, Field(discriminator="format")]]):
    """A pack file of either format, told apart by ``format``: what the JSON Schema describes."""


PACK_MODELS: dict[Any, type[PackV1] | type[Pack]] = {1: PackV1, 2: Pack}
MAIN_SOURCE = "main"


def upgraded(old: PackV1) -> Pack:
    """A format-1 pack as format 2: its source becomes the one source ``main``; items are unchanged."""
    source = Source.model_construct(id=MAIN_SOURCE, **dict(old.source))
    items = {plural: getattr(old, plural) for plural in _Items.model_fields}
    return Pack.model_construct(format=2, pack=old.pack, title=old.title, sources=[source], people=[], lines=[], **items)


ItemModel = Pillar | Figure | Quotation | Event | Project | Person | Line
KINDS: dict[str, str] = {
    "pillar": "pillars",
    "figure": "figures",
    "quotation": "quotations",
    "event": "events",
    "project": "projects",
    "person": "people",
    "line": "lines",
}
MODELS: dict[str, type[BaseModel]] = {
    "pillar": Pillar,
    "figure": Figure,
    "quotation": Quotation,
    "event": Event,
    "project": Project,
    "person": Person,
    "line": Line,
}
LAST_FIELDS = ("pillar", "source", "tags", "lang", "level", "review")


def field_names(kind: str) -> list[str]:
    """An item kind's fields in reading order: the id, its own fields, then pillar, source, tags, language, level and review."""
    names = list(MODELS[kind].model_fields)
    return ["id", *(n for n in names if n != "id" and n not in LAST_FIELDS), *(n for n in LAST_FIELDS if n in names)]
