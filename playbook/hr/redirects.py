"""Old addresses keep working: a role or value that lists ``former_ids`` gets a small
redirect page at each former address (``/roles/<old>/``, ``/values/<old>/``).

New hires bookmark their role page. When HR renames an id, the page moves; the
redirect page sends the bookmark on to the new page (a meta refresh, a canonical link
and a plain link for browsers that do not follow refreshes). Redirect pages are marked
``noindex`` and are never pages of the site, so search does not list them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playbook.plan.urls import absolute_url, item_source, page_file, page_url, relative_url
from playbook.words.translations import Language, partial_environment

REDIRECT_TEMPLATE = "_partials/redirect.html"


@dataclass(frozen=True)
class Redirect:
    """One former address and the page it now leads to.

    Attributes:
        folder: "values" or "roles".
        old_id: the former id (its address stops being a page).
        new_id: the id of the page it leads to.
        title: the name or title of that page (plain text).
    """

    folder: str
    old_id: str
    new_id: str
    title: str

    def paths(self, *, directory_urls: bool) -> tuple[str, str]:
        """(file written, link to the new page relative to that file)."""
        old = item_source(self.folder, self.old_id)
        target = relative_url(
            self.target_url(directory_urls=directory_urls), page_url(old, directory_urls)
        )
        return page_file(old, directory_urls), target

    def target_url(self, *, directory_urls: bool) -> str:
        """The new page's address relative to the site root."""
        return page_url(item_source(self.folder, self.new_id), directory_urls)


def plan_redirects(profile: Any) -> list[Redirect]:
    """Every redirect a validated profile asks for, values first, in profile order."""
    redirects = []
    for item in profile.values:
        redirects += [Redirect("values", old, item.id, item.name) for old in item.former_ids]
    for item in profile.roles:
        redirects += [Redirect("roles", old, item.id, item.title) for old in item.former_ids]
    return redirects


def absolute_target(redirect: Redirect, site_url: str | None, *, directory_urls: bool) -> str:
    """The canonical address of the new page: absolute when the site's URL is known."""
    relative = redirect.paths(directory_urls=directory_urls)[1]
    if not site_url:
        return relative
    return absolute_url(site_url, redirect.target_url(directory_urls=directory_urls))


def write_redirects(
    site_dir: Path,
    redirects: list[Redirect],
    *,
    template_dirs: list[Path],
    directory_urls: bool,
    site_url: str | None,
    language: Language,
) -> list[Path]:
    """Write one redirect page per former address into a built site; return the files.

    The wording comes from ``_partials/redirect.html`` (a project's docs folder may
    override it); every value placed in it is escaped by Jinja's autoescape.
    """
    template = partial_environment(template_dirs, language).get_template(REDIRECT_TEMPLATE)
    written = []
    for redirect in redirects:
        relative_file, target = redirect.paths(directory_urls=directory_urls)
        text = template.render(
            language=language.tag,
            title=redirect.title,
            target=target,
            canonical=absolute_target(redirect, site_url, directory_urls=directory_urls),
        )
        path = site_dir / relative_file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
