"""Precompressed copies of a built site's text files, for servers that serve them as they are.

A server that compresses on every request spends time on each one; one that serves a
ready ``page.html.gz`` beside ``page.html`` (nginx ``gzip_static on;``, Caddy
``file_server { precompressed gzip }``, Apache with a rewrite rule) sends the smaller file
at no cost. ``playbook build --compress`` writes those copies with the standard library's
gzip at its highest level; a copy that would not be smaller is not written.
"""

from __future__ import annotations

import gzip
from pathlib import Path

TEXT_SUFFIXES = frozenset(
    {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".ics", ".webmanifest"}
)
"""Files worth compressing: text formats (images and fonts are compressed already)."""


def precompress(site_dir: Path) -> list[Path]:
    """Write ``<file>.gz`` beside every text file of a built site; return the copies.

    The copies carry no timestamp or file name, so the same site gives the same bytes.
    """
    written = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        data = path.read_bytes()
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        if len(packed) >= len(data):
            continue
        target = path.with_name(path.name + ".gz")
        target.write_bytes(packed)
        written.append(target)
    return written
