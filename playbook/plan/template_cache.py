"""Compile each Jinja template once per process, whichever build asks for it.

MkDocs and mkdocs-macros make new Jinja environments for every build, so the theme's and
the pages' templates were compiled again on every rebuild of ``playbook serve`` and for
every build of a test run: about half the time of a small build. Compiled code does not
depend on the environment's globals or filters (they are looked up when a template
renders), only on how the environment parses: its delimiters, whitespace options and
extensions. So the code is kept by the template's source and that parsing configuration,
and a changed template, or an environment that parses differently, is compiled anew.
"""

from __future__ import annotations

import hashlib
from types import CodeType
from typing import Any

from jinja2 import BytecodeCache, Environment, Template
from jinja2.bccache import Bucket

_PARSING = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "is_async",
)


def parsing_key(environment: Environment) -> str:
    """What decides the code an environment compiles a source into (not its globals)."""
    settings = [repr(getattr(environment, name, None)) for name in _PARSING]
    settings += sorted(environment.extensions)
    settings.append(repr(environment.autoescape))
    return "\x00".join(settings)


class ProcessBytecodeCache(BytecodeCache):
    """Jinja's bytecode cache, in memory, shared by every environment of this process.

    Jinja keys a bucket by the template's name and checks its source's checksum; the key
    here also holds the environment's parsing configuration (``parsing_key``).
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def get_bucket(
        self, environment: Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        key = self.get_cache_key(f"{parsing_key(environment)}\x00{name}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


BYTECODE = ProcessBytecodeCache()
"""The one cache of this process: set it as an environment's ``bytecode_cache``."""

_SOURCES: dict[tuple[str, str], CodeType] = {}


def template_from_source(environment: Environment, source: str) -> Template:
    """``environment.from_string(source)``, compiled once per process for each parsing
    configuration (a page's source is compiled by ``from_string``, which Jinja's bytecode
    cache does not serve)."""
    key = (parsing_key(environment), hashlib.sha1(source.encode("utf-8")).hexdigest())
    code = _SOURCES.get(key)
    if code is None:
        code = _SOURCES[key] = environment.compile(source)
    globals_: Any = environment.make_globals(None)
    return environment.template_class.from_code(environment, code, globals_, None)
