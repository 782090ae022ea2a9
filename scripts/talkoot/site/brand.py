"""The site's own look from `content/site.yml`: logo, favicon and colours.

Made by the core as files (SVG and CSS), so any engine that publishes the pages gets them;
the MkDocs edge only points the theme at them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from talkoot.content.model import SiteSettings


def _mark(settings: SiteSettings, size: int, radius: int) -> str:
    colours = settings.colours
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {size} {size}",
            "width": str(size),
            "height": str(size),
        },
    )
    ET.SubElement(svg, "title").text = settings.name
    ET.SubElement(
        svg,
        "rect",
        {
            "width": str(size),
            "height": str(size),
            "rx": str(radius),
            "fill": colours.primary,
        },
    )
    # A band in the accent colour along the bottom: the work done together, under the name
    ET.SubElement(
        svg,
        "rect",
        {
            "x": str(size // 8),
            "y": str(size * 3 // 4),
            "width": str(size * 3 // 4),
            "height": str(max(2, size // 12)),
            "rx": str(max(1, size // 24)),
            "fill": "#ffffff",
        },
    )
    font_size = size * (0.5 if len(settings.mark) <= 2 else 0.38)
    text = ET.SubElement(
        svg,
        "text",
        {
            "x": str(size / 2),
            "y": f"{size * 0.6:.1f}",
            "text-anchor": "middle",
            "font-family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            "font-weight": "700",
            "font-size": f"{font_size:.1f}",
            "fill": "#ffffff",
        },
    )
    text.text = settings.mark
    return ET.tostring(svg, encoding="unicode") + "\n"


def logo_svg(settings: SiteSettings) -> str:
    return _mark(settings, 48, 10)


def favicon_svg(settings: SiteSettings) -> str:
    return _mark(settings, 32, 6)


def stylesheet(settings: SiteSettings) -> str:
    """Material's colour variables from the settings (talkoot.css sets the rest)."""
    c = settings.colours
    return (
        "/* Made from content/site.yml by talkoot.site.brand: edit the colours there. */\n"
        ':root,\n[data-md-color-scheme="default"] {\n'
        f"  --md-primary-fg-color: {c.primary};\n"
        f"  --md-primary-fg-color--light: {c.primary};\n"
        f"  --md-primary-fg-color--dark: {c.primary_dark};\n"
        "  --md-primary-bg-color: #ffffff;\n"
        f"  --md-accent-fg-color: {c.accent};\n"
        f"  --md-typeset-a-color: {c.link};\n"
        "}\n"
    )
