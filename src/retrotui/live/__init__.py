"""Live sessions: several editors on one file at once, each finished edit written within moments.

No Textual here.  ``room`` is what the participants share beside the file (who
is in, and what the facilitator decided), ``lock`` keeps their
read-merge-write cycles apart, and ``writing`` is one such cycle.  The TUI
(``retrotui.tui.live``) decides when to run them and presents what they find.
"""
