"""The site's settings (content/site.yml): defaults readable by WCAG AA, checked when set."""

from __future__ import annotations

from pathlib import Path

import pytest

from talkoot.content import contrast
from talkoot.content.load import load, load_dir
from talkoot.content.model import Colours, SiteSettings
from talkoot.exceptions import ContentError
from talkoot.site import brand

ROOT = Path(__file__).resolve().parent.parent


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast.ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast.ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # WCAG's own example: #767676 on white is the lightest grey with 4.5:1
    assert contrast.ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast.ratio("#777777", "#ffffff") < 4.5


@pytest.mark.parametrize("field", list(Colours.model_fields))
def test_default_colours_pass_aa_with_white(field: str) -> None:
    colour = getattr(Colours(), field)
    assert contrast.ratio(colour, "#ffffff") >= 4.5, f"{field} {colour}"


def test_shipped_settings_pass_aa_and_name_the_site() -> None:
    settings = load_dir(ROOT / "content").settings
    for field in Colours.model_fields:
        assert contrast.ratio(getattr(settings.colours, field), "#ffffff") >= 4.5
    assert settings.name == "Tulevaisuuden suunnittelutalkoot"
    # the header title fits a 390-px phone
    assert len(settings.short_name) <= 22


def test_low_contrast_colour_is_a_finnish_problem_with_a_line() -> None:
    text = (
        "# yaml-language-server: $schema=../schemas/sitesettings.schema.json\n"
        "name: Talkoot\n"
        "colours:\n"
        '  link: "#7fb2d9"\n'
    )
    with pytest.raises(ContentError) as raised:
        load({"site.yml": text})
    messages = [str(p) for p in raised.value.problems]
    assert any(
        "content/site.yml:4: colours.link: väri erottuu valkoisesta liian heikosti" in m
        for m in messages
    ), messages


def test_brand_files_carry_the_settings() -> None:
    settings = SiteSettings(mark="LA", colours=Colours(primary="#123456"))
    assert "--md-primary-fg-color: #123456;" in brand.stylesheet(settings)
    logo = brand.logo_svg(settings)
    assert logo.startswith("<svg") and 'fill="#123456"' in logo and ">LA</text>" in logo


@pytest.mark.build
def test_event_site_chrome(shipped_site: Path) -> None:
    """No documentation chrome: short pages have no table of contents, no prev/next links,
    no repository in the header (a source link in the footer); the site's own logo,
    favicon, colours and short name."""
    home = (shipped_site / "index.html").read_text(encoding="utf-8")
    registration = (shipped_site / "2023" / "ilmoittautuminen" / "index.html").read_text(
        encoding="utf-8"
    )
    for html in (home, registration):
        assert 'data-md-type="toc" hidden>' in html
        assert "md-footer__link" not in html
        assert "md-source" not in html and "md-header__source" not in html
        assert '<a href="https://github.com/lappeenranta/talkoot">Sivuston lähdekoodi</a>' in html
        assert '<link rel="icon" href="' in html and "assets/talkoot/favicon.svg" in html
        assert "assets/talkoot/brand.css" in html
        header = html.split('<header class="md-header', 1)[1].split("</header>", 1)[0]
        title = header.split('class="md-ellipsis">', 1)[1].split("</span>", 1)[0]
        assert title.strip() == "Suunnittelutalkoot"
        assert '<img src="' in header and 'assets/talkoot/logo.svg" alt=""' in header
    assert (shipped_site / "assets" / "talkoot" / "logo.svg").read_text().startswith("<svg")
    assert "--md-primary-fg-color: #00507a;" in (
        shipped_site / "assets" / "talkoot" / "brand.css"
    ).read_text(encoding="utf-8")
