"""playbook: turn one YAML org profile into a customer-centric culture playbook site."""

from playbook.errors import PlaybookError, Problem, ProfileError
from playbook.profile import Profile, load_profile

__version__ = "0.1.0"

__all__ = ["PlaybookError", "Problem", "Profile", "ProfileError", "__version__", "load_profile"]
