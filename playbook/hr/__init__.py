"""HR's change workflow: redirects for former ids, page change dates, profile history."""
