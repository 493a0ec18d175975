"""Old addresses keep working: a role or value that lists ``former_ids`` gets a small
redirect page at each former address (``/roles/<old>/``, ``/values/<old>/``).

New hires bookmark their role page. When HR renames an id, the page moves; the
redirect page sends the bookmark on to the new page (a meta refresh, a canonical link
and a plain link for browsers that do not follow refreshes). Redirect pages are marked
``noindex`` and are never pages of the site, so search does not list them.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playbook.errors import Problem
from playbook.loader import LoadedYaml, Path_
from playbook.words.translations import Language, partial_environment

# (profile section, folder of its pages): the sections whose items have their own page.
PAGE_SECTIONS = (("values", "values"), ("roles", "roles"))
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
        if directory_urls:
            return f"{self.folder}/{self.old_id}/index.html", f"../{self.new_id}/"
        return f"{self.folder}/{self.old_id}.html", f"{self.new_id}.html"

    def target_url(self, *, directory_urls: bool) -> str:
        """The new page's address relative to the site root."""
        if directory_urls:
            return f"{self.folder}/{self.new_id}/"
        return f"{self.folder}/{self.new_id}.html"


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
    base = site_url.rstrip("/") + "/"
    return posixpath.join(base, redirect.target_url(directory_urls=directory_urls))


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


# --- validation ---------------------------------------------------------------------------


def former_id_problems(loaded: LoadedYaml) -> list[Problem]:
    """A former id may not be a current id of its section, nor listed twice.

    Either would give two pages (or a page and a redirect) the same address.
    """
    problems: list[Problem] = []
    for section, _ in PAGE_SECTIONS:
        items = list(_entries(loaded.data, section))
        current = {item.get("id") for _, item in items if isinstance(item.get("id"), str)}
        first_use: dict[str, tuple[Path_, str]] = {}
        for path, item, index, former in _former_ids(items):
            where = (*path, "former_ids", index)
            owner = item.get("id")
            label = section.removesuffix("s")
            if former == "index":
                message = (
                    f"'index' is the address of the {section} overview; it cannot be a former id"
                )
                problems.append(loaded.problem(where, message))
            elif former in current:
                problems.append(
                    loaded.problem(
                        where,
                        f"'{former}' is the id of a current {label}; a former id must be an id "
                        "that is no longer used",
                    )
                )
            elif former in first_use:
                earlier_path, earlier_owner = first_use[former]
                line = loaded.position(earlier_path).line
                whose = (
                    f"this {label}" if earlier_owner == owner else f"the {label} '{earlier_owner}'"
                )
                problems.append(
                    loaded.problem(
                        where,
                        f"former id '{former}' is already listed for {whose} (line {line}); "
                        "an old address can lead to one page only",
                    )
                )
            else:
                first_use[former] = (where, str(owner))
    return problems


def _entries(data: Any, section: str) -> Iterator[tuple[Path_, dict[str, Any]]]:
    items = data.get(section) if isinstance(data, dict) else None
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict):
            yield (section, index), item


def _former_ids(
    items: list[tuple[Path_, dict[str, Any]]],
) -> Iterator[tuple[Path_, dict[str, Any], int, str]]:
    for path, item in items:
        formers = item.get("former_ids")
        for index, former in enumerate(formers if isinstance(formers, list) else []):
            if isinstance(former, str):
                yield path, item, index, former


# --- lint: addresses a change would lose ---------------------------------------------------

LOST_ADDRESS_RULE = "redirect-lost"


def lost_address_gaps(profile_path: Path, profile: Any) -> list[tuple[str, str, Path_, str]]:
    """Lint gaps for page addresses of the last commit that the profile now loses.

    The profile is compared with its version in git HEAD: a role or value that got a new
    id without listing the old one in ``former_ids``, or that was removed, loses its old
    address (``/roles/<id>/``), which people have bookmarked. Outside a git repository,
    or before the first commit, there is nothing to compare with and nothing is reported.
    """
    import shutil

    from playbook.diff import diff_profiles, load_revision
    from playbook.errors import PlaybookError

    if shutil.which("git") is None:
        return []
    folder = profile_path.resolve().parent
    try:
        committed, _ = load_revision(f"git:HEAD:{profile_path.name}", cwd=folder)
    except PlaybookError:
        return []  # not a repository, no commit yet, or the committed version is invalid
    report = diff_profiles(committed, profile)
    sections = {"role": "roles", "value": "values"}
    gaps = []
    for lost in report.lost_addresses:
        section = sections[lost.section]
        if lost.new_id is not None:
            ids = [item.id for item in getattr(profile, section)]
            path: Path_ = (section, ids.index(lost.new_id), "id")
            message = (
                f"the {lost.section} '{lost.new_id}' was '{lost.old_id}' in the last commit: "
                f"add 'former_ids: [{lost.old_id}]' so {lost.address} keeps working"
            )
            gaps.append((LOST_ADDRESS_RULE, lost.new_id, path, message))
        else:
            message = (
                f"the {lost.section} '{lost.old_id}' of the last commit is gone, and "
                f"{lost.address} will lead nowhere; if another {lost.section} takes over, "
                f"add 'former_ids: [{lost.old_id}]' to it"
            )
            gaps.append((LOST_ADDRESS_RULE, lost.old_id, (section,), message))
    return gaps
