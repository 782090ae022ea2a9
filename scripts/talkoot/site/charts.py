"""Static, accessible SVG charts rendered at build time: no JavaScript, no requests.

Each chart is an `<svg role="img">` with a title and a description, inside a `<figure>`;
the pages put the same figures in a table next to it, so nothing depends on colour or on
seeing the picture. ElementTree writes the markup, so every label is escaped; the
characters no output may carry are dropped first (`talkoot.vocabulary.characters`).
"""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from talkoot.vocabulary.characters import clean

FONT_SIZE = 15

# Colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart by lightness.
PALETTE = ["#00507a", "#2e7d32", "#8a3b00", "#6a3d9a", "#b00020", "#4d4d4d", "#005f5f"]


@dataclass(frozen=True)
class Series:
    label: str
    colour: str


def _svg(chart_id: str, width: int, height: int, title: str, description: str) -> ET.Element:
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {width} {height}",
            "width": "100%",
            "role": "img",
            "aria-labelledby": f"{chart_id}-otsikko {chart_id}-kuvaus",
            "class": "talkoot-chart__svg",
        },
    )
    ET.SubElement(svg, "title", {"id": f"{chart_id}-otsikko"}).text = clean(title)
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-kuvaus"}).text = clean(description)
    return svg


def _text(parent: ET.Element, x: float, y: float, value: str, **attrs: str) -> None:
    element = ET.SubElement(
        parent,
        "text",
        {"x": f"{x:.1f}", "y": f"{y:.1f}", "font-size": str(FONT_SIZE), "fill": "#1a1a1a", **attrs},
    )
    element.text = clean(value)


def _figure(svg: ET.Element, caption: str) -> str:
    figure = ET.Element("figure", {"class": "talkoot-chart"})
    figure.append(svg)
    ET.SubElement(figure, "figcaption").text = clean(caption)
    return ET.tostring(figure, encoding="unicode", short_empty_elements=True)


# Labels sit above their bars, so the chart stays narrow and readable on a phone. The
# chart scales with the text column: at 400 units across, 15-unit labels are at least 12 px
# on a 390-px phone (a column of about 358 px); talkoot.css caps the width on a wide
# screen so that they stay close to the body text's 16 px.
WIDTH, BAR_WIDTH, ROW_HEIGHT, LEGEND_ROW = 400, 330, 50, 26
# A label longer than this wraps (about 7.5 units a character at 15 units: within 400)
LABEL_CHARACTERS, LINE_HEIGHT = 46, 18


def _label(parent: ET.Element, y: float, value: str) -> float:
    """A row's label above its bar, wrapped to the chart's width; returns the extra height
    its lines beyond the first take."""
    value = clean(value)
    lines = textwrap.wrap(value, LABEL_CHARACTERS, break_on_hyphens=False) or [value]
    element = ET.SubElement(
        parent,
        "text",
        {"x": "0", "y": f"{y + 15:.1f}", "font-size": str(FONT_SIZE), "fill": "#1a1a1a"},
    )
    if len(lines) == 1:
        element.text = value
        return 0
    for index, line in enumerate(lines):
        span = ET.SubElement(element, "tspan", {"x": "0", "dy": "0" if index == 0 else "1.2em"})
        span.text = line
    return LINE_HEIGHT * (len(lines) - 1)


def _extra_height(labels: Sequence[str]) -> int:
    return sum(
        LINE_HEIGHT * (len(textwrap.wrap(label, LABEL_CHARACTERS, break_on_hyphens=False)) - 1)
        for label in labels
        if len(label) > LABEL_CHARACTERS
    )


def stacked_bars(
    chart_id: str,
    rows: Sequence[tuple[str, Sequence[int]]],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    caption: str,
) -> str:
    """Horizontal bars, one per row, split into the series' counts, with a legend."""
    legend_height = LEGEND_ROW * len(series) + 10
    extra = _extra_height([label for label, _ in rows])
    height = ROW_HEIGHT * len(rows) + extra + legend_height + 10
    svg = _svg(chart_id, WIDTH, height, title, description)
    largest = max((sum(values) for _, values in rows), default=0) or 1
    y = 4.0
    for label, values in rows:
        y += _label(svg, y, label)
        x = 0.0
        for value, serie in zip(values, series, strict=True):
            if value:
                width = BAR_WIDTH * value / largest
                rect = ET.SubElement(
                    svg,
                    "rect",
                    {
                        "x": f"{x:.1f}",
                        "y": f"{y + 22:.1f}",
                        "width": f"{width:.1f}",
                        "height": "20",
                        "fill": serie.colour,
                        "stroke": "#ffffff",
                        "stroke-width": "1",
                    },
                )
                ET.SubElement(rect, "title").text = clean(f"{label}: {serie.label} {value}")
                x += width
        _text(svg, x + 6, y + 37, str(sum(values)))
        y += ROW_HEIGHT
    legend_top = 10 + ROW_HEIGHT * len(rows) + extra
    for index, serie in enumerate(series):
        y = legend_top + index * LEGEND_ROW
        ET.SubElement(
            svg,
            "rect",
            {"x": "0", "y": str(y), "width": "16", "height": "16", "fill": serie.colour},
        )
        _text(svg, 24, y + 14, serie.label)
    return _figure(svg, caption)


def progress_bars(
    chart_id: str,
    rows: Sequence[tuple[str, int]],
    *,
    title: str,
    description: str,
    caption: str,
) -> str:
    """One bar per row from 0 to 100 %, the percentage written beside it."""
    extra = _extra_height([label for label, _ in rows])
    svg = _svg(chart_id, WIDTH, ROW_HEIGHT * len(rows) + extra + 10, title, description)
    y = 4.0
    for label, percent in rows:
        y += _label(svg, y, label)
        ET.SubElement(
            svg,
            "rect",
            {
                "x": "0",
                "y": f"{y + 22:.1f}",
                "width": str(BAR_WIDTH),
                "height": "20",
                "fill": "#ffffff",
                "stroke": "#4d4d4d",
                "stroke-width": "1",
            },
        )
        if percent:
            ET.SubElement(
                svg,
                "rect",
                {
                    "x": "0",
                    "y": f"{y + 22:.1f}",
                    "width": f"{BAR_WIDTH * percent / 100:.1f}",
                    "height": "20",
                    "fill": PALETTE[0],
                },
            )
        _text(svg, BAR_WIDTH + 6, y + 37, f"{percent} %")
        y += ROW_HEIGHT
    return _figure(svg, caption)
