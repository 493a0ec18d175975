"""Read a YAML profile safely into plain data plus the position of every value.

The loader builds data straight from the YAML event stream instead of using
``yaml.safe_load``, because the profile is edited by hand by people who are not
programmers and PyYAML's defaults fail them in quiet ways:

- duplicate keys silently keep the last value: here they are errors;
- YAML 1.1 typing turns ``NO`` into ``False`` and ``1.10`` into ``1.1``: here every
  scalar stays the text that was written (the profile models convert the few
  boolean, integer and date fields themselves, with located messages);
- aliases can expand exponentially ("billion laughs"), or repeat one long text
  thousands of times: here expansion is bounded, in values and relative to the file;
- deep nesting overflows the stack: here depth is bounded;
- tags such as ``!!python/object`` or ``!!binary`` are refused, and so are merge keys;
- a device, a pipe or a huge file is refused before a byte of it is read;
- in text written without quotes, `` #`` starts a comment, so ``raise it in #payments``
  silently becomes ``raise it in``: that is a warning, located at the ``#``.

Every value's position is kept in a map from its data path, e.g.
``("roles", 3, "kpis", 0)``, to a 1-based line and column, so later checks can
report ``FILE:LINE:COL`` for anything they find.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from playbook.errors import Problem, ProfileError

# A real profile for a large company is well under 2 MB; past these limits a file is
# a mistake or an attack, and the pure-Python YAML parser would take minutes.
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 32
MAX_ALIAS_EXPANSION = 50_000
# Aliases may share a paragraph between a few roles; a profile whose aliases make it many
# times longer than the file is a way to build a site of gigabytes from a few kilobytes.
ALIAS_GROWTH = 10
MIN_ALIAS_BUDGET = 100_000
# Past this many problems of one kind (unknown fields, invisible characters), the rest are
# counted, not listed: the cause is then one mistake (a paste, an indentation) repeated.
MAX_REPORTED = 20

_FastParser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Tags that only restate the node's kind are harmless; every other tag is refused.
_ALLOWED_TAGS = {
    None,
    "!",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_NULL_WORDS = {"", "~", "null", "Null", "NULL"}
# How libyaml words its own nesting limit (1,000 levels), which it may hit before ours.
_NESTING_LIMIT = "exceeded maximum nesting depth"

# Characters that are invisible or reorder text: they arrive by copy-paste and make
# two names that look identical differ, or make text display differently from its bytes.
_INVISIBLE = {
    "\u200b": "ZERO WIDTH SPACE",
    "\u2060": "WORD JOINER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
}
# Left-to-right and right-to-left marks (U+200E, U+200F) are not among them: mixed
# right-to-left and Latin text needs them; the profile checks refuse them in names.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Every C0 and C1 control except tab, line feed and carriage return, plus the above.
_INVISIBLE_PATTERN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + "".join(sorted(_BIDI_CONTROLS | set(_INVISIBLE))) + "]"
)
# What follows a plain scalar when YAML cut it at a comment: blanks, then '#'.
_COMMENT_AFTER = re.compile(r"[ \t]+#([^\r\n]*)")
# Opening a pipe for reading waits for a writer; without waiting it can be refused.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in the source file (one per value: kept small)."""

    line: int
    column: int


