"""The organisation's logo, read from inside the project and made harmless to publish.

``brand.logo`` names a file that every build copies into the site. The profile is often
edited by more people than run the build (in CI, the build's secrets are one file away),
so the file must be exactly what it claims to be, or the profile is refused:

- inside the profile's folder: an absolute path, a ``..`` or a symbolic link that leads
  out of it is refused (a link that stays inside is followed);
- a regular file, not a device, a FIFO or a ``/proc`` file, of at most ``MAX_LOGO_BYTES``
  (2 MB: logos are a few kilobytes to a few hundred; a bigger file is a mistake, and
  every page of the site shows it);
- an image by its content: PNG, JPEG, GIF, WebP or ICO by their first bytes, or SVG as
  well-formed XML whose root element is ``<svg>``;
- an SVG is rewritten keeping only what draws: no script, event handler, foreignObject,
  animation, link or reference to another file or site, and no XML entity declarations
  (the "billion laughs"), so nothing in it runs when its address is opened.

The file is opened once, without following symbolic links, and every check is made on
the open file (``fstat``) and the bytes read from it, so it cannot be swapped between
the check and the read.
"""

from __future__ import annotations

import errno
import os
import posixpath
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

MAX_LOGO_BYTES = 2 * 1024 * 1024
SVG_NAMESPACE = "http://www.w3.org/2000/svg"

LOGO_SUFFIXES = (".png", ".svg", ".jpg", ".jpeg", ".webp", ".gif", ".ico")

# The first bytes of each raster format, and the suffix the site serves it under.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"GIF87a", ".gif"),
    (b"GIF89a", ".gif"),
    (b"\x00\x00\x01\x00", ".ico"),
)
_FORMATS = "PNG, JPEG, GIF, WebP, ICO or SVG"


class LogoError(ValueError):
    """The logo file cannot be published; the message is a sentence for the profile's author."""


@dataclass(frozen=True)
class Logo:
    """A checked logo: the bytes to publish and the suffix that matches their content."""

    suffix: str
    content: bytes


def read_logo(written: str, project_dir: Path) -> Logo:
    """Read, check and (for SVG) clean the logo named ``written``, relative to ``project_dir``.

    Raises:
        LogoError: the path leaves the folder, the file is missing, not a regular file,
            too big, not an image, or an SVG that cannot be cleaned.
    """
    if Path(written).is_absolute() or written.startswith(("/", "\\")):
        raise LogoError(f"'{written}' must be a path relative to the profile")
    if Path(written).suffix.lower() not in LOGO_SUFFIXES:
        raise LogoError(f"'{written}' is not an image; use one of {', '.join(LOGO_SUFFIXES)}")
    if posixpath.normpath(written.replace("\\", "/")).split("/")[0] == "..":
        raise LogoError(f"'{written}' is outside the profile's folder; put the logo inside it")
    root = Path(os.path.realpath(project_dir))
    target = Path(os.path.realpath(root / written))
    if not target.is_relative_to(root):
        raise LogoError(
            f"'{written}' leads outside the profile's folder (through a symbolic link); "
            "put the logo file itself inside the folder"
        )
    data = _read_regular_file(written, root, target.relative_to(root).parts)
    suffix = _image_suffix(data)
    if suffix is None:
        raise LogoError(f"'{written}' is not a {_FORMATS} image (judged by its content)")
    if suffix == ".svg":
        data = clean_svg(data, written)
    return Logo(suffix, data)


def _read_regular_file(written: str, root: Path, parts: tuple[str, ...]) -> bytes:
    """The bytes of ``root/parts``, opened without following any symbolic link."""
    if not parts:
        raise LogoError(f"'{written}' is the profile's folder, not an image file")
    no_follow = getattr(os, "O_NOFOLLOW", 0)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
    file_flags = flags | no_follow | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptors: list[int] = []
    try:
        if os.open in os.supports_dir_fd and no_follow:
            folder = os.open(root, flags | getattr(os, "O_DIRECTORY", 0))
            descriptors.append(folder)
            for part in parts[:-1]:
                folder = os.open(part, flags | os.O_DIRECTORY | no_follow, dir_fd=folder)
                descriptors.append(folder)
            descriptor = os.open(parts[-1], file_flags, dir_fd=folder)
        else:
            descriptor = os.open(root.joinpath(*parts), file_flags)
        descriptors.append(descriptor)
        return _read_checked(written, descriptor)
    except FileNotFoundError:
        raise LogoError(f"no logo file at '{written}' (relative to the profile)") from None
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
            raise LogoError(
                f"'{written}' changed into a symbolic link while it was read; "
                "put the logo file itself inside the profile's folder"
            ) from None
        reason = error.strerror or type(error).__name__
        raise LogoError(f"'{written}' cannot be read: {reason.lower()}") from None
    finally:
        for descriptor in reversed(descriptors):
            os.close(descriptor)


def _read_checked(written: str, descriptor: int) -> bytes:
    status = os.fstat(descriptor)
    if stat.S_ISDIR(status.st_mode):
        raise LogoError(f"'{written}' is a folder, not an image file")
    if not stat.S_ISREG(status.st_mode):
        raise LogoError(f"'{written}' is not a regular file (a device, pipe or socket)")
    if status.st_size > MAX_LOGO_BYTES:
        raise LogoError(_too_big(written, status.st_size))
    chunks: list[bytes] = []
    total = 0
    while total <= MAX_LOGO_BYTES:
        chunk = os.read(descriptor, MAX_LOGO_BYTES + 1 - total)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > MAX_LOGO_BYTES:  # it grew while it was read
        raise LogoError(_too_big(written, total))
    if total == 0:
        raise LogoError(f"'{written}' is empty")
    return b"".join(chunks)


