"""The two HTML pages: the name prompt, and the terminal (textual-serve's scripts draw it).

Every value put into a page is escaped; the pages load nothing from another
site and send no referrer, so the token in the address stays on this server.
"""

from __future__ import annotations

from html import escape

from retrotui.live.options import NAME_LIMIT
from retrotui.safe_text import visible

_HEAD = """<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="referrer" content="no-referrer">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{title}</title>
"""

_FORM_STYLE = """    <style>
      body { background: #0c181f; color: #eee; font-family: monospace; display: flex;
             height: 100vh; margin: 0; align-items: center; justify-content: center; }
      form { background: #12232d; padding: 2em 3em; }
      input, button { font: inherit; padding: 0.4em; margin: 0.3em 0; }
      button { background: #5e0ba7; color: #fff; border: none; cursor: pointer; }
    </style>
"""


def _shown(file_name: str) -> str:
    """A file name as the page shows it: its control characters and raw bytes visible, then escaped.

    A name that is not UTF-8 holds lone surrogates (``\\udcff`` for the byte 0xff), which cannot be sent.
    """
    return escape(visible(file_name))


def name_page(file_name: str, viewing: bool) -> str:
    """Asks for the participant's name; the form comes back to the same address with ``name=``."""
    what = "Follow" if viewing else "Join"
    shown = _shown(file_name)
    return (
        _HEAD.format(title=f"{what} the retro: {shown}")
        + _FORM_STYLE
        + "  </head>\n  <body>\n"
        + '    <form method="get" action="">\n'
        + f"      <p>{what} the retro on <b>{shown}</b>"
        + (" (view only)" if viewing else "")
        + "</p>\n"
        + '      <label for="name">Your name</label><br>\n'
        + f'      <input id="name" name="name" maxlength="{NAME_LIMIT}" required autofocus><br>\n'
        + f'      <button type="submit">{what}</button>\n'
        + "    </form>\n  </body>\n</html>\n"
    )


_TERMINAL_STYLE = """    <link rel="stylesheet" href="static/css/xterm.css">
    <script src="static/js/textual.js"></script>
    <style>
      body { background: #0c181f; margin: 0; }
      .dialog-container { position: absolute; width: 100vw; height: 100vh; display: flex;
                          align-items: center; justify-content: center; z-index: 10; }
      .intro { width: 640px; height: 160px; z-index: 20; font-family: monospace; color: #eee;
               background-color: #12232d; display: flex; align-items: center; justify-content: center; }
      body.-first-byte .intro-dialog { display: none; }
      body .textual-terminal { opacity: 0; }
      body.-first-byte .textual-terminal { opacity: 1; }
      .closed-dialog { display: none; }
      body.-closed .closed-dialog { display: flex; }
      #start { display: none; }
    </style>
"""


def terminal_page(file_name: str, websocket_url: str) -> str:
    """textual-serve's terminal: its script finds the websocket address in ``data-session-websocket-url``."""
    shown = _shown(file_name)
    return (
        _HEAD.format(title=f"retrotui: {shown}")
        + _TERMINAL_STYLE
        + "  </head>\n  <body>\n"
        + '    <div class="dialog-container intro-dialog"><div class="intro">'
        + f"Opening {shown}…</div></div>\n"
        + '    <div class="dialog-container closed-dialog"><div class="intro">'
        + "Session ended. Reload the page to join again.</div></div>\n"
        + '    <button id="start" type="button">Start</button>\n'
        + '    <div id="terminal" class="textual-terminal"'
        + f' data-session-websocket-url="{escape(websocket_url, quote=True)}" data-font-size="16"></div>\n'
        + "  </body>\n</html>\n"
    )
