"""Finding templates (bundled and the officer's own) and reading their front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from .. import paths
from ..errors import Location, TemplateError
from ..yamlread import parse_yaml, validate

SUFFIX = ".xml.j2"
_FRONT = re.compile(r"\A\{#-?\s*briefing-template\s*\n(.*?)\n\s*-?#\}", re.DOTALL)


class TemplateInfo(BaseModel):
    """A template's front matter: the YAML in its opening ``{# briefing-template ... #}`` comment."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    name: str
    description: str = ""
    page_budget: int | None = Field(None, ge=1)
    show_dates: bool = True


@dataclass(frozen=True)
class Template:
    """A template on disk: its id (file name without suffix), where it is and its front matter."""

    id: str
    path: Path
    info: TemplateInfo
    user: bool

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.info.name,
            "page_budget": self.info.page_budget,
            "description": self.info.description,
            "path": str(self.path),
            "user": self.user,
        }


def template_dirs() -> list[Path]:
    """The officer's own templates first (they may override), then the bundled ones."""
    return [paths.user_templates_dir(), paths.templates_dir()]


_INFO: dict[Path, tuple[tuple[int, int], TemplateInfo]] = {}  # path -> ((size, mtime), its front matter)


def read_info(path: Path) -> TemplateInfo:
    """Parse a template's front matter (again only when the file changed); a TemplateError with file:line when it is wrong."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise TemplateError(f"cannot read template: {exc}", location=Location(str(path))) from None
    stamp = (stat.st_size, stat.st_mtime_ns)
    known = _INFO.get(path)
    if known is not None and known[0] == stamp:
        return known[1]
    info = _parse_info(path)
    _INFO[path] = (stamp, info)  # only a template that reads is kept: a broken one is read again, so its error is current
    return info


def _parse_info(path: Path) -> TemplateInfo:
    """The front matter as the file now says it."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"cannot read template: {exc}", location=Location(str(path))) from None
    match = _FRONT.match(source)
    if not match:
        raise TemplateError(
            "template has no front matter",
            location=Location(str(path), 1, 1),
            hint="start it with {# briefing-template\\nname: My template\\n#}",
        )
    first_line = source[: match.start(1)].count("\n")
    try:
        doc = parse_yaml(match.group(1), path, TemplateError)
    except TemplateError as exc:  # located in the front matter: point at the file's own line
        if exc.location is not None and exc.location.line is not None:
            exc.location = Location(exc.location.path, exc.location.line + first_line, exc.location.column)
        raise
    # shift YAML positions to the file's own lines
    doc.value_marks = {k: (line + first_line, col) for k, (line, col) in doc.value_marks.items()}
    doc.key_marks = {k: (line + first_line, col) for k, (line, col) in doc.key_marks.items()}
    return validate(doc, TemplateInfo, TemplateError)


def list_templates() -> tuple[list[Template], list[TemplateError]]:
    """Every template, bundled and user, with the problems of those that cannot be read."""
    found: dict[str, Template] = {}
    problems: list[TemplateError] = []
    user_dir = paths.user_templates_dir()
    for folder in reversed(template_dirs()):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob(f"*{SUFFIX}")):
            template_id = path.name[: -len(SUFFIX)]
            try:
                found[template_id] = Template(template_id, path, read_info(path), folder == user_dir)
            except TemplateError as exc:
                problems.append(exc)
    return sorted(found.values(), key=lambda t: (t.user, t.id)), problems


def get_template(template_id: str) -> Template:
    """The template with this id, or a TemplateError listing the ones there are."""
    templates, _ = list_templates()
    for template in templates:
        if template.id == template_id:
            return template
    raise TemplateError(f"no template {template_id!r}", hint="use one of: " + ", ".join(t.id for t in templates))
