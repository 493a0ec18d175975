"""Words: the playbook's language, its translations, and helpers for counts, lists and dates."""
