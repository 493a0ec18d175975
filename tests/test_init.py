"""`playbook init` through the real CLI: files, git, the first build, the interview."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from playbook import __version__
from playbook.cli import main
from playbook.profile.load import load_profile
from tests.test_hr_workflow import run, write

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
IDENTITY = {
    "GIT_AUTHOR_NAME": "HR",
    "GIT_AUTHOR_EMAIL": "hr@example.com",
    "GIT_COMMITTER_NAME": "HR",
    "GIT_COMMITTER_EMAIL": "hr@example.com",
}


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


def test_init_creates_a_project_and_builds_it_at_once(tmp_path: Path) -> None:
    project = tmp_path / "new-playbook"
    code, output = run("init", str(project))
    assert code == 0, output
    files = sorted(
        str(path.relative_to(project))
        for path in project.rglob("*")
        if path.is_file()
        and ".git" not in path.relative_to(project).parts[:1]
        and path.relative_to(project).parts[0] != "site"
    )
    assert files == [
        ".github/workflows/playbook.yml",
        ".gitignore",
        "README.md",
        "docs/.gitkeep",
        "mkdocs.yml",
        "org-profile.schema.json",
        "org_config.yml",
    ]
    assert f"built 20 pages into {(project / 'site').resolve()}" in output
    assert (project / "site" / "roles" / "support-agent" / "index.html").is_file()
    profile = project / "org_config.yml"
    assert profile.read_text().startswith(
        "# yaml-language-server: $schema=./org-profile.schema.json\n"
    )
    assert run("validate", str(profile)) == (
        0,
        "valid: 3 values, 4 roles, 3 KPIs, 4 journey stages\n",
    )
    # A fresh project is example text: lint points at every sentence still to be rewritten.
    code, output = run("lint", str(profile))
    assert code == 1
    findings = output.splitlines()[:-1]
    assert findings and all(": init-placeholder: " in line for line in findings)


def test_the_ci_workflow_installs_the_distribution_by_its_own_name(tmp_path: Path) -> None:
    code, output = run("init", "--no-build", str(tmp_path / "p"))
    assert code == 0, output
    workflow = yaml.safe_load((tmp_path / "p" / ".github/workflows/playbook.yml").read_text())
    commands = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    installs = [command for command in commands if "pip install" in command]
    assert installs == [f'pip install "culture-playbook=={__version__}"']


@needs_git
def test_init_makes_a_git_repository_without_committing(tmp_path: Path) -> None:
    project = tmp_path / "p"
    code, output = run("init", "--no-build", str(project))
    assert code == 0, output
    assert f"made {project} a git repository (no commit yet; --commit makes one)" in output
    assert git(project, "rev-parse", "--show-toplevel").stdout.strip() == str(project.resolve())
    assert git(project, "rev-parse", "HEAD").returncode != 0  # nothing committed


@needs_git
def test_init_commits_the_first_version_when_asked(tmp_path: Path) -> None:
    project = tmp_path / "p"
    result = CliRunner().invoke(main, ["init", "--commit", str(project)], env=IDENTITY)
    assert result.exit_code == 0, result.output
    assert f"made {project} a git repository with a first commit" in result.output
    committed = git(project, "ls-files").stdout.split()
    assert "org_config.yml" in committed
    assert not [path for path in committed if path.startswith("site/")]
    # The README's "see what changed" step works straight away.
    done = subprocess.run(
        [sys.executable, "-m", "playbook", "diff", "git:HEAD", "org_config.yml"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("No changes between HEAD:org_config.yml and org_config.yml")


@needs_git
def test_init_inside_a_repository_leaves_git_alone(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    code, output = run("init", "--no-build", "--commit", str(tmp_path / "p"))
    assert code == 0, output
    assert "no git repository created: the folder is already inside a git repository" in output
    assert not (tmp_path / "p" / ".git").exists()


def test_init_never_overwrites(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", "site_name: mine\n")
    code, output = run("init", str(tmp_path))
    assert code == 2
    assert output.strip() == (
        f"nothing written: these files already exist: {tmp_path / 'mkdocs.yml'}"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["mkdocs.yml"]
    assert (tmp_path / "mkdocs.yml").read_text() == "site_name: mine\n"


INTERVIEW = [
    "Acme Works",
    "en",
    "customer",
    "customers",
    'We fix things: "properly" {{ 7*7 }}',
    "- Households # and shops",
    # values
    "Own it",
    "We finish what we start.",
    "Calls back the same day.",
    "own IT!",  # the same id as "Own it": refused, asked again
    "Be kind!",
    "Kindness first.",
    "Listens before answering.",
    "",
    # roles
    "Technician",
    "Workshop",
    "y",
    "Fixes what customers bring in.",
    "Index",  # would take the roles overview's address: refused
    "Bookkeeper",
    "Office",
    "n",
    "Sends bills customers can trust.",
    "",
    # journey
    "Drop off",
    "Hand over the broken thing with confidence.",
    "Technician",
    "Pay",
    "Pay a fair, expected price.",
    "bookkeeper, Nobody",  # unknown title: asked again
    "Bookkeeper",
    "",
    # KPI
    "Fixed first time",
    "Share of repairs not returned within 30 days.",
    "Customers get their things back working.",
    "Technician",
]


def test_init_interactive_asks_what_a_first_playbook_needs(tmp_path: Path) -> None:
    project = tmp_path / "acme"
    result = CliRunner().invoke(
        main, ["init", "--interactive", "--no-build", str(project)], input="\n".join(INTERVIEW)
    )
    assert result.exit_code == 0, result.output
    assert "'own IT!' is already there (as 'Own it'); give another name." in result.output
    assert "'Index' would take an address the playbook needs" in result.output
    assert "No role is called 'Nobody'; try again." in result.output
    profile = load_profile(project / "org_config.yml")
    assert profile.organisation.mission == 'We fix things: "properly" {{ 7*7 }}'
    assert profile.organisation.customers == "- Households # and shops"
    assert [(value.id, value.name) for value in profile.values] == [
        ("own-it", "Own it"),
        ("be-kind", "Be kind!"),
    ]
    assert [(r.id, r.customer_facing, r.touchpoints, r.kpis) for r in profile.roles] == [
        ("technician", True, ["drop-off"], ["fixed-first-time"]),
        ("bookkeeper", False, ["pay"], []),
    ]
    assert [stage.id for stage in profile.journey] == ["drop-off", "pay"]
    assert profile.kpis[0].customer_outcome == "Customers get their things back working."


def test_init_interactive_writes_only_what_was_typed(tmp_path: Path) -> None:
    project = tmp_path / "acme"
    result = CliRunner().invoke(
        main, ["init", "-i", "--no-build", str(project)], input="\n".join(INTERVIEW)
    )
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((project / "org_config.yml").read_text(encoding="utf-8"))

    REFS = {"id", "touchpoints", "kpis"}  # ids, made from the names typed

    def texts(node: object) -> list[str]:
        if isinstance(node, dict):
            return [text for key, value in node.items() if key not in REFS for text in texts(value)]
        if isinstance(node, list):
            return [text for item in node for text in texts(item)]
        return [node] if isinstance(node, str) else []

    typed = set(INTERVIEW) | {"First version of the playbook."}
    assert [text for text in texts(data) if text not in typed] == []
    # What was not asked for is missing, and lint says so.
    code, output = run("lint", str(project / "org_config.yml"))
    assert code == 1
    for rule in (
        "value-no-leader-behaviours",
        "value-no-interview-questions",
        "value-not-in-action",
    ):
        assert rule in output


def test_init_interactive_refuses_template_syntax_in_a_name(tmp_path: Path) -> None:
    answers = ["Acme {{ x }}", *INTERVIEW]
    result = CliRunner().invoke(
        main, ["init", "-i", "--no-build", str(tmp_path / "p")], input="\n".join(answers)
    )
    assert result.exit_code == 0, result.output
    assert "a name cannot contain '{{'" in result.output
    assert "Acme {{ x }}" not in (tmp_path / "p" / "org_config.yml").read_text()


def test_end_of_input_stops_calmly_and_writes_nothing(tmp_path: Path) -> None:
    project = tmp_path / "p"
    for cut in (1, 5, len(INTERVIEW) - 1):
        result = CliRunner().invoke(
            main, ["init", "-i", str(project)], input="\n".join(INTERVIEW[:cut]) + "\n"
        )
        assert result.exit_code == 1, result.output
        assert (
            "init stopped: the input ended before every question was answered; nothing was written"
        ) in result.output.splitlines()
        assert "internal error" not in result.output
        assert not project.exists()


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Qualität zuerst", "qualitat-zuerst"),
        ("Größe zählt", "grosse-zahlt"),
        ("Ærlighed først", "aerlighed-forst"),
        ("Crème de la crème", "creme-de-la-creme"),
        ("Señor_Cliente", "senor-cliente"),
        ("Own it!", "own-it"),
        ("R&D", "r-d"),
        ("  --  ", "value"),
        ("x" * 80, "x" * 64),
    ],
)
def test_ids_made_from_names_keep_their_letters(name: str, slug: str) -> None:
    from playbook.hr.interview import slugify

    assert slugify(name) == slug
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", slugify(name))


@needs_git
def test_init_beside_a_foreign_site_folder_writes_nothing(tmp_path: Path) -> None:
    project = tmp_path / "p"
    (project / "site").mkdir(parents=True)
    write(project / "site" / "index.html", "<p>the intranet</p>\n")
    for interactive in ([], ["--interactive"]):
        result = subprocess.run(
            [sys.executable, "-m", "playbook", "init", *interactive, str(project)],
            capture_output=True,
            text=True,
            input="",
            timeout=120,
            check=False,
        )
        assert result.returncode == 2, result.stderr
        assert result.stdout == ""  # not a single question asked
        assert result.stderr == (
            f"nothing written: {project / 'site'}: this folder holds files that playbook did not "
            "write (index.html) and has no .playbook-site file, so a build here would replace "
            "them; choose an empty or new folder, or move them out yourself (or use --no-build "
            "and build elsewhere with --site-dir)\n"
        )
        assert sorted(path.name for path in project.iterdir()) == ["site"]
        assert [path.name for path in (project / "site").iterdir()] == ["index.html"]
    code, output = run("init", "--no-build", str(project))
    assert code == 0, output


@pytest.mark.parametrize("in_the_way", [".github", "docs"])
def test_init_where_a_folder_is_needed_writes_nothing(tmp_path: Path, in_the_way: str) -> None:
    write(tmp_path / in_the_way, "mine\n")
    code, output = run("init", "--no-build", str(tmp_path))
    assert code == 2
    assert output == (
        f"nothing written: {tmp_path / in_the_way} is not a folder, but the project needs a "
        "folder there\n"
    )
    assert [path.name for path in tmp_path.iterdir()] == [in_the_way]


def _interview(answers: list[str]) -> list[str]:
    """INTERVIEW with the organisation's first answers (name to customers) replaced."""
    return [*answers, *INTERVIEW[6:]]


