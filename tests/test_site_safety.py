"""A rebuild loses nothing: files the user added survive, planted markers mark nothing, the
swap never leaves the site path empty for good, and a corrupt change record is only a warning.

Every case uses real files, real symlinks and real builds; the interrupted swaps are real
``playbook build`` processes that receive a real signal at the moment under test (an audit
hook sends it when the build is about to rename a folder).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sitekit import Project, cli_build, mkdocs_build, tree_hashes, write_project
from test_build_safety import BROKEN_ROLE_TEMPLATE, PROFILE

from playbook.hr.changes import RECORD_FILE
from playbook.sitebuild.folder import SITE_MARKER

LEGACY_MARKER = "Built by playbook. A rebuild replaces this whole folder.\n"


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = write_project(tmp_path_factory.mktemp("built"), PROFILE)
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    return project


@pytest.fixture
def project(built_once: Project, tmp_path: Path) -> Project:
    """A fresh copy of the built project (profile, mkdocs.yml, docs/ and site/)."""
    copy = Project(tmp_path / "project")
    shutil.copytree(built_once.root, copy.root, symlinks=True)
    return copy


@pytest.fixture
def own_project(project: Project) -> Project:
    """The copy, built again in its new place: a copied site's marker names the folder it
    was built for, and only there are files the user added carried over."""
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    return project


def hidden_folders(project: Project) -> list[str]:
    """Staging or set-aside site folders next to the site (named ``.site-...``)."""
    return sorted(path.name for path in project.root.iterdir() if path.name.startswith(".site-"))


def change_mission(project: Project, mission: str) -> None:
    text = project.profile.read_text(encoding="utf-8")
    start = text.index("mission: ") + len("mission: ")
    end = text.index("\n", start)
    project.profile.write_text(text[:start] + mission + text[end:], encoding="utf-8")


def add_user_files(site: Path) -> dict[str, int]:
    """Files a GitHub-Pages-style user adds to a built site; their inode numbers."""
    (site / "CNAME").write_text("playbook.example.org\n", encoding="utf-8")
    (site / "uploads" / "2026").mkdir(parents=True)
    (site / "uploads" / "2026" / "rota.pdf").write_bytes(b"%PDF-1.4 rota\n")
    (site / "uploads" / "empty").mkdir()
    (site / "roles" / "agent" / "notes.txt").write_text("ask Sam\n", encoding="utf-8")
    (site / "latest").symlink_to("roles/agent")
    names = ["CNAME", "uploads/2026/rota.pdf", "roles/agent/notes.txt"]
    return {name: (site / name).stat().st_ino for name in names}


# 1. Files the user added are kept ------------------------------------------------------


def test_a_rebuild_keeps_the_files_the_user_added(own_project: Project) -> None:
    inodes = add_user_files(own_project.site_dir)
    for mission in ("Make every step count.", "Walk further."):
        change_mission(own_project, mission)
        result = cli_build(own_project)
        assert result.exit_code == 0, result.output
        home = (own_project.site_dir / "index.html").read_text(encoding="utf-8")
        assert mission in home  # the site was rebuilt ...
        for name, inode in inodes.items():  # ... and the user's files are the same files
            assert (own_project.site_dir / name).stat().st_ino == inode, name
        assert (own_project.site_dir / "CNAME").read_text(
            encoding="utf-8"
        ) == "playbook.example.org\n"
        assert (own_project.site_dir / "uploads" / "empty").is_dir()
        assert os.readlink(own_project.site_dir / "latest") == "roles/agent"
        assert hidden_folders(own_project) == []
    marker = json.loads((own_project.site_dir / SITE_MARKER).read_text(encoding="utf-8"))
    assert "index.html" in marker["files"]
    assert not {"CNAME", "uploads/2026/rota.pdf", "latest"} & set(marker["files"])


def test_a_changed_page_the_new_build_writes_again_is_refused(own_project: Project) -> None:
    page = own_project.site_dir / "kpis" / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- edited -->", encoding="utf-8")
    (own_project.site_dir / "CNAME").write_text("playbook.example.org\n", encoding="utf-8")
    before = tree_hashes(own_project.site_dir)
    result = cli_build(own_project)
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[-1] == (
        f"{own_project.site_dir.resolve()}: kpis/index.html is not as playbook wrote it "
        "(changed or added since), and the new site has a file there too, so it would be lost; "
        "move it out of the site folder and build again (a file every build should publish "
        "belongs in the docs folder); the previous site is unchanged"
    )
    assert tree_hashes(own_project.site_dir) == before
    assert hidden_folders(own_project) == []


def test_a_web_root_the_site_was_copied_into_keeps_its_other_files(
    own_project: Project, tmp_path: Path
) -> None:
    webroot = tmp_path / "webroot"
    (webroot / "app").mkdir(parents=True)
    (webroot / "app" / "index.php").write_text("<?php echo 'hi';\n", encoding="utf-8")
    (webroot / "robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    copy = subprocess.run(["cp", "-r", f"{own_project.site_dir}/.", f"{webroot}/"], check=False)
    assert copy.returncode == 0
    assert (webroot / SITE_MARKER).is_file()  # the marker travelled with the copy
    before = tree_hashes(webroot)
    result = cli_build(own_project, "--site-dir", str(webroot))
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        f"{webroot}: this folder holds files that playbook did not write (app/, robots.txt) "
        f"and its {SITE_MARKER} file was written for another folder "
        f"({own_project.site_dir.resolve()}), so a build here would replace them; choose an empty "
        "or new folder, or move them out yourself"
    ]
    assert tree_hashes(webroot) == before


def test_a_folder_holding_only_a_copy_of_a_site_is_rebuilt(
    project: Project, tmp_path: Path
) -> None:
    copied = tmp_path / "copied"
    copy = subprocess.run(["cp", "-r", str(project.site_dir), str(copied)], check=False)
    assert copy.returncode == 0
    result = cli_build(project, "--site-dir", str(copied))
    assert result.exit_code == 0, result.output
    marker = json.loads((copied / SITE_MARKER).read_text(encoding="utf-8"))
    assert marker["folder"] == str(copied.resolve())


def test_a_plain_mkdocs_build_lists_every_file_it_wrote(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "offline"
    # With the offline plugin, which writes last of all.
    process = mkdocs_build(
        project, strict=False, site_dir=target, environment={"PLAYBOOK_OFFLINE": "true"}
    )
    assert process.returncode == 0, process.stderr
    written = {path.relative_to(target).as_posix() for path in target.rglob("*") if path.is_file()}
    marker = json.loads((target / SITE_MARKER).read_text(encoding="utf-8"))
    assert "search/search_index.js" in written
    assert set(marker["files"]) == written - {SITE_MARKER}
    (target / "CNAME").write_text("playbook.example.org\n", encoding="utf-8")
    result = cli_build(project, "--offline", "--site-dir", str(target))
    assert result.exit_code == 0, result.output
    assert (target / "CNAME").is_file()


def test_concurrent_builds_both_finish_and_keep_the_users_files(own_project: Project) -> None:
    add_user_files(own_project.site_dir)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PLAYBOOK_")}
    command = [sys.executable, "-m", "playbook", "build", "--config", str(own_project.profile)]
    processes = [
        subprocess.Popen(
            command, cwd=own_project.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(3)
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr.decode()
    assert (own_project.site_dir / "CNAME").read_text(encoding="utf-8") == "playbook.example.org\n"
    assert (own_project.site_dir / "uploads" / "2026" / "rota.pdf").is_file()
    assert (own_project.site_dir / "roles" / "agent" / "index.html").is_file()
    assert hidden_folders(own_project) == []


# 2. A planted marker marks nothing -----------------------------------------------------


@pytest.mark.parametrize("planted", ["legacy", "copied", "listing", "garbage", "fifo"])
def test_a_planted_marker_does_not_mark_a_folder_for_replacement(
    project: Project, tmp_path: Path, planted: str
) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "contract.txt").write_text("keep me\n", encoding="utf-8")
    marker = folder / SITE_MARKER
    if planted == "legacy":
        marker.write_text(LEGACY_MARKER, encoding="utf-8")
    elif planted == "copied":
        shutil.copy(project.site_dir / SITE_MARKER, marker)
    elif planted == "listing":  # a copied marker that claims the file
        record = json.loads((project.site_dir / SITE_MARKER).read_text(encoding="utf-8"))
        record["files"]["contract.txt"] = "sha256:" + hashlib.sha256(b"other\n").hexdigest()
        marker.write_text(json.dumps(record), encoding="utf-8")
    elif planted == "garbage":
        marker.write_text("\x1b[2J{not json", encoding="utf-8")
    else:
        os.mkfifo(marker)  # reading it would block for ever
    before = tree_hashes(folder)
    result = cli_build(project, "--site-dir", str(folder))
    assert result.exit_code == 2, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{folder}: this folder holds files ")
    assert "(contract.txt)" in line
    assert "\x1b" not in line
    assert tree_hashes(folder) == before
    assert (folder / "contract.txt").read_text(encoding="utf-8") == "keep me\n"


def test_a_marker_naming_the_folder_still_keeps_the_files_it_does_not_match(
    project: Project, tmp_path: Path
) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    contract = folder / "contract.txt"
    contract.write_text("keep me\n", encoding="utf-8")
    inode = contract.stat().st_ino
    record = json.loads((project.site_dir / SITE_MARKER).read_text(encoding="utf-8"))
    record["folder"] = str(folder.resolve())
    record["files"]["contract.txt"] = "sha256:" + hashlib.sha256(b"other\n").hexdigest()
    (folder / SITE_MARKER).write_text(json.dumps(record), encoding="utf-8")
    result = cli_build(project, "--site-dir", str(folder))
    assert result.exit_code == 0, result.output
    assert (folder / "index.html").is_file()
    assert contract.read_text(encoding="utf-8") == "keep me\n"
    assert contract.stat().st_ino == inode  # the same file, carried over


def test_a_site_built_by_an_earlier_playbook_gets_a_sentence(project: Project) -> None:
    (project.site_dir / SITE_MARKER).write_text(LEGACY_MARKER, encoding="utf-8")
    before = tree_hashes(project.site_dir)
    result = cli_build(project)
    assert result.exit_code == 2, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{project.site_dir}: this folder holds files (")
    assert line.endswith(
        f"and a {SITE_MARKER} file from an earlier playbook, which kept no list of the files "
        "it wrote, so it cannot tell its own files from others; move the files you want to "
        "keep out of the folder and delete it, or choose an empty or new folder"
    )
    assert tree_hashes(project.site_dir) == before


def test_a_folder_with_only_a_planted_marker_is_used(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "fresh"
    folder.mkdir()
    (folder / SITE_MARKER).write_text(LEGACY_MARKER, encoding="utf-8")
    result = cli_build(project, "--site-dir", str(folder))
    assert result.exit_code == 0, result.output
    assert (folder / "index.html").is_file()


# 3. The swap is safe at every instant --------------------------------------------------

HOOKED_BUILD = textwrap.dedent(
    """\
    import os, signal, sys

    profile, site, event, signal_name = sys.argv[1:]
    site = os.path.realpath(site)
    fired = []


    def hook(name, args):
        if fired or name != event:
            return
        if signal_name == "ADD":  # a file the user adds just before the old site is set aside
            if name == "os.rename" and os.path.realpath(os.fspath(args[0])) == site:
                fired.append(name)
                with open(os.path.join(site, "late.txt"), "w") as file:
                    file.write("added during the swap")
            return
        if name == "os.rename" and os.path.realpath(os.fspath(args[1])) != site:
            return  # not the rename that puts the new site in place
        if name == "shutil.rmtree" and "-previous-" not in os.fspath(args[0]):
            return  # not the removal of the site set aside
        fired.append(name)
        os.kill(os.getpid(), getattr(signal, signal_name))


    sys.addaudithook(hook)
    from playbook.cli import main

    main(["build", "--config", profile])
    """
)


def hooked_build(project: Project, event: str, signal_name: str) -> subprocess.CompletedProcess:
    """``playbook build`` in a child process that gets ``signal_name`` at ``event`` (or,
    for "ADD", finds a file added to the site just before the old site is set aside)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PLAYBOOK_")}
    arguments = [str(project.profile), str(project.site_dir), event, signal_name]
    return subprocess.run(
        [sys.executable, "-c", HOOKED_BUILD, *arguments],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def break_role_template(project: Project) -> None:
    template = project.docs / "_templates" / "role.md"
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text(textwrap.dedent(BROKEN_ROLE_TEMPLATE), encoding="utf-8")


def test_sigterm_between_the_renames_leaves_a_complete_site(own_project: Project) -> None:
    add_user_files(own_project.site_dir)
    change_mission(own_project, "Make every step count.")
    process = hooked_build(own_project, "os.rename", "SIGTERM")
    assert process.returncode == 130, process.stderr
    assert process.stderr.splitlines()[-1] == "interrupted"
    home = (own_project.site_dir / "index.html").read_text(encoding="utf-8")
    assert "Make every step count." in home  # the signal waited until the new site was in
    assert (own_project.site_dir / "CNAME").is_file()
    # The site set aside is removed by the next build: the site path holds a newer one.
    assert cli_build(own_project).exit_code == 0
    assert hidden_folders(own_project) == []
    assert (own_project.site_dir / "uploads" / "2026" / "rota.pdf").is_file()


def test_a_build_killed_between_the_renames_is_undone_by_the_next_one(own_project: Project) -> None:
    add_user_files(own_project.site_dir)
    before = tree_hashes(own_project.site_dir)
    change_mission(own_project, "Make every step count.")
    process = hooked_build(own_project, "os.rename", "SIGKILL")
    assert process.returncode == -9
    assert not own_project.site_dir.exists()  # killed outright: nothing could finish the swap
    [hidden] = [name for name in hidden_folders(own_project) if "-previous-" in name]

    break_role_template(own_project)  # the next build fails ...
    result = cli_build(own_project)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"{own_project.docs}/_templates/role.md:3: template error: 'nonexistent_variable' is "
        "undefined; the previous site is unchanged"
    )
    assert (
        f"{own_project.site_dir}: put back the site that an interrupted build had set aside "
        in (result.stderr)
    )
    assert tree_hashes(own_project.site_dir) == before  # ... and that is true: it was put back
    assert hidden_folders(own_project) == []
    assert hidden not in os.listdir(own_project.root)


