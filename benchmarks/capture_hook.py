"""MkDocs hook that saves every page's final Markdown, for the no-MkDocs floor.

``run.py`` adds this file under ``hooks:`` in a copy of the benchmark project's
mkdocs.yml and sets ``PLAYBOOK_BENCH_CAPTURE`` to a folder. After mkdocs-macros has
rendered a page's templates, the Markdown that Python-Markdown is about to convert
is written to ``<folder>/pages/<src_uri>``, together with ``pages.json`` listing each
page's source, output path and title, and ``extensions.json`` with the Markdown
extensions MkDocs used (as resolved from mkdocs.yml, ``!ENV`` tags and all). Nothing
happens when the variable is unset.

The playbook plugin keeps its diagrams (inline SVG) out of Python-Markdown: the Markdown
holds a placeholder where each drawing goes, and the plugin puts the drawing into the HTML
afterwards (``playbook.engines.setaside``). The drawings are saved to ``set-aside.json``,
so the floor converts the same Markdown and writes the same pages.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

CAPTURE_ENV = "PLAYBOOK_BENCH_CAPTURE"

_pages: list[dict[str, str]] = []


def _folder() -> Path | None:
    folder = os.environ.get(CAPTURE_ENV)
    return Path(folder) if folder else None


@event_priority(-100)  # after mkdocs-macros (priority 0) has rendered the page's Jinja
def on_page_markdown(markdown: str, *, page: Any, config: Any, files: Any) -> str:
    """Save the page's rendered Markdown; return it unchanged."""
    folder = _folder()
    if folder is not None:
        target = folder / "pages" / page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
        _pages.append(
            {
                "src_uri": page.file.src_uri,
                "dest_uri": page.file.dest_uri,
                "title": str(page.title or ""),
            }
        )
    return markdown


def on_post_build(*, config: Any) -> None:
    """Write the list of captured pages and the Markdown extensions of the build."""
    folder = _folder()
    if folder is None:
        return
    (folder / "pages.json").write_text(json.dumps(_pages, indent=1), encoding="utf-8")
    _pages.clear()
    kept = getattr(config.plugins.get("playbook"), "set_aside", None)
    drawings = kept.kept if kept is not None else {}
    (folder / "set-aside.json").write_text(json.dumps(drawings), encoding="utf-8")
    names = [name for name in config.markdown_extensions if isinstance(name, str)]
    extensions = {
        "names": names,
        "configs": {name: config.mdx_configs.get(name, {}) for name in names},
        # Extension objects added by plugins (not named in mkdocs.yml), for the record.
        "added_by_plugins": [
            type(extension).__name__
            for extension in config.markdown_extensions
            if not isinstance(extension, str)
        ],
    }
    text = json.dumps(extensions, indent=1, default=str)
    (folder / "extensions.json").write_text(text, encoding="utf-8")