def _too_big(written: str, size: int) -> str:
    return (
        f"'{written}' is {size / 1_048_576:.1f} MB; a logo may be at most "
        f"{MAX_LOGO_BYTES // 1_048_576} MB (export it smaller)"
    )


def _image_suffix(data: bytes) -> str | None:
    """The suffix of the image format the bytes are in, or None if they are no image."""
    for magic, suffix in _MAGIC:
        if data.startswith(magic):
            return suffix
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    text = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<") or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return ".svg"  # XML: clean_svg decides whether it is an SVG image
    return None


# -- SVG --------------------------------------------------------------------------------

# Elements that draw, group or describe a drawing. Everything else (script, foreignObject,
# a, animate, set, iframe, editor metadata...) is dropped with its content.
_SVG_ELEMENTS = frozenset(
    {
        *("svg", "g", "defs", "desc", "title", "symbol", "use", "switch", "view", "style"),
        *("path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "image"),
        *("text", "tspan", "textPath", "linearGradient", "radialGradient", "stop"),
        *("pattern", "clipPath", "mask", "marker", "filter"),
    }
)
# Filter primitives: feGaussianBlur, feColorMatrix, feImage (its href is checked)...
_FILTER_PRIMITIVE = re.compile(r"fe[A-Z][A-Za-z]*\Z")
_LINK_ATTRIBUTES = frozenset({"href", "src"})
_RASTER_DATA = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*\Z", re.I)
# A url(...) that points anywhere but into the drawing itself ("url(#gradient)").
_OUTSIDE_URL = re.compile(r"url\(\s*(?![\"']?\s*#)", re.I)
_SCHEMES = re.compile(r"(?:javascript|vbscript|data|livescript):", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\t": "&#9;",
        "\r": "&#13;",
    }
)


def clean_svg(data: bytes, written: str = "logo.svg") -> bytes:
    """The SVG with only drawing elements and harmless attributes, as UTF-8 XML.

    Raises:
        LogoError: the bytes are not well-formed XML, declare entities, or are not SVG.
    """
    cleaner = _SvgCleaner(written)
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = cleaner.start
    parser.EndElementHandler = cleaner.end
    parser.CharacterDataHandler = cleaner.text
    parser.EntityDeclHandler = cleaner.refuse_entities
    parser.UnparsedEntityDeclHandler = cleaner.refuse_entities
    parser.ExternalEntityRefHandler = cleaner.refuse_entities
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        reason = expat.ErrorString(error.code) if error.code else str(error)
        raise LogoError(
            f"'{written}' is not a well-formed SVG image: {reason} (line {error.lineno})"
        ) from None
    if cleaner.root is None:
        raise LogoError(f"'{written}' is not an SVG image (it holds no element)")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + "".join(cleaner.out)).encode("utf-8")


class _SvgCleaner:
    """Expat handlers that write the kept elements out as they are parsed."""

    def __init__(self, written: str) -> None:
        self.written = written
        self.out: list[str] = []
        self.root: str | None = None
        self.skipping = 0  # depth inside a dropped element
        self.in_style = False

    def refuse_entities(self, *_: object) -> None:
        raise LogoError(
            f"'{self.written}' declares XML entities, which an SVG logo does not need; "
            "remove its <!DOCTYPE ...> part"
        )

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if self.root is None:
            self.root = local
            if local != "svg":
                raise LogoError(
                    f"'{self.written}' is XML but not an SVG image (its root element is <{name}>)"
                )
            if not any(key == "xmlns" for key in attributes):
                attributes = {"xmlns": SVG_NAMESPACE, **attributes}
        if self.skipping or not (local in _SVG_ELEMENTS or _FILTER_PRIMITIVE.match(local)):
            self.skipping += 1
            return
        self.in_style = local == "style"
        kept = "".join(
            f' {key}="{value.translate(_ATTRIBUTE_ESCAPES)}"'
            for key, value in attributes.items()
            if _harmless_attribute(key, value)
        )
        self.out.append(f"<{name}{kept}>")

    def end(self, name: str) -> None:
        if self.skipping:
            self.skipping -= 1
            return
        self.in_style = False
        self.out.append(f"</{name}>")

    def text(self, data: str) -> None:
        if self.skipping:
            return
        if self.in_style and (_OUTSIDE_URL.search(data) or "@import" in data.lower()):
            return  # a style sheet that loads something from elsewhere is left out
        self.out.append(data.translate(_TEXT_ESCAPES))


def _harmless_attribute(key: str, value: str) -> bool:
    """Whether an attribute can stay: no event handler, nothing that loads or runs."""
    local = key.rpartition(":")[2].lower()
    if local.startswith("on") or key.lower() == "xml:base":
        return False
    compact = _INVISIBLE.sub("", value)
    if local in _LINK_ATTRIBUTES:
        return compact.startswith("#") or bool(_RASTER_DATA.match(value.strip()))
    if key == "xmlns" or key.startswith("xmlns:"):
        return True
    if ":" not in value and "(" not in value and "@" not in value:
        return True  # most attributes: no scheme, no url(...), no @import to look for
    return not (_SCHEMES.search(compact) or _OUTSIDE_URL.search(value) or "@import" in compact)