def test_a_build_killed_after_the_swap_leaves_a_copy_the_next_build_removes(
    own_project: Project,
) -> None:
    inodes = add_user_files(own_project.site_dir)
    change_mission(own_project, "Make every step count.")
    process = hooked_build(own_project, "shutil.rmtree", "SIGKILL")
    assert process.returncode == -9
    assert "Make every step count." in (own_project.site_dir / "index.html").read_text("utf-8")
    assert [name for name in hidden_folders(own_project) if "-previous-" in name] != []
    result = cli_build(own_project)
    assert result.exit_code == 0, result.output
    assert hidden_folders(own_project) == []
    for name, inode in inodes.items():
        assert (own_project.site_dir / name).stat().st_ino == inode, name


def test_a_file_added_during_the_swap_is_kept(own_project: Project) -> None:
    process = hooked_build(own_project, "os.rename", "ADD")
    assert process.returncode == 0, process.stderr
    [hidden] = [name for name in hidden_folders(own_project) if "-previous-" in name]
    late = own_project.root / hidden / "late.txt"
    assert late.read_text(encoding="utf-8") == "added during the swap"
    assert process.stderr.splitlines() == [
        f"WARNING -  {own_project.root.resolve() / hidden}: a site set aside by a build holds "
        f"files that {own_project.site_dir.resolve()} lacks (late.txt), so it was left there; "
        "move back what you need, then delete it"
    ]


