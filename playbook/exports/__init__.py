"""Files other tools read: calendars of the rituals, a feed of the changelog, a data file.

Each module turns the profile (and the build's change record) into one kind of file;
none of them knows a site engine. ``write_exports`` writes them all into a built site.
"""