@dataclass
class LoadedYaml:
    """Plain data from a YAML file and where each value sits in it.

    Attributes:
        file: the file name used in messages.
        data: the document as dicts, lists, strings and None.
        values: data path -> position of the value.
        keys: data path -> position of the key that introduces the value.
        warnings: what the file probably does not mean, though it loads (text cut at a
            comment); ``validate --strict`` and ``build --strict`` fail on them.
    """

    file: str
    data: Any
    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def position(self, path: Path_) -> Position:
        """Where a data path is best shown: its key, its value, or its nearest ancestor."""
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in self.keys:
                return self.keys[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return Position(1, 1)

    def problem(self, path: Path_, message: str) -> Problem:
        """A problem located at a data path."""
        where = self.position(path)
        return Problem(self.file, where.line, where.column, format_path(path), message)


def format_path(path: Path_) -> str:
    """``("roles", 3, "kpis", 0)`` -> ``roles[3].kpis[0]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def read_yaml_file(path: Path, display_name: str | None = None) -> LoadedYaml:
    """Read and parse a YAML file, raising ProfileError with located problems."""
    name = display_name or str(path)
    return parse_yaml_bytes(read_file_bytes(path, name), name)


def read_file_bytes(path: Path, name: str) -> bytes:
    """A file's bytes, or ProfileError saying in one sentence why it cannot be read.

    What the path is and how big it is are read from the open file, before any of its
    content: ``/dev/zero`` or a pipe never ends, and a 2 GB file would be read whole
    only to be refused. Reading stops one byte past the limit, in case the file grows.
    """
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise _single(name, "file not found", line=0, column=0) from None
    except OSError as error:
        if os.path.isdir(path):
            raise _single(name, _FOLDER, line=0, column=0) from None
        raise _single(name, f"cannot read the file: {error.strerror}", line=0, column=0) from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise _single(name, _FOLDER, line=0, column=0)
        if not stat.S_ISREG(info.st_mode):
            raise _single(
                name,
                "this is not a regular file (it is a device, a pipe or a socket); "
                "a profile is a YAML file saved on disk",
                line=0,
                column=0,
            )
        if info.st_size > MAX_FILE_BYTES:
            raise _too_large(name, info.st_size, whole_file=True)
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise _single(name, f"cannot read the file: {error.strerror}", line=0, column=0) from None
    finally:
        os.close(descriptor)
    if len(raw) > MAX_FILE_BYTES:
        raise _too_large(name, len(raw), whole_file=True, more=True)
    return raw


_FOLDER = "this is a folder, not a profile file"


def _too_large(name: str, size: int, whole_file: bool = False, more: bool = False) -> ProfileError:
    """The size sentence; ``more`` when reading stopped at the limit (the file grew)."""
    size_text = f"more than {MAX_FILE_BYTES:,}" if more else f"{size:,}"
    message = (
        f"the file is {size_text} bytes; a profile may be at most "
        f"{MAX_FILE_BYTES:,} bytes ({MAX_FILE_BYTES // 1024 // 1024} MB)"
    )
    return _single(name, message, line=0, column=0) if whole_file else _single(name, message)


def parse_yaml_bytes(raw: bytes, name: str) -> LoadedYaml:
    """Parse YAML from bytes; see the module docstring for what is refused and why."""
    if len(raw) > MAX_FILE_BYTES:
        raise _too_large(name, len(raw))
    text = _decode(raw, name)
    return parse_yaml_text(text, name)


def parse_yaml_text(text: str, name: str) -> LoadedYaml:
    """Parse YAML text into plain data with positions, or raise ProfileError."""
    problems = _invisible_characters(text, name)
    if problems:
        raise ProfileError(problems)
    builder = _Builder(name, text)
    try:
        try:
            builder.consume(yaml.parse(text, Loader=_FastParser))
        except yaml.MarkedYAMLError as error:
            if _NESTING_LIMIT not in str(error.problem):
                raise
            # libyaml 0.2.5 as bundled since PyYAML 6.0.4 refuses deep flow nesting while
            # scanning ahead, before any event reaches the builder; the pure-Python parser
            # scans ahead at most one line, so the builder's own depth limit speaks first.
            builder = _Builder(name, text)
            builder.consume(yaml.parse(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        builder.problems.append(_syntax_problem(name, text, error))
    except yaml.YAMLError as error:
        builder.problems.append(Problem(name, 1, 1, "", f"YAML syntax error: {error}"))
    except _StopLoading:
        pass
    if builder.problems:
        raise ProfileError(builder.problems + builder.all_warnings())
    loaded = LoadedYaml(
        name, builder.document, builder.values, builder.keys, builder.all_warnings()
    )
    if loaded.data is None:
        raise _single(name, "the file is empty; a profile starts with 'schema_version: 1'")
    return loaded


def _single(name: str, message: str, line: int = 1, column: int = 1) -> ProfileError:
    return ProfileError([Problem(name, line, column, "", message)])


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _single(name, "the file is saved as UTF-16; save it as UTF-8")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start]
        raise _single(
            name,
            f"the file is not valid UTF-8 (byte 0x{byte:02x}); save it as UTF-8",
            line,
            column,
        ) from None


def _invisible_characters(text: str, name: str) -> list[Problem]:
    # One regular-expression scan, and lines counted only between one match and the
    # next: a profile for a large company is megabytes of text.
    problems: list[Problem] = []
    lines = _LineCounter(text)
    matches = _INVISIBLE_PATTERN.finditer(text)
    for match in matches:
        index, char = match.start(), match.group(0)
        where = lines.position(index)
        if len(problems) == MAX_REPORTED:
            more = 1 + sum(1 for _ in matches)
            problems.append(
                Problem(
                    name,
                    where.line,
                    where.column,
                    "",
                    f"and {more:,} more invisible characters from here on; delete them too "
                    "(search and replace them with nothing)",
                )
            )
            break
        label = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "control character")
        problems.append(
            Problem(
                name,
                where.line,
                where.column,
                "",
                f"invisible character U+{ord(char):04X} ({label}); delete it "
                "(it usually arrives by copy and paste)",
            )
        )
    return problems


class _LineCounter:
    """Line and column of ascending character indices, counting each stretch once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.index = 0
        self.line = 1
        self.line_start = 0

    def position(self, index: int) -> Position:
        text, begin = self.text, self.index
        # YAML accepts \n, \r\n and a lone \r as line breaks.
        breaks = (
            text.count("\n", begin, index)
            + text.count("\r", begin, index)
            - text.count("\r\n", begin, index)
        )
        if breaks:
            self.line += breaks
            self.line_start = (
                max(text.rfind("\n", begin, index), text.rfind("\r", begin, index)) + 1
            )
        self.index = index
        return Position(self.line, index - self.line_start + 1)


_CONTROL_NAMES = {"\x00": "NUL", "\x1b": "ESCAPE", "\x7f": "DELETE"}


def _syntax_problem(name: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = error.problem or "invalid YAML"
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    indentation = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
    if "\t" in indentation:
        message = "a tab character is used for indentation; YAML needs spaces"
    elif "mapping values are not allowed" in problem:
        message = (
            "YAML syntax error: unexpected ':' here; check this line's indentation, or if the "
            "text contains ': ', put the whole text in quotes: \"like: this\""
        )
    elif "cannot start any token" in problem:
        message = (
            "YAML syntax error: a value cannot start with this character; put the whole text "
            'in quotes: "like this"'
        )
    else:
        context = f" {error.context}" if error.context else ""
        message = f"YAML syntax error: {problem}{context}"
    return Problem(name, line, column, "", message)


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


class _StopLoading(Exception):
    """Raised inside the builder once continuing would waste time or memory."""


@dataclass
class _Frame:
    container: dict | list
    path: Path_
    pending_key: str | None = None
    seen: dict[str, Position] = field(default_factory=dict)


class _Builder:
    """Turns YAML events into plain data, positions and problems."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text
        self.document: Any = None
        self.documents = 0
        self.values: dict[Path_, Position] = {}
        self.keys: dict[Path_, Position] = {}
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        # Cuts past the first MAX_REPORTED: how many, and where the first of them is.
        self.unlisted_cuts = 0
        self.first_unlisted_cut: tuple[int, int, Path_] | None = None
        self.stack: list[_Frame] = []
        # anchor -> (value, number of values in it, number of characters in it)
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        # The values and characters under each open collection, so an anchor knows its size.
        self.sizes: list[int] = []
        self.lengths: list[int] = []
        self.open_anchors: list[str | None] = []
        self.expanded = 0
        self.expanded_length = 0
        self.alias_budget = min(MAX_FILE_BYTES, max(MIN_ALIAS_BUDGET, ALIAS_GROWTH * len(text)))

    def consume(self, events: Iterator[yaml.Event]) -> None:
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    self._fail(
                        event.start_mark,
                        "the file holds more than one YAML document "
                        "('---'); keep the whole profile in one",
                    )
            elif isinstance(event, yaml.ScalarEvent):
                self._scalar(event)
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                self._open(event)
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                self._close()
            elif isinstance(event, yaml.AliasEvent):
                self._alias(event)

    def _report(self, mark: Any, message: str) -> None:
        self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1, "", message))

    def _fail(self, mark: Any, message: str) -> None:
        self._report(mark, message)
        raise _StopLoading

    @staticmethod
    def _position(mark: Any) -> Position:
        return Position(mark.line + 1, mark.column + 1)

    def _check_tag(self, event: Any) -> None:
        if event.tag not in _ALLOWED_TAGS:
            self._report(
                event.start_mark,
                f"YAML tag '{_short_tag(event.tag)}' is not allowed; write plain text, "
                "lists and mappings only",
            )

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        self._check_tag(event)
        value: str | None = event.value
        if not event.style and event.tag is None and event.value in _NULL_WORDS:
            value = None
        is_key = bool(self.stack) and isinstance(self.stack[-1].container, dict)
        is_key = is_key and self.stack[-1].pending_key is None
        path = self._add(value, event, size=1, length=len(event.value) + 1)
        if not event.style and not is_key:
            self._check_cut_at_comment(event, path)

    def _check_cut_at_comment(self, event: yaml.ScalarEvent, path: Path_) -> None:
        """Warn when plain text is followed by a comment on its line: YAML cut it there.

        The parser drops comments, so only the raw line tells: after a plain scalar,
        blanks and a '#' mean the text went on and was cut. An empty value followed by
        '#word' is a cut too (``channel: #payments-risk``); ``name: # comment`` is not.
        """
        end = event.end_mark
        after = _COMMENT_AFTER.match(self.text, end.index)
        if after is None:
            return
        rest = after.group(1).rstrip()
        if event.value in _NULL_WORDS and (event.value or not rest or rest[0].isspace()):
            return
        line, column = end.line + 1, end.column + after.start(1) - end.index  # the '#'
        if len(self.warnings) >= MAX_REPORTED:
            self.unlisted_cuts += 1
            self.first_unlisted_cut = self.first_unlisted_cut or (line, column, path)
            return
        kept = event.value if len(event.value) <= 30 else "..." + event.value[-27:]
        dropped = f"#{rest}" if len(rest) <= 30 else f"#{rest[:27]}..."
        kept_text = f"ends at '{kept}'" if kept else "is empty"
        self.warnings.append(
            Problem(
                self.name,
                line,
                column,
                format_path(path),
                f"YAML reads ' #' as the start of a comment, so this text {kept_text} and "
                f"'{dropped}' is left out; if it belongs to the text, put the whole text in "
                "double quotes; if it is a comment, give it a line of its own",
                warning=True,
            )
        )

    def all_warnings(self) -> list[Problem]:
        """The warnings listed one by one, then a count of the rest, if any."""
        if self.first_unlisted_cut is None:
            return self.warnings
        line, column, path = self.first_unlisted_cut
        more = Problem(
            self.name,
            line,
            column,
            format_path(path),
            f"and {self.unlisted_cuts:,} more texts cut at ' #' from here on; quote each "
            "whole text, or give each comment a line of its own",
            warning=True,
        )
        return [*self.warnings, more]

    def _open(self, event: yaml.MappingStartEvent | yaml.SequenceStartEvent) -> None:
        self._check_tag(event)
        if len(self.stack) >= MAX_DEPTH:
            self._fail(
                event.start_mark,
                f"the data is nested more than {MAX_DEPTH} levels deep; a profile never needs that",
            )
        container: dict | list = {} if isinstance(event, yaml.MappingStartEvent) else []
        path = self._add(container, event, size=0, length=0)
        self.stack.append(_Frame(container, path))
        self.sizes.append(1)
        self.lengths.append(1)
        self.open_anchors.append(event.anchor)

    def _close(self) -> None:
        frame = self.stack.pop()
        size = self.sizes.pop()
        length = self.lengths.pop()
        anchor = self.open_anchors.pop()
        if anchor:
            self.anchors[anchor] = (frame.container, size, length)
        if self.sizes:
            self.sizes[-1] += size
            self.lengths[-1] += length

    def _alias(self, event: yaml.AliasEvent) -> None:
        if event.anchor not in self.anchors:
            self._report(
                event.start_mark,
                f"'*{event.anchor}' refers to an anchor '&{event.anchor}' that is not defined "
                "before it",
            )
        value, size, length = self.anchors.get(event.anchor, (None, 1, 1))
        self.expanded += size
        self.expanded_length += length
        if self.expanded > MAX_ALIAS_EXPANSION:
            self._fail(
                event.start_mark,
                "aliases ('*name') expand to more than "
                f"{MAX_ALIAS_EXPANSION:,} values; write the "
                "content out instead of nesting aliases",
            )
        if self.expanded_length > self.alias_budget:
            self._fail(
                event.start_mark,
                f"'*{event.anchor}' repeats {length:,} characters: with it, the aliases add "
                f"more than {self.alias_budget:,} characters to the profile, the most allowed "
                "for a file of this size; write the text out where it is needed instead of "
                "repeating it through aliases",
            )
        self._add(value, event, size=size, length=length)

    def _add(self, value: Any, event: Any, size: int, length: int) -> Path_:
        position = self._position(event.start_mark)
        if not self.stack:
            self.document = value
            path: Path_ = ()
            self.values[path] = position
            if isinstance(event, yaml.ScalarEvent) and event.anchor:
                self.anchors[event.anchor] = (value, 1, length)
            return path
        frame = self.stack[-1]
        self.sizes[-1] += size
        self.lengths[-1] += length
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
            self.values[path] = position
        elif frame.pending_key is None:
            path = self._key(frame, value, event, position)
            return path
        else:
            key = frame.pending_key
            frame.pending_key = None
            path = (*frame.path, key)
            if key not in frame.container:
                frame.container[key] = value
                self.values[path] = position
        if isinstance(event, yaml.ScalarEvent) and event.anchor:
            self.anchors[event.anchor] = (value, 1, length)
        return path

    def _key(self, frame: _Frame, key: Any, event: Any, position: Position) -> Path_:
        if not isinstance(event, yaml.ScalarEvent) or key is None:
            if isinstance(event, yaml.ScalarEvent):
                message = "a key is empty; write a field name before ':'"
            else:
                message = "a key must be plain text, not a list or mapping"
            self._fail(event.start_mark, message)
        if key == "<<" and not event.style:
            self.problems.append(
                Problem(
                    self.name,
                    position.line,
                    position.column,
                    format_path(frame.path),
                    "merge keys ('<<') are not supported; write the fields out in full",
                )
            )
        previous = frame.seen.get(key)
        path = (*frame.path, key)
        if previous is not None:
            self.problems.append(
                Problem(
                    self.name,
                    position.line,
                    position.column,
                    format_path(path),
                    f"duplicate key '{key}' (first written on line {previous.line}); "
                    "YAML would silently keep only one of them",
                )
            )
        else:
            frame.seen[key] = position
            self.keys[path] = position
        frame.pending_key = key
        return path