def test_a_set_aside_site_holding_files_the_new_site_lacks_is_kept(
    project: Project, tmp_path: Path
) -> None:
    older = tmp_path / "older-site"
    shutil.copytree(project.site_dir, older, symlinks=True)
    change_mission(project, "Make every step count.")
    assert cli_build(project).exit_code == 0  # the site is now newer than the copy
    hidden = project.root / f".site-previous-{_dead_pid()}"
    older.rename(hidden)  # as a build killed after its swap would have left it
    (hidden / "CNAME").write_text("playbook.example.org\n", encoding="utf-8")
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    assert (hidden / "CNAME").read_text(encoding="utf-8") == "playbook.example.org\n"
    assert result.stderr.splitlines() == [
        f"WARNING -  {hidden}: a site set aside by a build holds files that "
        f"{project.site_dir} lacks (CNAME), so it was left there; move back what you need, "
        "then delete it"
    ]


def test_a_set_aside_site_is_kept_when_the_site_path_holds_no_newer_site(
    project: Project,
) -> None:
    hidden = project.root / f".site-previous-{_dead_pid()}"
    shutil.copytree(project.site_dir, hidden, symlinks=True)  # as new as the site
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    assert hidden.is_dir()
    assert result.stderr.splitlines() == [
        f"WARNING -  {hidden}: a site that an interrupted build set aside was left there, as "
        f"{project.site_dir} holds no newer site; move back what you need, then delete it"
    ]


