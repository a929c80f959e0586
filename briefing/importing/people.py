"""Named people in a source: "President Xi Jinping", "Jane Doe, Minister for Trade,", and the fullest name used for each."""

from __future__ import annotations

import re
from dataclasses import dataclass

TITLES = [
    "Deputy Prime Minister", "Prime Minister", "Deputy Foreign Minister", "Vice President", "Vice Premier", "Foreign Minister", "Minister of State",
    "Deputy Minister", "Vice Minister", "Chief Minister", "Finance Minister", "Defence Minister", "Defense Minister",
    "Trade Minister", "Minister", "President", "Premier", "State Councilor", "Chancellor", "Secretary-General",
    "Secretary General", "Secretary of State", "Foreign Secretary", "Secretary", "Ambassador", "High Commissioner",
    "Commissioner", "Chairman", "Chairperson", "Chairwoman", "Governor", "Senator", "Director-General", "Director General",
    "Director", "Spokesperson", "Spokesman", "Spokeswoman", "Special Envoy", "Envoy", "King", "Queen", "Crown Prince",
    "Emir", "Sheikh", "Field Marshal", "General", "Admiral", "Professor", "Prof.", "Dr.", "Mr.", "Mrs.", "Ms.", "Dr", "Mr", "Mrs", "Ms", "Mayor",
]  # fmt: skip
_TITLE = r"Minister (?:for|of) [A-Z][a-z]+(?: and [A-Z][a-z]+)?(?=\s+[A-Z])|" + "|".join(
    re.escape(t) + (r"(?=\s)" if t[-1].isalpha() else "") for t in sorted(TITLES, key=len, reverse=True)
)
_NAME_WORD = r"(?!(?:The|This|That|These|Both|China|Pakistan|During|In|On|At|And|But|He|She|We|They|It)\b)[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}"
_ADJ = r"(?:(?:Chinese|Pakistani|Kazakh|Kazakhstani|Uzbek|Afghan|Iranian|Indian|Turkish|Saudi|British|American|French|German|Federal|Provincial|Acting|Former)\s+)?"
TITLED = re.compile(rf"(?:H\.\s?E\.\s+)?(?P<title>{_ADJ}(?:{_TITLE}))\s+(?P<name>{_NAME})(?![\w-])")
ROLE_AFTER = re.compile(
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}),\s+(?P<role>(?:the\s+)?[^,.;“”\"]{{0,40}}?\b(?:{_TITLE}|Head|Chief|Spokesperson)\b[^,.;“”\"]{{0,60}}),"
)
PRONOUN = re.compile(r"\b(?:He|She|he|she)\b")


@dataclass(frozen=True)
class Mention:
    """A person named in a paragraph: where, as written, and resolved to the fullest name the source uses."""

    start: int
    end: int
    name: str
    title: str | None
    role: str | None

    def as_fields(self, people: People) -> dict[str, str | None]:
        full = people.full_name(self.name)
        title = self.title or people.title_of(full)
        return {"speaker": full, "speaker_title": title, "role": self.role or people.role_of(full) or title}


def mentions(text: str) -> list[Mention]:
    """Every titled or role-given name in ``text``, in order, without overlaps."""
    found: list[Mention] = []
    for m in TITLED.finditer(text):
        name = re.sub(r"[’']s$", "", m.group("name"))
        title = " ".join(m.group("title").split())
        found.append(Mention(m.start(), m.start("name") + len(name), name, title, None))
    for m in ROLE_AFTER.finditer(text):
        if any(f.start <= m.start("name") < f.end for f in found):
            continue
        found.append(Mention(m.start(), m.end("role") + 1, m.group("name"), None, " ".join(m.group("role").split())))
    return sorted(found, key=lambda f: f.start)


THE_TITLE = re.compile(rf"\b[Tt]he\s+(?P<title>{_TITLE})\b(?!\s+(?:of|for)\b)")


def with_titles(text: str, people: People) -> list[Mention]:
    """:func:`mentions`, plus "the Chief Minister" where the source names exactly one person with that title."""
    found = mentions(text)
    for m in THE_TITLE.finditer(text):
        name = people.only_one_titled(m.group("title"))
        if name and not any(f.start <= m.start("title") < f.end for f in found):
            found.append(Mention(m.start(), m.end(), name, m.group("title"), None))
    return sorted(found, key=lambda f: f.start)


class People:
    """The people a whole source names, so "Prime Minister Shehbaz" resolves to "Shehbaz Sharif"."""

    def __init__(self, texts: list[str]):
        self.names: dict[str, tuple[str | None, str | None]] = {}
        for text in texts:
            for m in mentions(text):
                title, role = self.names.get(m.name, (None, None))
                self.names[m.name] = (title or m.title, role or m.role)

    def full_name(self, name: str) -> str:
        words = name.split()
        longer = [
            n for n in self.names if len(n.split()) > len(words) and (n.split()[: len(words)] == words or n.split()[-len(words) :] == words)
        ]
        return max(longer, key=len) if len(set(longer)) == 1 else name

    def only_one_titled(self, title: str) -> str | None:
        names = {self.full_name(n) for n, (t, _r) in self.names.items() if t and t.split()[-len(title.split()) :] == title.split()}
        return names.pop() if len(names) == 1 else None

    def title_of(self, name: str) -> str | None:
        return self.names.get(name, (None, None))[0]

    def role_of(self, name: str) -> str | None:
        return self.names.get(name, (None, None))[1]
