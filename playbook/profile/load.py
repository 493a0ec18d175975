"""The one entry point for reading a profile: YAML, models and cross-checks together.

It sits above ``playbook.profile.model`` (the models) and ``playbook.profile.checks``
(validation that needs the models), so neither has to import the other to load a file.
"""

from __future__ import annotations

from pathlib import Path

from playbook.profile.checks import load_checked
from playbook.profile.model import Profile


def load_profile(path: Path | str, display_name: str | None = None) -> Profile:
    """Load, validate and cross-check a profile file.

    Raises:
        ProfileError: with every problem found, located as FILE:LINE:COL.
    """
    return load_checked(Path(path), display_name)[0]