@pytest.mark.parametrize("kind", ["previous", "building"])
@pytest.mark.parametrize("site_exists", [True, False], ids=["site", "no-site"])
def test_a_planted_symlink_beside_the_site_is_never_followed(
    project: Project, tmp_path: Path, kind: str, site_exists: bool
) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir()
    (target / SITE_MARKER).write_text(LEGACY_MARKER, encoding="utf-8")
    (target / ".playbook-staging").write_text("", encoding="utf-8")
    (target / "secret.txt").write_text("keep me\n", encoding="utf-8")
    dead = _dead_pid()
    name = f".site-previous-{dead}" if kind == "previous" else f".site-building-{dead}-x"
    link = project.root / name
    link.symlink_to(target)
    if not site_exists:
        shutil.rmtree(project.site_dir)
    os.chmod(target, 0o755)
    os.chmod(project.root, 0o755)
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(project.root).st_mode) == 0o755
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o755
    assert (target / "secret.txt").read_text(encoding="utf-8") == "keep me\n"
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert not project.site_dir.is_symlink()
    assert (project.site_dir / "index.html").is_file()


# 4. A corrupt change record is a warning -----------------------------------------------


def _corrupt(record: dict, how: str) -> str:
    pages = record["pages"]
    if how == "what-number":
        for entry in pages.values():
            entry["what"] = 5
    elif how == "reasons-number":
        for entry in pages.values():
            entry["reasons"] = 5
    elif how == "what-numbers":
        for entry in pages.values():
            entry["what"] = [[1, 2]]
    elif how == "pages-list":
        record["pages"] = []
    elif how == "entry-string":
        pages["index.md"] = "x"
    elif how == "changed-number":
        pages["index.md"]["changed"] = 20260302
    elif how == "changed-text":
        pages["index.md"]["changed"] = "2 March"
    return json.dumps(record)


