"""The colour themes shipped with retrotui (installed as ``retrotui.shipped_themes``).

Each ``*.toml`` here is one theme: Textual ``Theme`` fields plus a ``[retrotui]``
table with the colours for overdue, done and carried action items.  More
themes can go in the ``themes`` folder beside the user's ``config.toml``.
"""
