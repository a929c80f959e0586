"""The base of every writer's body: ``visit_<node>`` dispatch over the closed document model, checked at class definition."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from ..document.model import BLOCK_TYPES
from ..errors import RenderError

NODE_TYPES: tuple[type, ...] = BLOCK_TYPES
"""The node types a writer must handle (inline text has one node type, Run, which each block visit sets)."""


def visit_name(node_type: type) -> str:
    """``visit_figures_table`` for FiguresTable: the method a visitor handles that node type with."""
    return "visit_" + re.sub(r"(?<!^)(?=[A-Z])", "_", node_type.__name__).lower()


def unknown_node(node: object, fmt: str) -> RenderError:
    """The loud error for a node a writer does not know: never skip silently."""
    return RenderError(f"the {fmt} writer has no rule for document node {type(node).__name__}", hint="add a visit method for it")


class NodeVisitor:
    """Calls ``visit_<node>`` for each block; a subclass that misses a node type is refused when it is defined.

    A subclass names its ``format`` (for error messages). An intermediate base
    class that is not meant to be complete passes ``partial=True``.
    """

    format: ClassVar[str] = ""
    _dispatch: ClassVar[dict[type, Any]] = {}

    def __init_subclass__(cls, partial: bool = False, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if partial:
            return
        missing = [visit_name(node) for node in NODE_TYPES if not callable(getattr(cls, visit_name(node), None))]
        if missing:
            raise TypeError(f"{cls.__name__} does not handle every document node type: add {', '.join(missing)}")
        cls._dispatch = {node: getattr(cls, visit_name(node)) for node in NODE_TYPES}

    def visit(self, node: object) -> Any:
        """Hand ``node`` to its visit method; a RenderError for a node outside the model."""
        method = self._dispatch.get(type(node))
        if method is None:
            raise unknown_node(node, self.format)
        return method(self, node)
