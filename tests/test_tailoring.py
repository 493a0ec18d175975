"""Playbooks read as written for the organisation in the profile, whatever its size.

The sample and four profiles of other sectors and sizes (tests/fixtures/tailoring/) are
built for real and read back: counts and lists must be grammatical, no sentence may be
addressed to HR, no claim may contradict the data, the organisation's word for the people
it serves replaces "customer" everywhere, and role pages lead with what is specific to
the role.
"""

from __future__ import annotations

import copy
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from sitekit import REPO_ROOT, SharedSites, Site, collapse, heading_text

from playbook.profile.brand import contrast, palette

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from role_repetition import measure

FIXTURES = Path(__file__).parent / "fixtures" / "tailoring"
PROFILES = {
    "sample": REPO_ROOT / "org_config.yml",
    "clinic": FIXTURES / "clinic.yml",
    "startup": FIXTURES / "startup.yml",
    "guesthouse": FIXTURES / "single.yml",
    "council": FIXTURES / "bare.yml",
}
COUNTED_NOUNS = (
    "values|roles|departments|stages|KPIs|feedback channels|leadership rituals|"
    "recognition programmes|typical decisions|behaviours|more roles|more departments"
)
GRAMMAR_ERRORS = {
    "one with a plural noun": re.compile(rf"\b1 ({COUNTED_NOUNS})\b"),
    "a count of all or none": re.compile(r"\b(\d+) of our \1\b|\b0 of our\b"),
    "space before punctuation": re.compile(r"\w \s*[,.;:!?](?!\w)"),
    "a doubled comma": re.compile(r",\s*,"),
    "a list without 'and'": re.compile(r"\w, \w[^.,;:]*\.$"),
    "nested brackets": re.compile(r"\([^()]*\([^()]*\)[^()]*\)"),
}
HR_NOTES = re.compile(
    r"\b(ask|tell) HR\b|\bHR (can|adds|records|should)\b|For HR\b|in the profile\b"
    r"|`[a-z_]+`",
)


@pytest.fixture(scope="module")
def sites(shared_sites: SharedSites) -> dict[str, Site]:
    return {name: shared_sites.site(profile) for name, profile in PROFILES.items()}


def _pages(site: Site) -> Iterator[str]:
    for url in site.page_urls:
        if not url.startswith(("print/", "404")):
            yield url


def _plain_text(site: Site, url: str) -> str:
    """The article's text as a reader sees it (no separators added between tags), without
    the box for the playbook's editors on the what-changed page (the one place for them)."""
    article = copy.copy(site.article(url))  # the site's parsed pages are shared
    for box in article.select(".admonition.playbook-editors"):
        box.decompose()
    return collapse(article.get_text())


def _profile_texts(profile: Path) -> list[str]:
    texts: list[str] = []

    def walk(item: object) -> None:
        if isinstance(item, str):
            texts.append(collapse(item))
        elif isinstance(item, dict):
            for key, value in item.items():
                walk(key)
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(yaml.safe_load(profile.read_text(encoding="utf-8")))
    return sorted(texts, key=len, reverse=True)


def _generated_wording(site: Site, url: str, profile: Path) -> str:
    """Everything a page says in its own words: article, title and navigation, with the
    profile's own text taken out."""
    soup = site.soup(url)
    parts = [soup.title.get_text() if soup.title else "", site.nav_text(url)]
    parts.append(collapse(site.article(url).get_text(" ")))
    text = " ".join(parts)
    for written in _profile_texts(profile):
        text = text.replace(written, " ")
    return text


@pytest.mark.parametrize("name", PROFILES)
def test_counts_plurals_and_lists_are_grammatical(sites: dict[str, Site], name: str) -> None:
    site = sites[name]
    errors = []
    for url in _pages(site):
        article = site.article(url)
        blocks = [collapse(tag.get_text()) for tag in article.find_all(["p", "li", "td", "h2"])]
        for block in blocks:
            for label, pattern in GRAMMAR_ERRORS.items():
                if label == "a list without 'and'":
                    continue  # profile sentences may hold commas; checked on our lists below
                if pattern.search(block):
                    errors.append(f"{url}: {label}: {block[:120]}")
    assert errors == []


def test_lists_of_names_join_with_and_on_the_sample(sites: dict[str, Site]) -> None:
    text = _plain_text(sites["sample"], "roles/finance-manager/")
    assert "See what happens to customers at Choose and buy and Ride on and come back today" in text
    assert (
        "on their own pages: Tell it straight; Right first time; Own it to the end; "
        "Ride in their shoes; One team, one customer and Try, learn, improve." in text
    )


@pytest.mark.parametrize("name", PROFILES)
def test_no_sentence_is_addressed_to_hr(sites: dict[str, Site], name: str) -> None:
    site = sites[name]
    notes = [
        f"{url}: {match.group(0)}"
        for url in _pages(site)
        for match in [HR_NOTES.search(_plain_text(site, url))]
        if match
    ]
    assert notes == []


