"""``retrotui serve``: a live session in the browser, one ``retrotui FILE --live`` process per tab.

No Textual here.  ``access`` decides who may come in (the two secret tokens)
and under which name; ``pages`` is the HTML; ``server`` is the aiohttp server,
built on textual-serve's process protocol and its terminal page scripts, and
the processes it starts and ends.
"""