def test_init_interactive_asks_the_customer_term_and_the_language(tmp_path: Path) -> None:
    answers = [
        "Riverside Vets",
        "nl",  # not a language of the playbook: asked again
        "EN-us",
        "patient",
        "",  # the plural offered: patients
        "Healthy pets, calm owners.",
        "Pets and the people who love them.",
    ]
    result = CliRunner().invoke(
        main,
        ["init", "-i", "--no-build", str(tmp_path / "p")],
        input="\n".join(_interview(answers)),
    )
    assert result.exit_code == 0, result.output
    assert "Error: choose one of en, en-US, de, fr, es" in result.output
    assert "And several of them (the plural of 'patient')? [patients]:" in result.output
    assert "Who are your patients? One or two sentences:" in result.output
    assert "Do people in 'Technician' talk with patients directly?" in result.output
    assert "How does the work of 'Technician' reach patients? One sentence" in result.output
    assert "What are patients trying to do at 'Drop off'?" in result.output
    assert "One KPI that shows patients are better off" in result.output
    assert "Which result for patients does 'Fixed first time' serve?" in result.output
    organisation = load_profile(tmp_path / "p" / "org_config.yml").organisation
    assert organisation.language == "en-US"
    assert organisation.customer_term is not None
    assert (organisation.customer_term.singular, organisation.customer_term.plural) == (
        "patient",
        "patients",
    )


