"""The Jinja2 sandbox (autoescaped, StrictUndefined, size limits) and rendering a template to XML in this process."""

from __future__ import annotations

import contextlib
import hashlib
import traceback
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from .. import __version__, paths
from ..errors import Location, TemplateError, TemplateLimitExceeded, TemplateNotAllowed
from .registry import Template, template_dirs

MAX_OUTPUT_CHARS = 5_000_000
MAX_STRING = 1_000_000


class _Loader(jinja2.FileSystemLoader):
    """Loads only ``*.xml.j2`` files from the template folders; '..' and absolute paths are refused."""

    def get_source(self, environment, template):
        if ".." in template.replace("\\", "/").split("/") or template.startswith(("/", "\\")) or ":" in template:
            raise TemplateNotAllowed(
                f"template not allowed: {template!r} is outside the template folders", hint="include templates by name only"
            )
        return super().get_source(environment, template)


class _LimitedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with ``*``, ``**`` and ``+`` checked so no expression builds a huge value."""

    intercepted_binops = frozenset(["*", "**", "+"])

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise TemplateLimitExceeded("template exceeded its limits: exponent too large")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_STRING:
                    raise TemplateLimitExceeded("template exceeded its limits: a string or list would be too long")
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, (str, list, tuple)) and len(result) > MAX_STRING:
            raise TemplateLimitExceeded("template exceeded its limits: a string or list is too long")
        return result


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs in the user cache folder: a cold build skips Jinja's compile.

    Keyed by template name and a checksum of its source, so an edited template
    is compiled again. Best effort: an entry that cannot be read is compiled
    again, and when the folder cannot be written templates are compiled each time.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged entry (Jinja checks only its header): compile instead
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_folder(env: jinja2.Environment) -> Path:
    """The cache folder for ``env``'s compiled templates.

    Compiled code depends on the environment's options and on the operators the
    sandbox intercepts, which Jinja's own cache key leaves out: they, Jinja's
    version and Briefing's are hashed into the folder name.
    """
    options = (
        __version__,
        jinja2.__version__,
        type(env).__qualname__,
        sorted(getattr(env, "intercepted_binops", ())),
        sorted(getattr(env, "intercepted_unops", ())),
        env.autoescape if isinstance(env.autoescape, bool) else getattr(env.autoescape, "__qualname__", "callable"),
        env.trim_blocks,
        env.lstrip_blocks,
        env.keep_trailing_newline,
        env.newline_sequence,
        (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string),
        (env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix),
        sorted(str(e) for e in env.extensions),
    )
    digest = hashlib.sha256(repr(options).encode("utf-8")).hexdigest()[:16]
    return paths.user_cache_dir() / f"templates-{digest}"


def _bytecode_cache(env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    folder = _bytecode_folder(env)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _BytecodeCache(str(folder))


@lru_cache(maxsize=4)
def _environment(dirs: tuple[str, ...]) -> ImmutableSandboxedEnvironment:
    env = _LimitedSandbox(
        loader=_Loader(list(dirs)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=True,
    )
    env.bytecode_cache = _bytecode_cache(env)
    env.globals.clear()  # no range/dict/lipsum/cycler/joiner/namespace beyond what we allow
    env.globals["range"] = lambda *a: range(*a) if len(range(*a)) <= 10000 else _too_big()
    return env


def _too_big():
    raise TemplateLimitExceeded("template exceeded its limits: range() over 10,000 items")


def environment() -> ImmutableSandboxedEnvironment:
    """The sandboxed environment over the current template folders."""
    return _environment(tuple(str(d) for d in template_dirs() if d.is_dir()))


def _template_line(exc: BaseException, path: Path) -> int | None:
    """The line in the template file where a render error happened, from Jinja's rewritten traceback."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if Path(frame.filename).name == path.name or frame.filename.endswith(".xml.j2"):
            line = frame.lineno
    return line


def render_xml_inprocess(template: Template, context: dict) -> str:
    """Render ``template`` with ``context`` to its XML text. Errors name the template file and line."""
    env = environment()
    try:
        compiled = env.get_template(template.path.name)
        out = compiled.render(context)
    except TemplateError as exc:  # our own limits and refusals, raised from inside the sandbox
        if exc.location is None:
            exc.location = Location(str(template.path), _template_line(exc, template.path))
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"template syntax error: {exc.message}", location=Location(exc.filename or str(template.path), exc.lineno)
        ) from None
    except SecurityError as exc:
        raise TemplateNotAllowed(
            f"template not allowed: {exc}", location=Location(str(template.path), _template_line(exc, template.path))
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            f"template includes {exc.name!r}, which does not exist",
            location=Location(str(template.path), _template_line(exc, template.path)),
        ) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"template uses something the brief does not have: {exc.message}",
            location=Location(str(template.path), _template_line(exc, template.path)),
            hint="check the name against the template context in the README",
        ) from None
    except RecursionError:
        raise TemplateLimitExceeded("template exceeded its limits: recursion too deep", location=Location(str(template.path))) from None
    except MemoryError:
        raise TemplateLimitExceeded("template exceeded its limits: out of memory", location=Location(str(template.path))) from None
    except Exception as exc:  # a template bug of any other kind: report it with its line
        raise TemplateError(
            f"template failed: {type(exc).__name__}: {exc}", location=Location(str(template.path), _template_line(exc, template.path))
        ) from None
    if len(out) > MAX_OUTPUT_CHARS:
        raise TemplateLimitExceeded(
            f"template exceeded its limits: output over {MAX_OUTPUT_CHARS:,} characters", location=Location(str(template.path))
        )
    return out
