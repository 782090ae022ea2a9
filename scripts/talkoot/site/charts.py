"""Static, accessible SVG charts rendered at build time: no JavaScript, no requests.

Each chart is an `<svg role="img">` with a title and a description, inside a `<figure>`;
the pages put the same figures in a table next to it, so nothing depends on colour or on
seeing the picture. ElementTree writes the markup, so every label is escaped; the
characters no output may carry are dropped first (`talkoot.vocabulary.characters`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from talkoot.vocabulary.characters import clean

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
        {"x": f"{x:.1f}", "y": f"{y:.1f}", "font-size": "13", "fill": "#1a1a1a", **attrs},
    )
    element.text = clean(value)


def _figure(svg: ET.Element, caption: str) -> str:
    figure = ET.Element("figure", {"class": "talkoot-chart"})
    figure.append(svg)
    ET.SubElement(figure, "figcaption").text = clean(caption)
    return ET.tostring(figure, encoding="unicode", short_empty_elements=True)


# Labels sit above their bars, so the chart stays narrow and readable on a phone.
WIDTH, BAR_WIDTH, ROW_HEIGHT = 440, 380, 46


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
    legend_height = 24 * len(series) + 10
    height = ROW_HEIGHT * len(rows) + legend_height + 10
    svg = _svg(chart_id, WIDTH, height, title, description)
    largest = max((sum(values) for _, values in rows), default=0) or 1
    for index, (label, values) in enumerate(rows):
        y = 4 + index * ROW_HEIGHT
        _text(svg, 0, y + 14, label)
        x = 0.0
        for value, serie in zip(values, series, strict=True):
            if value:
                width = BAR_WIDTH * value / largest
                rect = ET.SubElement(
                    svg,
                    "rect",
                    {
                        "x": f"{x:.1f}",
                        "y": str(y + 20),
                        "width": f"{width:.1f}",
                        "height": "18",
                        "fill": serie.colour,
                        "stroke": "#ffffff",
                        "stroke-width": "1",
                    },
                )
                ET.SubElement(rect, "title").text = clean(f"{label}: {serie.label} {value}")
                x += width
        _text(svg, x + 6, y + 34, str(sum(values)))
    legend_top = 10 + ROW_HEIGHT * len(rows)
    for index, serie in enumerate(series):
        y = legend_top + index * 24
        ET.SubElement(
            svg,
            "rect",
            {"x": "0", "y": str(y), "width": "16", "height": "16", "fill": serie.colour},
        )
        _text(svg, 24, y + 13, serie.label)
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
    svg = _svg(chart_id, WIDTH, ROW_HEIGHT * len(rows) + 10, title, description)
    for index, (label, percent) in enumerate(rows):
        y = 4 + index * ROW_HEIGHT
        _text(svg, 0, y + 14, label)
        ET.SubElement(
            svg,
            "rect",
            {
                "x": "0",
                "y": str(y + 20),
                "width": str(BAR_WIDTH),
                "height": "18",
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
                    "y": str(y + 20),
                    "width": f"{BAR_WIDTH * percent / 100:.1f}",
                    "height": "18",
                    "fill": PALETTE[0],
                },
            )
        _text(svg, BAR_WIDTH + 6, y + 34, f"{percent} %")
    return _figure(svg, caption)
