"""The preview's page for content that does not validate.

`make serve` keeps answering while an editor fixes a file: instead of the site, every
address shows this page, which lists each problem as `path:line: field: message` and
reloads by itself once the problems change or are gone. It is one self-contained HTML
document (no theme, no requests to other origins), so nothing about the broken content can
keep it from rendering.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from html import escape

from talkoot.exceptions import ContentError, Problem

# How often the page asks the preview whether it has changed, in milliseconds.
POLL_MS = 1500

_PAGE = """<!doctype html>
<html lang="fi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="talkoot-problems" content="{fingerprint}">
<noscript><meta http-equiv="refresh" content="5"></noscript>
<title>Sisällössä on virheitä – esikatselu</title>
<style>
body {{ font-family: system-ui, sans-serif; line-height: 1.5; margin: 2rem auto;
  max-width: 60rem; padding: 0 1rem; color: #1a1a1a; background: #fff; }}
h1 {{ font-size: 1.6rem; color: #8a1010; }}
li {{ font-family: ui-monospace, monospace; margin: 0.4rem 0; overflow-wrap: anywhere; }}
</style>
</head>
<body>
<main>
<h1>{heading}</h1>
<p>Sivustoa ei voitu rakentaa, koska sisällössä on alla luetellut virheet. Jokainen rivi
kertoo tiedoston, rivinumeron, kentän ja virheen. Korjaa ja tallenna tiedostot: tämä sivu
päivittyy itsestään, ja kun kaikki on kunnossa, esikatselu näyttää sivuston.</p>
<ul>
{items}
</ul>
</main>
<script>
(function () {{
  var fingerprint = "{fingerprint}";
  function check() {{
    fetch(location.href, {{ cache: "no-store" }})
      .then(function (response) {{ return response.text(); }})
      .then(function (text) {{
        if (text.indexOf(fingerprint) === -1) {{ location.reload(); }}
        else {{ setTimeout(check, {poll}); }}
      }}, function () {{ setTimeout(check, {poll} * 2); }});
  }}
  setTimeout(check, {poll});
}})();
</script>
</body>
</html>
"""


def fingerprint(problems: Sequence[Problem]) -> str:
    """Changes whenever the list of problems does: the page reloads when it changes."""
    text = "\n".join(str(problem) for problem in problems)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def render(problems: Sequence[Problem]) -> str:
    """The whole page; every problem's text is escaped (it quotes content)."""
    heading = ContentError(problems).summary.replace(".", "") + " – esikatselu odottaa korjauksia"
    items = "\n".join(f"<li>{escape(str(problem), quote=False)}</li>" for problem in problems)
    return _PAGE.format(
        fingerprint=fingerprint(problems), heading=escape(heading), items=items, poll=POLL_MS
    )
