"""The page core: escaping of content values, and pages as (path, Markdown) pairs."""

from __future__ import annotations

import re

import markdown
import pytest

from hostile_corpus import HOSTILE_VALUES
from talkoot.site.render import paragraphs, text

EXTENSIONS = ["attr_list", "def_list", "admonition", "tables", "toc", "pymdownx.snippets"]


def _render(markdown_text: str) -> str:
    # snippets is switched on here on purpose: even where it is enabled, nothing from a
    # value may reach it.
    return markdown.markdown(
        markdown_text,
        extensions=EXTENSIONS,
        extension_configs={"pymdownx.snippets": {"check_paths": True}},
    )


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_inline_values_stay_text(value: str) -> None:
    html = _render(f"- [{text(value)}](x.md) ja {text(value)}")
    assert "<script" not in html and "<img" not in html
    assert "javascript:" not in re.sub(r">[^<]*<", "><", html)  # never in an attribute
    assert html.count("<a ") == 1 and "<table" not in html


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_paragraphs_stay_one_html_block(value: str) -> None:
    rendered = paragraphs(value)
    # Markdown splits lines on "\n" only (not on U+2028, which str.splitlines would)
    assert all(line.startswith("<p>") for line in str(rendered).split("\n"))
    html = _render(f"<div>\n{rendered}\n</div>")
    assert "<script" not in html and "<img" not in html and "<table" not in html
    assert "<pre" not in html and "<code" not in html and "<h3" not in html


def test_escaping_keeps_the_text() -> None:
    assert str(text("a < b & c")) == "a &lt; b &amp; c"
    assert str(text("*x*")) == "&#42;x&#42;"
    assert str(text("rivi\nrivi")) == "rivi rivi"
    assert str(text("\u202eabc\u200b")) == "abc"
    assert str(paragraphs("yksi\r\nkaksi\n\nkolme")) == "<p>yksi<br>kaksi</p>\n<p>kolme</p>"