@pytest.mark.parametrize(
    ("how", "problem"),
    [
        ("what-number", 'pages["404.md"].what is not a list of [id, title] pairs'),
        ("reasons-number", 'pages["404.md"].reasons is not a list of texts'),
        ("what-numbers", 'pages["404.md"].what is not a list of [id, title] pairs'),
        ("pages-list", "its pages are not a JSON object"),
        ("entry-string", 'pages["index.md"] is not a JSON object'),
        ("changed-number", 'pages["index.md"].changed is not a text'),
        ("changed-text", 'pages["index.md"].changed is not a date and time'),
    ],
)
def test_a_corrupt_change_record_is_ignored_with_a_warning(
    project: Project, how: str, problem: str
) -> None:
    path = project.site_dir / RECORD_FILE
    record = json.loads(path.read_text(encoding="utf-8"))
    record["pages"] = dict(sorted(record["pages"].items()))
    if "404.md" not in record["pages"]:
        problem = problem.replace("404.md", next(iter(record["pages"])))
    path.write_text(_corrupt(record, how), encoding="utf-8")
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert f"WARNING -  {path}: {problem}; it is ignored, and the pages are dated as in a " in (
        result.stderr
    )
    rebuilt = json.loads(path.read_text(encoding="utf-8"))
    assert rebuilt["version"] == 1 and "index.md" in rebuilt["pages"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"version": 1, "pages": {', "2:1: this is not valid JSON (Expecting property name"),
        ("\xff\xfe", "this is not UTF-8 text"),
        ('{"version": 7, "pages": {}}', "this record is of version 7, not 1"),
        ("[" * 100_000, "1:"),
    ],
    ids=["truncated", "not-utf8", "version", "deep"],
)
def test_an_unreadable_change_record_is_ignored_with_a_warning(
    project: Project, text: str, problem: str
) -> None:
    path = project.site_dir / RECORD_FILE
    path.write_bytes(text.encode("latin-1") if text == "\xff\xfe" else text.encode() + b"\n")
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    [warning] = [line for line in result.stderr.splitlines() if str(path) in line]
    assert warning.startswith(f"WARNING -  {path}")
    assert problem in warning
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1


@pytest.mark.parametrize("kind", ["pipe", "link"])
def test_a_change_record_that_is_no_file_is_ignored_with_a_warning(
    project: Project, kind: str
) -> None:
    path = project.site_dir / RECORD_FILE
    path.unlink()
    if kind == "pipe":
        os.mkfifo(path)  # reading it would wait for ever
    else:
        path.symlink_to("/etc/passwd")
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    what = "not a regular file" if kind == "pipe" else "a link, not a regular file"
    assert f"WARNING -  {path}: this is {what}; it is ignored" in result.stderr
    assert path.is_file() and not path.is_symlink()


def _dead_pid() -> int:
    """The pid of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid
