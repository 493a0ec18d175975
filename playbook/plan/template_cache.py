"""Compile each Jinja template once per process, whichever build asks for it.

MkDocs and mkdocs-macros make new Jinja environments for every build, so the theme's and
the pages' templates were compiled again on every rebuild of ``playbook serve`` and for
every build of a test run: about half the time of a small build. Compiled code does not
depend on the environment's globals or filters (they are looked up when a template
renders), only on how the environment parses: its delimiters, whitespace options and
extensions. So the code is kept by the template's source and that parsing configuration,
and a changed template, or an environment that parses differently, is compiled anew.

Each ``playbook build`` is a new process, and compiling the theme's and the pages' templates
took about a second of a small build. So the compiled code (of the theme's templates, the
page templates and their includes, and each page's own source) is also kept on disk, in the
user's cache folder (``$XDG_CACHE_HOME/culture-playbook``, by default
``~/.cache/culture-playbook``), one folder per Jinja and Python version and one small file
per template source seen; the folder may be deleted at any time. Jinja checks each stored
file's format and its template's checksum before using it; a stale or damaged file is
compiled anew and written over. The folder must be the user's own and closed to others
(compiled code is loaded from it); otherwise, or when it cannot be written, the cache
stays in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
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
    """Jinja's bytecode cache: in memory for every environment of this process, and in
    ``folder`` (when given) for the next process.

    Jinja keys a bucket by the template's name and checks its source's checksum; the key
    here also holds the checksum and the environment's parsing configuration
    (``parsing_key``), so the folder holds one file per template source seen.
    """

    def __init__(self, find_folder: Callable[[], Path | None] = lambda: None) -> None:
        self._find_folder = find_folder
        self._code: dict[str, bytes] = {}

    @cached_property
    def folder(self) -> Path | None:
        """Where compiled code is kept for the next process (found on first use, so that
        commands which render nothing make no folder)."""
        return self._find_folder()

    def get_bucket(
        self, environment: Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        # The checksum is in the key too: two environments may load different sources
        # under one name (the theme with and without THEME_FIXES), and each keeps its code.
        checksum = self.get_source_checksum(source)
        key = self.get_cache_key(f"{parsing_key(environment)}\x00{name}\x00{checksum}", filename)
        bucket = Bucket(environment, key, checksum)
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is None and self.folder is not None:
            try:
                code = (self.folder / f"{bucket.key}.jinja").read_bytes()
            except OSError:
                return
        if code is not None:
            bucket.bytecode_from_string(code)  # resets the bucket if stale or damaged
            if bucket.code is not None:
                self._code[bucket.key] = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = self._code[bucket.key] = bucket.bytecode_to_string()
        if self.folder is not None:
            _write_atomically(self.folder / f"{bucket.key}.jinja", code)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that another process reads the old file or the new
    one, never half of one; a cache that cannot be written is left as it is."""
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def cache_folder() -> Path | None:
    """The folder compiled templates are kept in across processes, or None.

    None when it cannot be made (or would need a home folder that does not exist), or is
    not a folder of this user's that only this user may write to and read (compiled code
    is loaded from it).
    """
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if not os.path.isdir(home):
            return None  # a service account without a home: no home is made for a cache
        base = os.path.join(home, ".cache")
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    folder = Path(base) / "culture-playbook" / f"jinja-{jinja2.__version__}-python-{python}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        found = folder.lstat()
    except OSError:
        return None
    owned = not hasattr(os, "getuid") or found.st_uid == os.getuid()
    closed = found.st_mode & (stat.S_IRWXG | stat.S_IRWXO) == 0
    return folder if stat.S_ISDIR(found.st_mode) and owned and closed else None


BYTECODE = ProcessBytecodeCache(cache_folder)
"""The one cache of this process: set it as an environment's ``bytecode_cache``."""

_SOURCES: dict[tuple[str, str], CodeType] = {}


def template_from_source(environment: Environment, source: str) -> Template:
    """``environment.from_string(source)``, compiled once for each parsing configuration
    (a page's source is compiled by ``from_string``, which Jinja's bytecode cache does not
    serve; here it goes through ``BYTECODE`` too, kept by its checksum)."""
    key = (parsing_key(environment), hashlib.sha1(source.encode("utf-8")).hexdigest())
    code = _SOURCES.get(key)
    if code is None:
        bucket = BYTECODE.get_bucket(environment, "<page source>", None, source)
        if bucket.code is None:
            bucket.code = environment.compile(source)
            BYTECODE.set_bucket(bucket)
        code = _SOURCES[key] = bucket.code
    globals_: Any = environment.make_globals(None)
    return environment.template_class.from_code(environment, code, globals_, None)
