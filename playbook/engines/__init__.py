"""Site engines: the only modules that know which program turns the page plan into HTML.

- ``mkdocs`` (the default): MkDocs 1.6 with Material, mkdocs-macros and the playbook plugin.
- ``properdocs``: ProperDocs, a maintained fork of MkDocs 1.6 that runs the same plugins
  unchanged (install extra ``properdocs``).
- ``zensical``: Zensical, the successor of Material for MkDocs. It runs no MkDocs plugin,
  so the playbook renders the planned pages itself into a folder made for one build and
  hands Zensical that folder (install extra ``zensical``).
"""

from __future__ import annotations

ENGINES = ("mkdocs", "properdocs", "zensical")
DEFAULT_ENGINE = "mkdocs"


def select_engine(engine: str) -> None:
    """Prepare the process for an engine; call it before anything imports MkDocs.

    ProperDocs answers MkDocs' imports (``mkdocs.*`` loads ``properdocs.*``), so Material,
    mkdocs-macros and the playbook plugin run on it unchanged; that redirection has to be
    in place before the first MkDocs module is loaded.

    Raises:
        BuildError: the engine is unknown or not installed, or MkDocs is already loaded.
    """
    from playbook.errors import BuildError

    if engine not in ENGINES:
        raise BuildError(f"unknown engine '{engine}' (choose one of: {', '.join(ENGINES)})")
    if engine == "properdocs":
        from playbook.engines.properdocs import activate

        activate()
