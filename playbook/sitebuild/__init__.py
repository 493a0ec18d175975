"""The site folder: the safe build (validate, build aside, swap in), which folders
may be replaced, the site marker, settings, compression and `playbook serve`."""
