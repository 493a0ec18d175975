"""ProperDocs: a maintained fork of MkDocs 1.6 that runs Material and our plugins unchanged.

Once ``properdocs.replacement`` is imported, every ``mkdocs.*`` import loads the matching
``properdocs.*`` module, so the MkDocs code path of ``playbook.sitebuild.build`` (and Material,
mkdocs-macros, the playbook plugin) runs on ProperDocs without a line of its own.
"""

from __future__ import annotations

import importlib.util
import logging
import sys

from playbook.errors import BuildError

INSTALL_HINT = "pip install 'culture-playbook[properdocs]'"


def active() -> bool:
    """Whether MkDocs' imports are answered by ProperDocs in this process."""
    module = sys.modules.get("mkdocs")
    return module is not None and module.__name__ == "properdocs"


def activate() -> None:
    """Answer MkDocs' imports with ProperDocs from now on.

    Raises:
        BuildError: ProperDocs is not installed, or MkDocs was already loaded (then
            the two would mix in one process).
    """
    if active():
        return
    if "mkdocs" in sys.modules:
        raise BuildError(
            "the properdocs engine must be chosen before MkDocs is loaded; "
            "run it as 'playbook build --engine properdocs' in a process of its own"
        )
    if importlib.util.find_spec("properdocs") is None:
        raise BuildError(f"the properdocs engine is not installed: {INSTALL_HINT}")
    # ProperDocs logs under "properdocs.*"; the playbook shows, collects and counts (for
    # --strict) MkDocs' messages on the "mkdocs" loggers. Registering those loggers under
    # ProperDocs' names before ProperDocs creates its own makes its loggers their children.
    for name in ("", ".livereload"):
        logger = logging.getLogger(f"mkdocs{name}")
        logging.Logger.manager.loggerDict.setdefault(f"properdocs{name}", logger)
    import properdocs.replacement  # noqa: F401 (the import installs the redirection)
