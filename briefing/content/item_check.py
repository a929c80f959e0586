"""The live check of one item being edited: the same rules and messages as `content check`, by field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import ContentError
from ..yamlread import YamlDoc, validation_problems
from .checks import item_problems, item_warnings
from .model import MODELS, Pack


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with (or worth a look in) a field of the item: ``field`` is "" for the item as a whole."""

    field: str
    message: str
    hint: str | None = None
    warning: bool = False

    def __str__(self) -> str:
        return self.message + (f" ({self.hint})" if self.hint else "")


def check_item(kind: str, values: dict[str, Any], pack: Pack, *, taken_ids: set[str] = frozenset()) -> list[FieldProblem]:
    """Problems, then warnings, of an item of ``kind`` with ``values`` if it were in ``pack``.

    ``taken_ids`` are the ids of the pack's other items: a new id must not be one of them.
    """
    model_type = MODELS[kind]
    try:
        model = model_type.model_validate(values, strict=True)
    except ValidationError as exc:
        return _schema_problems(exc, model_type, values)
    found: list[FieldProblem] = []
    if model.id in taken_ids:
        found.append(FieldProblem("id", f"duplicate id {model.id!r}", "give each item its own id"))
    for path, message, hint in item_problems(kind, model, pack):
        found.append(FieldProblem(str(path[0]) if path else "", message, hint))
    for path, message in item_warnings(kind, model):
        found.append(FieldProblem(str(path[0]) if path else "", message, warning=True))
    return found


def _schema_problems(exc: ValidationError, model_type: Any, values: dict[str, Any]) -> list[FieldProblem]:
    """Each pydantic error worded as the loader words it, with the field it is about."""
    doc = YamlDoc(Path("item"), values)
    found = []
    for error in exc.errors(include_url=False):
        single = ValidationError.from_exception_data(exc.title, [_details(error)])
        [problem] = validation_problems(doc, single, model_type, ContentError)[:1] or [None]
        field = str(error["loc"][0]) if error["loc"] else ""
        if problem is not None and FieldProblem(field, problem.message, problem.hint) not in found:
            found.append(FieldProblem(field, problem.message, problem.hint))
    return found


def _details(error: Any) -> Any:
    details = {"type": error["type"], "loc": error["loc"], "input": error.get("input")}
    if "ctx" in error:
        details["ctx"] = error["ctx"]
    return details
