"""Images for sharing a page (Open Graph, Twitter cards): one 1200×630 PNG per page kind,
with the site's name and the kind's title, drawn at build time.

Pillow draws them with Source Sans Pro from the `font-source-sans-pro` wheel: no font is
fetched and nothing leaves the machine. The output is the same bytes for the same
settings, so builds stay reproducible.
"""

from __future__ import annotations

import io
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Final

from PIL import Image, ImageDraw, ImageFont

from talkoot.content.model import SiteSettings

WIDTH: Final = 1200
HEIGHT: Final = 630
FONT_PACKAGE: Final = "font_source_sans_pro"


class ShareKind(StrEnum):
    """Page kinds with an image of their own; the value is in the image's file name."""

    HOME = "etusivu"
    EDITION = "tapahtuma"
    WORKSHOP = "tyopaja"
    PROPOSAL = "ehdotus"
    PACKAGE = "toimenpidekokonaisuus"
    RESULTS = "tulokset"
    OTHER = "muu"


TITLES: Final[dict[ShareKind, str]] = {
    ShareKind.HOME: "Kaupunki ja yritykset yhdessä",
    ShareKind.EDITION: "Tapahtuma",
    ShareKind.WORKSHOP: "Toimialan työpaja",
    ShareKind.PROPOSAL: "Kehittämisehdotus",
    ShareKind.PACKAGE: "Toimenpidekokonaisuus",
    ShareKind.RESULTS: "Tulokset",
    ShareKind.OTHER: "Tietoa",
}


@cache
def _font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    path = resources.files(FONT_PACKAGE).joinpath("files", f"SourceSansPro-{weight}.ttf")
    with resources.as_file(path) as file:
        return ImageFont.truetype(str(file), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def image(settings: SiteSettings, kind: ShareKind) -> bytes:
    """The PNG for `kind`: the kind's title large, the site's name under it."""
    colours = settings.colours
    picture = Image.new("RGB", (WIDTH, HEIGHT), _rgb(colours.primary))
    draw = ImageDraw.Draw(picture)
    margin = 80
    # The mark, as in the logo: a white square with the letters in the primary colour
    draw.rounded_rectangle((margin, margin, margin + 120, margin + 120), 20, fill="#ffffff")
    mark_font = _font("Bold", 64 if len(settings.mark) <= 2 else 48)
    draw.text(
        (margin + 60, margin + 60), settings.mark, font=mark_font, fill=colours.primary, anchor="mm"
    )
    title_font = _font("Bold", 84)
    name_font = _font("Semibold", 52)
    y = margin + 170
    for line in _wrap(TITLES[kind], title_font, WIDTH - 2 * margin)[:2]:
        draw.text((margin, y), line, font=title_font, fill="#ffffff")
        y += 96
    y += 12
    for line in _wrap(settings.name, name_font, WIDTH - 2 * margin)[:2]:
        draw.text((margin, y), line, font=name_font, fill="#ffffff")
        y += 62
    draw.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill=_rgb(colours.accent))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()
