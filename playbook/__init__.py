"""playbook: turn one YAML org profile into a customer-centric culture playbook site."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from playbook.errors import PlaybookError, Problem, ProfileError

if TYPE_CHECKING:
    from playbook.profile.load import load_profile
    from playbook.profile.model import Profile

__version__ = "0.1.0"

__all__ = ["PlaybookError", "Problem", "Profile", "ProfileError", "__version__", "load_profile"]


def __getattr__(name: str) -> Any:
    # The profile models pull in pydantic; importing them lazily keeps `playbook --help`
    # and other light commands quick.
    if name == "Profile":
        from playbook.profile.model import Profile

        return Profile
    if name == "load_profile":
        from playbook.profile.load import load_profile

        return load_profile
    raise AttributeError(f"module 'playbook' has no attribute {name!r}")
