"""A Python-Markdown extension that gives the generated HTML the semantics assistive tech needs.

The plugin adds it to every build, so projects need no setting for it:

- **Tables** get header scopes: header-row cells get ``scope="col"`` and the first cell of
  every body row becomes a row header (``<th scope="row">``). Every table in the playbook
  names its subject in the first column (a role, a value, a KPI, a score), so a screen
  reader announces, say, "Sales Adviser, Choose and buy: Meets the customer" in the journey
  matrix instead of a bare "Meets the customer".
- **Task-list checkboxes** (``pymdownx.tasklist``) get an accessible name: the item's text
  is wrapped in a ``<span>`` with a per-page id that the checkbox points to with
  ``aria-labelledby``. pymdownx puts the text outside the checkbox's ``<label>``, which
  leaves the checkbox unnamed once the checklist script makes it clickable.

Only ids and fixed attributes are written; no text from the profile enters an attribute.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER

_PLACEHOLDER = re.compile(re.escape(HTML_PLACEHOLDER).replace("%s", r"(\d+)"))
_CHECKBOX = '<input type="checkbox"'

TASK_TEXT_CLASS = "task-list-text"
"""Class of the span that holds a task-list item's text (the checklist script reads it)."""


class TableHeaderScopes(Treeprocessor):
    """Give header cells a scope and make the first cell of each body row a row header."""

    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            for head in table.iter("thead"):
                for cell in head.iter("th"):
                    cell.set("scope", "col")
            for body in table.iter("tbody"):
                for row in body.iter("tr"):
                    first = next(iter(row), None)
                    if first is not None and first.tag == "td":
                        first.tag = "th"
                        first.set("scope", "row")


class TaskListLabels(Treeprocessor):
    """Point each task-list checkbox at the text of its item (runs after pymdownx.tasklist)."""

    def run(self, root: etree.Element) -> None:
        number = 0
        for item in root.iter("li"):
            if "task-list-item" not in item.get("class", "").split():
                continue
            # A tight list holds the checkbox in the item's text, a loose one in its first <p>.
            holder = item if item.text else next(iter(item), None)
            if holder is None or not holder.text:
                continue
            match = _PLACEHOLDER.match(holder.text)
            if match is None:
                continue
            stash = self.md.htmlStash.rawHtmlBlocks
            index = int(match.group(1))
            checkbox = stash[index]
            if not isinstance(checkbox, str) or _CHECKBOX not in checkbox:
                continue
            number += 1
            text_id = f"task-{number}"
            stash[index] = checkbox.replace(
                _CHECKBOX, f'{_CHECKBOX} aria-labelledby="{text_id}"', 1
            )
            # The inline processor has not run yet: the rest of the text is still Markdown
            # and is rendered inside the span.
            text = etree.Element("span", {"class": TASK_TEXT_CLASS, "id": text_id})
            text.text = holder.text[match.end() :].lstrip()
            holder.text = holder.text[: match.end()]
            holder.insert(0, text)


class AccessibleMarkupExtension(Extension):
    """Table header scopes and named task-list checkboxes (see the module docstring)."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(TableHeaderScopes(md), "playbook-table-headers", 21)
        # After pymdownx.tasklist (25), before inline Markdown is processed (20).
        md.treeprocessors.register(TaskListLabels(md), "playbook-task-labels", 22)
