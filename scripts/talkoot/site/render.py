"""Page assembly: escaping, the page templates' Jinja environment, front matter, the
JSON-LD block. Pages are `Page(path, content)`: Markdown text or the bytes of a file.

Everything taken from content is shown as text. The templates' `finalize` escapes every
interpolated value for HTML *and* Markdown, and multi-line text is written as one-line HTML
blocks, so no Markdown, HTML, snippet or template syntax in a submission is interpreted.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from talkoot.site.phase import Phase
from talkoot.vocabulary import characters, fi, names, words

TEMPLATES = Path(__file__).parent / "templates" / "pages"

# Invisible controls are dropped (talkoot.vocabulary.characters), markup characters escaped.
_HTML_TABLE = {
    **characters.DROP_TABLE,
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord('"'): "&#34;",
    ord("'"): "&#39;",
}
# Characters with a meaning in Markdown or its extensions (emphasis, links, tables,
# snippets `--8<--`, attribute lists `{: }`) become entities. Syntax that only works at
# the start of a line (lists, headings) cannot occur: templates never start a line with a value.
_MARKDOWN_TABLE = {
    **_HTML_TABLE,
    **{ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()#+-!|~^"},
}
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def html_text(value: object) -> str:
    """HTML-escape, without the invisible controls."""
    return str(value).translate(_HTML_TABLE)


def text(value: object) -> Markup:
    """HTML- and Markdown-escape a value for one line of output."""
    if isinstance(value, Markup):
        return value
    # Joining on single spaces: no newline may start a Markdown block.
    return Markup(" ".join(str(value).translate(_MARKDOWN_TABLE).split()))


def paragraphs(value: str | None) -> Markup:
    """Multi-line text as `<p>` elements, each on one physical line.

    A line that starts with `<p>` opens a raw HTML block, which Markdown passes through
    untouched and no line-based extension (snippets, admonitions) can match inside, so
    HTML escaping is enough here.
    """
    if not value:
        return Markup("")
    blocks = _BLANK_LINES.split(html_text(value.replace("\r\n", "\n").replace("\r", "\n")).strip())
    return Markup(
        "\n".join(
            "<p>" + "<br>".join(line.strip() for line in block.split("\n")) + "</p>"
            for block in blocks
        )
    )


@dataclass(frozen=True)
class Page:
    path: str  # relative to the site's docs, e.g. "2023/tyopajat/teollisuus.md"
    content: str | bytes


def front_matter(title: str, description: str, **extra: Any) -> str:
    # Material writes page.meta values into the HTML unescaped, so they are escaped here.
    # JSON scalars are YAML too, and much cheaper to emit than with a YAML emitter.
    meta = {"title": str(text(title)), "description": str(text(description)), **extra}
    lines = "".join(
        f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()
    )
    return f"---\n{lines}---\n\n"


def json_ld(data: dict[str, Any]) -> Markup:
    # "<" as \u003c keeps "</script>" and "<!--" in values from ending the block.
    payload = json.dumps(characters.clean_data(data), ensure_ascii=False, indent=None)
    payload = payload.replace("<", "\\u003c")
    return Markup('<script type="application/ld+json">{}</script>').format(Markup(payload))


@lru_cache(maxsize=4096)
def _relative(target: str, start: str) -> str:
    return posixpath.relpath(target, start)


@jinja2.pass_context
def _link(context: jinja2.runtime.Context, target: str) -> Markup:
    """A Markdown link target relative to the current file (MkDocs checks and rewrites it)."""
    here = posixpath.dirname(context["page_path"])
    return Markup(_relative(target, here or "."))


@jinja2.pass_context
def _href(context: jinja2.runtime.Context, target: str) -> Markup:
    """A URL for raw HTML, relative to the current page's URL."""
    here = names.url(context["page_path"])
    url = names.url(target)
    relative = _relative(url or ".", here or ".")
    if url.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return Markup(escape(relative))


def _url(value: object) -> Markup:
    """An http(s) URL for an attribute or a Markdown link target; anything else is refused."""
    url = str(value)
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"not an http(s) URL: {url!r}")
    return Markup(escape(quote(url, safe=":/?#@!$&'*+,;=%~")))


def _capitalize_first(value: str) -> Markup:
    """`Verkossa (Microsoft Teams)`: the first letter only, the rest as it was."""
    markup = value if isinstance(value, Markup) else text(value)
    return Markup(markup[:1].upper() + markup[1:])


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        # finalize escapes every value for HTML and Markdown; autoescape then leaves the
        # resulting Markup alone and keeps macro output from being escaped twice.
        autoescape=True,
        finalize=text,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(link=_link, href=_href, names=names, Phase=Phase)
    env.filters.update(
        paragraphs=paragraphs,
        url=_url,
        date=fi.date,
        weekday_date=fi.weekday_date,
        long_date=fi.long_date,
        month=fi.month,
        when=fi.when,
        time_range=fi.time_range,
        status_label=words.PROPOSAL_STATUS.__getitem__,
        package_status_label=words.PACKAGE_STATUS.__getitem__,
        event_status_label=words.EVENT_STATUS.__getitem__,
        span=fi.span,
        capitalize_first=_capitalize_first,
        city_role_label=words.CITY_ROLE.__getitem__,
    )
    return env

