"""The organisation's look: its primary colour and logo on the site.

``brand.colour`` becomes Material's primary colour. Text on it is black or white,
whichever contrasts more; links on the white page use the colour darkened until it
reaches the 4.5:1 contrast that WCAG asks for body text. ``brand.logo`` is copied into
the site and shown as the theme's logo, once ``playbook.profile.logo`` has checked that it is an
image inside the project (and made an SVG harmless).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playbook.errors import Problem
from playbook.profile.logo import Logo, LogoError, read_logo
from playbook.profile.model import Profile
from playbook.profile.reader import LoadedYaml

TEXT_CONTRAST = 4.5


def _channel(value: int) -> float:
    srgb = value / 255
    return srgb / 12.92 if srgb <= 0.03928 else ((srgb + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #RRGGBB colour."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio between two #RRGGBB colours (1 to 21)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _darker(colour: str, factor: float) -> str:
    channels = (round(int(colour[i : i + 2], 16) * factor) for i in (1, 3, 5))
    return "#" + "".join(f"{channel:02x}" for channel in channels)


@dataclass(frozen=True)
class Palette:
    """The site colours derived from one brand colour."""

    primary: str
    on_primary: str
    link: str


def palette(colour: str) -> Palette:
    """Colours for the header (primary, text on it) and for links on the white page."""
    colour = colour.lower()
    white, black = "#ffffff", "#000000"
    on_primary = white if contrast(colour, white) >= contrast(colour, black) else black
    link, factor = colour, 1.0
    while contrast(link, "#ffffff") < TEXT_CONTRAST and factor > 0:
        factor = round(factor - 0.05, 2)
        link = _darker(colour, factor)
    return Palette(colour, on_primary, link)


def palette_css(colours: Palette) -> str:
    """A stylesheet that sets Material's primary colour variables."""
    return (
        ":root, [data-md-color-scheme=default] {\n"
        f"  --md-primary-fg-color: {colours.primary};\n"
        f"  --md-primary-fg-color--light: {colours.primary};\n"
        f"  --md-primary-fg-color--dark: {colours.primary};\n"
        f"  --md-primary-bg-color: {colours.on_primary};\n"
        f"  --md-primary-bg-color--light: {colours.on_primary};\n"
        f"  --md-typeset-a-color: {colours.link};\n"
        f"  --md-accent-fg-color: {colours.link};\n"
        "}\n"
    )


def brand_logo(profile: Profile, profile_dir: Path) -> Logo | None:
    """The checked logo a profile names (read from the profile's folder), or None.

    Raises:
        LogoError: the file cannot be published (see ``playbook.profile.logo``).
    """
    brand = profile.organisation.brand
    if brand is None or brand.logo is None:
        return None
    return read_logo(brand.logo, profile_dir)


def logo_problem_at(profile: Profile, loaded: LoadedYaml, profile_dir: Path) -> Problem | None:
    """A problem located at ``brand.logo`` when the profile names a logo that cannot be used."""
    try:
        brand_logo(profile, profile_dir)
    except LogoError as error:
        return loaded.problem(("organisation", "brand", "logo"), str(error))
    return None