def test_the_what_changed_page_has_one_box_for_the_playbooks_editors(
    sites: dict[str, Site],
) -> None:
    [box] = sites["startup"].article("changes/").select(".admonition.playbook-editors")
    assert "playbook diff git:HEAD org_config.yml" in collapse(box.get_text())
    assert not re.search(r"\bHR\b", box.get_text())


@pytest.mark.parametrize("name", ["clinic", "startup", "guesthouse", "council"])
def test_the_customer_term_replaces_customer_everywhere(sites: dict[str, Site], name: str) -> None:
    site, profile = sites[name], PROFILES[name]
    term = yaml.safe_load(profile.read_text(encoding="utf-8"))["organisation"]["customer_term"]
    found = []
    for url in _pages(site):
        wording = _generated_wording(site, url, profile)
        for match in re.finditer(r".{0,40}\bcustomers?\b.{0,40}", wording, re.IGNORECASE):
            found.append(f"{url}: {match.group(0)}")
    assert found == []
    home = site.soup("")
    assert term["plural"] in home.find("h1").get_text()
    assert f"{term['singular'].capitalize()} journey" in site.nav_text("")
    assert f"{term['singular'].capitalize()} feedback" in site.nav_text("")


def test_the_sample_says_customers(sites: dict[str, Site]) -> None:
    assert "how we serve customers" in sites["sample"].soup("").find("h1").get_text()
    assert "Customer journey" in sites["sample"].nav_text("")


def test_pages_make_no_claim_the_data_contradicts(sites: dict[str, Site]) -> None:
    council = sites["council"]
    recognition = _plain_text(council, "recognition/")
    assert "whoever runs the program" not in recognition
    assert "We have no formal recognition programmes." in recognition
    assert "every channel below" not in _plain_text(council, "feedback/")
    assert "We have not set up any feedback channels yet." in _plain_text(council, "feedback/")
    # The startup's second value has no interview questions.
    assert "every value has interview questions" not in _plain_text(sites["startup"], "values/")
    assert "every value has interview questions" in _plain_text(sites["clinic"], "values/")
    # A channel without a cadence is named as such, not claimed to have one.
    feedback = _plain_text(sites["clinic"], "feedback/")
    assert "No cadence is agreed for Complaints." in feedback


def test_role_pages_lead_with_what_is_specific_to_the_role(sites: dict[str, Site]) -> None:
    result = measure(sites["sample"].root)
    assert result.pages == 18
    assert result.max_share <= 0.25, result
    finance = _plain_text(sites["sample"], "roles/finance-manager/")
    assert "Test ride every repaired or newly built bike" not in finance
    assert "Show every charge on an invoice or refund in words a customer understands" in finance
    mechanic = _plain_text(sites["sample"], "roles/bike-mechanic/")
    assert "Test ride every repaired or newly built bike" in mechanic


def test_role_onboarding_separates_own_steps_from_what_others_do(sites: dict[str, Site]) -> None:
    article = sites["sample"].article("roles/bike-mechanic/")
    checklist = [collapse(li.get_text()) for li in article.select("li") if li.find("input")]
    own_step = "Build five bikes to the Tillbrook build checklist, each one checked by a senior"
    assert any(item.startswith(own_step) for item in checklist)
    assert not any("Send the welcome email" in item for item in checklist)
    text = _plain_text(sites["sample"], "roles/bike-mechanic/")
    assert "Who does what for you, and when:" in text
    assert "Hiring manager: Before day 1" in text
    onboarding = sites["sample"].article("onboarding/")
    ticks = [collapse(li.get_text()) for li in onboarding.select("li") if li.find("input")]
    assert not any(item.startswith("Send the welcome email") for item in ticks)
    # A step without `who` is the phase lead's to arrange (the profile's default).
    arranged = "arranged by its lead (Hiring manager): Send the welcome email"
    assert arranged in collapse(onboarding.get_text())


def test_a_startup_without_hr_and_a_founder_without_a_manager_read_naturally(
    sites: dict[str, Site],
) -> None:
    startup = sites["startup"]
    for url in _pages(startup):
        assert not re.search(r"\bHR\b|people team", _plain_text(startup, url)), url
    founder = _plain_text(startup, "roles/founder/")
    assert "your manager" not in founder.lower()
    assert "explain it in your own words to the people who report to you" in founder
    assert "Hiring manager:" not in founder


def test_one_value_one_role_one_kpi(sites: dict[str, Site]) -> None:
    site = sites["guesthouse"]
    home = _plain_text(site, "")
    assert "1 value; 1 role." in home
    assert "1 KPI (KPI map), tied to an outcome for guests." in home
    role = _plain_text(site, "roles/host/")
    assert "What our value asks of everyone" in role or "our value yet" in role
    assert "Reporting to you" not in role


