"""The ``playbook`` command line: the one place that prints errors and picks exit codes.

Each command is a short function that calls into the core. Imports of the heavier
modules happen inside the commands so ``playbook --help`` answers at once.
"""

from __future__ import annotations

import errno
import functools
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from playbook import __version__
from playbook.engines import DEFAULT_ENGINE, ENGINES
from playbook.errors import PlaybookError, printable

if TYPE_CHECKING:
    from playbook.hr.interview import InterviewAnswers

DEFAULT_PROFILE = "org_config.yml"
F = TypeVar("F", bound=Callable[..., Any])


def _report_errors(command: F) -> F:
    """Turn PlaybookError into text on stderr and its exit code; never show a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = click.get_current_context().find_root().params.get("debug", False)
        try:
            return command(*args, **kwargs)
        except PlaybookError as error:
            if debug:
                traceback.print_exc()
            for line in error.lines:
                click.echo(printable(line), err=True)
            sys.exit(error.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except click.Abort:
            click.echo("stopped: no input (nothing was written)", err=True)
            sys.exit(1)
        except OSError as error:
            if debug:
                raise
            click.echo(printable(_os_error_sentence(error)), err=True)
            sys.exit(1)
        except Exception as error:
            if debug:
                raise
            click.echo(
                printable(
                    f"internal error: {type(error).__name__}: {error} "
                    "(run 'playbook --debug ...' for the details)"
                ),
                err=True,
            )
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _os_error_sentence(error: OSError) -> str:
    """An operating-system error as one sentence that says what to do."""
    where = f"{error.filename}: " if error.filename else ""
    reason = error.strerror or str(error)
    if isinstance(error, PermissionError):
        return f"{where}permission denied; check the folder's permissions, or work elsewhere"
    if error.errno == errno.ENOSPC:
        return f"{where}the disk is full; free some space and try again"
    return f"{where}{reason}"


profile_option = click.option(
    "--config",
    "config",
    type=click.Path(path_type=Path),
    default=DEFAULT_PROFILE,
    show_default=True,
    help="The org profile.",
)
mkdocs_config_option = click.option(
    "-f",
    "--mkdocs-config",
    type=click.Path(path_type=Path),
    default=None,
    help="The mkdocs.yml to use (default: mkdocs.yml beside the profile, else the "
    "built-in settings).",
)
engine_option = click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default=DEFAULT_ENGINE,
    show_default=True,
    help="The site engine: mkdocs (MkDocs 1.6), properdocs (its maintained fork; "
    "pip install 'culture-playbook[properdocs]') or zensical (Material's successor; "
    "pip install 'culture-playbook[zensical]'). See the README on choosing one.",
)
profile_argument = click.argument(
    "config", type=click.Path(dir_okay=True, path_type=Path), default=DEFAULT_PROFILE
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="playbook")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for errors.")
def main(debug: bool) -> None:
    """Turn one YAML org profile into a customer-centric culture playbook site."""


@main.command()
@profile_argument
@click.option(
    "--strict",
    is_flag=True,
    help="Fail (exit 2) on warnings too: text cut short at ' #', a language with no catalogue.",
)
@_report_errors
def validate(config: Path, strict: bool) -> None:
    """Check a profile and print every problem as FILE:LINE:COL: message.

    Warnings (text YAML cut at ' #', a language playbook has no catalogue for) are printed
    on stderr; with --strict they fail.
    """
    from playbook.errors import ProfileError
    from playbook.profile.checks import load_checked
    from playbook.sitebuild.settings import project_locale_dir
    from playbook.words.translations import select_for_project, unsupported_language

    profile, loaded = load_checked(config)
    organisation = profile.organisation
    language = select_for_project(
        organisation.language, config.resolve().parent, project_locale_dir(config)
    )
    unsupported = unsupported_language(language, organisation.customer_term is not None)
    language_warning = (
        loaded.problem(("organisation", "language"), unsupported) if unsupported else None
    )
    if strict and (loaded.warnings or language_warning):
        raise ProfileError([*loaded.warnings, *([language_warning] if language_warning else [])])
    for warning in loaded.warnings:
        click.echo(str(warning), err=True)
    if language_warning is not None:
        where = f"{language_warning.file}:{language_warning.line}:{language_warning.column}"
        click.echo(
            printable(f"{where}: warning: {language_warning.path}: {language_warning.message}"),
            err=True,
        )
    counts = [
        _count(len(profile.values), "value"),
        _count(len(profile.roles), "role"),
        _count(len(profile.kpis), "KPI"),
        _count(len(profile.journey), "journey stage"),
    ]
    click.echo(f"valid: {', '.join(counts)}")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@main.command()
def schema() -> None:
    """Print the JSON Schema of the org profile."""
    import json

    from playbook.profile.model import profile_json_schema

    click.echo(json.dumps(profile_json_schema(), indent=2, ensure_ascii=False))


@main.command()
@profile_option
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the site (default: site_dir of mkdocs.yml, or site/ beside the "
    "profile). Only a new or empty folder, or a site playbook built, is replaced.",
)
@mkdocs_config_option
@click.option("--strict", is_flag=True, help="Treat MkDocs warnings as errors.")
@click.option("-v", "--verbose", is_flag=True, help="Show MkDocs progress messages.")
@click.option(
    "--offline",
    is_flag=True,
    help="Build a site that works from a plain folder or zip, with no network "
    "(page addresses end in .html; search works without a server).",
)
@click.option(
    "--pdf",
    is_flag=True,
    help="Also write PDFs into the site's pdf/ folder: the whole playbook and one "
    "onboarding pack per role (needs Chromium and pip install 'culture-playbook[pdf]').",
)
@click.option(
    "--chromium",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The Chromium or Chrome to print PDFs with (default: found on the PATH).",
)
@click.option(
    "--compress",
    is_flag=True,
    help="Also write a .gz copy (and .br, with pip install 'culture-playbook[brotli]') beside "
    "each HTML, CSS, JavaScript, JSON, XML, SVG and text file, for web servers that serve "
    "precompressed files (see the README).",
)
@engine_option
@_report_errors
def build(
    config: Path,
    site_dir: Path | None,
    mkdocs_config: Path | None,
    strict: bool,
    verbose: bool,
    offline: bool,
    pdf: bool,
    chromium: Path | None,
    compress: bool,
    engine: str,
) -> None:
    """Validate the profile, then build the site; a failed build keeps the previous site."""
    from playbook.engines import select_engine

    select_engine(engine)  # before playbook.sitebuild.build loads MkDocs
    from playbook.sitebuild.build import build_site

    result = build_site(
        config,
        site_dir=site_dir,
        mkdocs_config=mkdocs_config,
        strict=strict,
        verbose=verbose,
        offline=offline,
        pdf=pdf,
        chromium=chromium,
        engine=engine,
        compress=compress,
    )
    click.echo(f"built {result.pages} pages into {result.site_dir}")
    if result.pdfs:
        click.echo(f"wrote {_count(len(result.pdfs), 'PDF')} into {result.site_dir / 'pdf'}")


@main.command()
@profile_option
@mkdocs_config_option
@click.option(
    "-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on."
)
@click.option("-v", "--verbose", is_flag=True, help="Show MkDocs progress messages.")
@engine_option
@_report_errors
def serve(
    config: Path, mkdocs_config: Path | None, dev_addr: str, verbose: bool, engine: str
) -> None:
    """Preview the playbook, rebuilding when the profile or a template is saved.

    When a saved file has a mistake, the preview shows the problems instead of the pages
    and recovers by itself once the file is fixed. After an edit to the profile alone, only
    the pages whose content changed are rendered again.
    """
    from playbook.engines import select_engine

    select_engine(engine)  # before playbook.sitebuild.serve loads MkDocs
    from playbook.sitebuild.serve import serve_site

    serve_site(
        config, mkdocs_config=mkdocs_config, dev_addr=dev_addr, verbose=verbose, engine=engine
    )


@main.command()
@profile_argument
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output for people or for tools.",
)
@_report_errors
def lint(config: Path, output_format: str) -> None:
    """Report culture-coverage gaps; exit 1 when there are findings, 0 when clean."""
    import dataclasses
    import json

    from playbook.profile.lint import WHY, lint_file

    findings = lint_file(config)
    if output_format == "json":
        rows = [dataclasses.asdict(finding) | {"why": WHY[finding.rule]} for finding in findings]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for finding in findings:
            click.echo(printable(str(finding)))
        summary = _count(len(findings), "finding") if findings else "no findings"
        click.echo(f"{config}: {summary}", err=True)
    sys.exit(1 if findings else 0)


@main.command()
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="Report for people, a changelog, or tools.",
)
@_report_errors
def diff(old: str, new: str, output_format: str) -> None:
    """Show what changed between two profiles and whom to re-brief.

    OLD and NEW are files or git revisions written as git:REV[:PATH], e.g. git:HEAD~1.
    The report lists the changes, whom to re-brief and why, names that changed, what
    was removed, the pages whose text changes (both sides' pages are rendered with the
    settings of NEW's project: its mkdocs.yml, or the built-in ones), and the addresses
    that will stop working (with the former_ids entry that keeps each one working).

    Exit status: 0 when the comparison ran (with or without changes); 2 when either
    side is not a valid profile (every problem located as FILE:LINE:COL) or a git
    revision or file does not exist; 1 when the project's mkdocs.yml or a page
    template fails.
    """
    from playbook.hr.diff import diff_profiles, load_revision, profile_path
    from playbook.hr.pagetexts import PageRenderer
    from playbook.hr.report import render_json, render_markdown, render_text

    old_profile, old_name = load_revision(old)
    new_profile, new_name = load_revision(new)
    renderer = PageRenderer.for_profile(profile_path(new))
    report = diff_profiles(old_profile, new_profile, old_name, new_name, renderer=renderer)
    renderers = {"text": render_text, "markdown": render_markdown, "json": render_json}
    click.echo(renderers[output_format](report))


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "-i",
    "--interactive",
    is_flag=True,
    help="Answer questions (organisation, values, roles and their customer position, "
    "journey, a KPI) instead of starting from an example organisation.",
)
@click.option(
    "--commit",
    is_flag=True,
    help="Also make the first git commit of the new repository.",
)
@click.option("--no-build", is_flag=True, help="Write the files only; do not build the site.")
@_report_errors
def init(directory: Path, interactive: bool, commit: bool, no_build: bool) -> None:
    """Create a new playbook project in DIRECTORY and build it; never overwrites a file.

    When git is installed and DIRECTORY is not inside a git repository, it becomes one
    (with --commit, the new files are its first commit). At the end of input (Ctrl-D)
    during --interactive, nothing is written.
    """
    from playbook.scaffold import (
        InitAnswers,
        check_target,
        commit_first_version,
        init_project,
        start_repository,
    )

    check_target(directory, build=not no_build)  # before a single question is asked
    answers = _ask_init_answers() if interactive else InitAnswers()
    written = init_project(directory, answers, build=not no_build)
    for path in written:
        click.echo(f"created {path}")
    repository = start_repository(directory)
    if not no_build:
        from playbook.sitebuild.build import build_site

        result = build_site(directory / "org_config.yml")
        click.echo(f"built {result.pages} pages into {result.site_dir}")
    if repository.created and commit:
        commit_first_version(directory)
        click.echo(f"made {directory} a git repository with a first commit")
    elif repository.created:
        click.echo(f"made {directory} a git repository (no commit yet; --commit makes one)")
    else:
        click.echo(f"no git repository created: {repository.reason}")
    click.echo(f"next: cd {directory}, edit org_config.yml, then playbook lint and playbook build")


def _ask_init_answers() -> InterviewAnswers:
    import io

    from playbook.hr.interview import Interview

    if isinstance(sys.stdin, io.TextIOWrapper):
        # Bytes that are not UTF-8 reach the interview as text it refuses, one answer at
        # a time; a strict decoder would fail and drop the rest of what was typed.
        sys.stdin.reconfigure(errors="surrogateescape")
    try:
        return Interview().run()
    except click.Abort:
        # End of input (Ctrl-D) or Ctrl-C at a prompt: nothing has been written yet.
        click.echo(
            "\ninit stopped: the input ended before every question was answered; "
            "nothing was written",
            err=True,
        )
        sys.exit(1)