@pytest.mark.parametrize(
    ("language", "singular", "plural", "expected"),
    [
        ("de", "", "", ("Kunde", "Kunden")),
        ("de", "Gast", "Gäste", ("Gast", "Gäste")),  # no plural offered: typed
        ("fr", "", "", ("client", "clients")),
        ("es", "huésped", "huéspedes", ("huésped", "huéspedes")),
        ("en", "library member", "library members", ("library member", "library members")),
        ("en", "resident", "", ("resident", "residents")),
        ("fr", "bureau", "", ("bureau", "bureaux")),
    ],
)
def test_the_customer_term_defaults_follow_the_language(
    tmp_path: Path, language: str, singular: str, plural: str, expected: tuple[str, str]
) -> None:
    answers = ["Acme", language, singular, plural, "Mission.", "People."]
    result = CliRunner().invoke(
        main,
        ["init", "-i", "--no-build", str(tmp_path / "p")],
        input="\n".join(_interview(answers)),
    )
    assert result.exit_code == 0, result.output
    term = load_profile(tmp_path / "p" / "org_config.yml").organisation.customer_term
    assert term is not None
    assert (term.singular, term.plural) == expected


@pytest.mark.parametrize("decoding", ["surrogateescape", "strict"])
def test_an_answer_that_is_not_utf8_is_asked_again_and_nothing_is_lost(
    tmp_path: Path, decoding: str
) -> None:
    project = tmp_path / "p"
    typed = "\n".join(["Qualität zuerst GmbH" if a == "Acme Works" else a for a in INTERVIEW])
    latin1 = "Qualität zuerst GmbH".encode("latin-1")  # a terminal set to Latin-1
    result = subprocess.run(
        [sys.executable, "-m", "playbook", "init", "-i", "--no-build", str(project)],
        input=latin1 + b"\n" + typed.encode("utf-8") + b"\n",
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": f"utf-8:{decoding}"},
    )
    output = result.stdout.decode("utf-8", "replace") + result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0, output
    assert (
        "Error: that answer is not UTF-8 text (is the terminal set to another encoding?); "
        "please type it again."
    ) in output
    assert "internal error" not in output
    profile = load_profile(project / "org_config.yml")
    assert profile.organisation.name == "Qualität zuerst GmbH"
    assert [value.id for value in profile.values] == ["own-it", "be-kind"]
    assert profile.kpis[0].customer_outcome == "Customers get their things back working."


def test_ids_of_typed_names_keep_their_letters(tmp_path: Path) -> None:
    renamed = {"Own it": "Qualität zuerst", "own IT!": "qualität ZUERST!"}
    renamed["Technician"] = "Fußpfleger"
    answers = [renamed.get(answer, answer) for answer in INTERVIEW]
    result = CliRunner().invoke(
        main, ["init", "-i", "--no-build", str(tmp_path / "p")], input="\n".join(answers)
    )
    assert result.exit_code == 0, result.output
    profile = load_profile(tmp_path / "p" / "org_config.yml")
    assert [value.id for value in profile.values] == ["qualitat-zuerst", "be-kind"]
    assert [role.id for role in profile.roles] == ["fusspfleger", "bookkeeper"]