def test_ritual_guidance_fits_the_ritual_not_its_cadence(sites: dict[str, Site]) -> None:
    leadership = sites["sample"].article("leadership/")
    headings = {heading_text(h): h for h in leadership.find_all("h4")}
    one_to_ones = collapse(headings["One-to-ones"].find_next("ul").get_text())
    huddle = collapse(headings["Monday customer huddle"].find_next("ul").get_text())
    assert "let them lead" in one_to_ones
    assert "standing" not in one_to_ones
    assert "keep it short" in huddle


def test_brand_colour_and_logo(sites: dict[str, Site]) -> None:
    site = sites["clinic"]
    css = (site.root / "assets" / "playbook" / "brand.css").read_text(encoding="utf-8")
    # The built stylesheet is minified: read the declarations, with colours written in full.
    declared = {
        name: value if len(value) == 7 else "#" + "".join(2 * digit for digit in value[1:])
        for name, value in re.findall(r"(--md-primary-[a-z-]+)\s*:\s*(#[0-9a-f]{3,6})\b", css)
    }
    assert declared["--md-primary-fg-color"] == "#0a7d5a"
    assert declared["--md-primary-bg-color"] == "#ffffff"
    logo = site.soup("").select_one(".md-header__button.md-logo img")
    assert logo is not None and logo["src"].endswith("assets/playbook/brand-logo.svg")
    assert (site.root / "assets" / "playbook" / "brand-logo.svg").is_file()
    assert not (sites["sample"].root / "assets" / "playbook" / "brand.css").exists()


@pytest.mark.parametrize("colour", ["#ffcc00", "#0a7d5a", "#e91e63", "#ffffff", "#123456"])
def test_brand_palette_keeps_text_readable(colour: str) -> None:
    colours = palette(colour)
    assert contrast(colours.primary, colours.on_primary) >= 4.5
    assert contrast(colours.link, "#ffffff") >= 4.5


def test_a_missing_logo_is_a_located_error(tmp_path: Path, edited) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from playbook.cli import main

    text = edited(
        "  customers: People who walk a lot.\n",
        "  customers: People who walk a lot.\n  brand:\n    logo: logo.png\n",
    )
    path = tmp_path / "org_config.yml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}:7:5: organisation.brand.logo: no logo file at 'logo.png'" in result.output


def test_department_behaviours_must_name_a_known_department(problems, edited) -> None:  # type: ignore[no-untyped-def]
    text = edited(
        "        - Listen before answering.\n",
        "        - Listen before answering.\n"
        "      departments:\n        Customer cares: [Smile.]\n",
    )
    assert problems(text) == [
        "org_config.yml:14:9: values[0].behaviours.departments.Customer cares: unknown "
        "department 'Customer cares' (did you mean 'Customer care'?); use the department of "
        "a role"
    ]


def test_activities_may_say_who_does_them(load, edited) -> None:  # type: ignore[no-untyped-def]
    text = edited(
        "    customer_outcome: Customers recommend us.\n",
        "    customer_outcome: Customers recommend us.\n"
        "onboarding:\n  phases:\n    - id: day-1\n      name: Day 1\n"
        "      owner: Manager\n      activities:\n        - Say welcome.\n"
        "        - do: Read the values.\n          who: New hire\n",
    )
    profile = load(text)
    first, second = profile.onboarding.phases[0].activities
    assert first == "Say welcome."
    assert (second.do, second.who) == ("Read the values.", "New hire")


def test_lint_names_weak_wording_by_name(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from playbook.cli import main

    clinic = (FIXTURES / "clinic.yml").read_text(encoding="utf-8")
    text = clinic.replace("    name: Safe, every time\n", "    name: Listen first\n").replace(
        "          - Complete the surgical safety checklist out loud, with the whole team.\n",
        "          - Receptionists phone waiting patients when a clinic runs late.\n",
    )
    path = tmp_path / "org_config.yml"
    path.write_text(text, encoding="utf-8")
    shutil.copy(FIXTURES / "larchfield-logo.svg", tmp_path / "larchfield-logo.svg")
    result = CliRunner().invoke(main, ["lint", str(path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(
        ": duplicate-value-name: value 'Listen first' [safe-every-time] has the same name "
        "as [listen-first]" in line
        for line in lines
    )
    assert any(
        ": behaviour-names-other-department: a behaviour of value 'Listen first' "
        "[safe-every-time] for 'Clinical' says what 'Front desk' does; list it under "
        "roles: receptionist (or departments: Front desk)" in line
        for line in lines
    )
    assert any(
        ": channel-no-cadence: feedback channel 'Complaints' [complaints] has no cadence" in line
        for line in lines
    )
    assert any(
        ": channel-no-audience: feedback channel 'Complaints' [complaints] is shared with nobody"
        in line
        for line in lines
    )
