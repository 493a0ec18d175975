"""The diagrams as SVG: escaping, well-formed XML, links, and their size at 1, 12 and 1,000 roles.

Profiles are written as YAML and loaded with the real loader; links are made by a plain
function that marks each target, so the tests can see exactly what every box links to.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from playbook import Profile, load_profile
from playbook.diagrams import (
    index_profile,
    journey_map,
    kpi_map,
    org_chart,
    role_journey,
    role_orgchart,
)
from playbook.diagrams.svg import plain, wrap

SVG = "{http://www.w3.org/2000/svg}"
STAGES = ["discover", "buy", "use", "get-help"]


def profile_data(roles: int) -> dict:
    """A profile of ``roles`` roles: a tree with four reports per manager, 15 departments,
    every role on one or two stages, alternately customer-facing."""
    return {
        "schema_version": 1,
        "organisation": {"name": "Big Co", "mission": "Serve.", "customers": "Everyone."},
        "values": [
            {
                "id": "care",
                "name": "Care",
                "summary": "We care.",
                "behaviours": {"everyone": ["Listen."]},
            },
            {
                "id": "speed",
                "name": "Speed",
                "summary": "Fast.",
                "behaviours": {"everyone": ["Reply."]},
            },
        ],
        "journey": [
            {"id": stage, "name": stage.replace("-", " ").title(), "customer_goal": "Get on."}
            for stage in STAGES
        ],
        "roles": [
            {
                "id": f"role-{number}",
                "title": f"Role {number}",
                "department": f"Department {number % 15}",
                "customer_facing": "true" if number % 2 else "false",
                "customer_position": "Helps.",
                "touchpoints": [STAGES[number % 4], STAGES[(number + 1) % 4]][: 1 + number % 2],
                "kpis": ["nps"] if number % 3 == 0 else [],
                **({"reports_to": f"role-{(number - 1) // 4}"} if number else {}),
            }
            for number in range(roles)
        ],
        "kpis": [
            {
                "id": "nps",
                "name": "Net promoter score",
                "definition": "Survey.",
                "customer_outcome": "Customers recommend us.",
                "values": ["care", "speed"],
            },
            {
                "id": "reply",
                "name": "First reply time",
                "definition": "Minutes.",
                "customer_outcome": "An answer in < 10 min & a **real** person.",
                "values": ["speed"],
            },
        ],
    }


@pytest.fixture
def write_profile(tmp_path: Path) -> Callable[[dict], Profile]:
    def write(data: dict) -> Profile:
        path = tmp_path / "org_config.yml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return load_profile(path)

    return write


def link(target: str) -> str:
    return f"LINK/{target}"


def svgs_of(html: str) -> list[ET.Element]:
    """Every <svg> element of a diagram's HTML, parsed as XML (fails if one is not well
    formed): the journey and KPI maps have a wide and a narrow drawing."""
    found = re.findall(r"<svg .*?</svg>", html, re.DOTALL)
    assert found, "no <svg> in the diagram"
    return [ET.fromstring(svg) for svg in found]


def svg_of(html: str) -> ET.Element:
    """The first (for the maps: the wide) <svg> element of a diagram's HTML."""
    return svgs_of(html)[0]


def box_texts(svg: ET.Element) -> list[str]:
    """The text of every box (its label and note) and of every free-standing text, with
    lines joined by spaces; tooltips (``<title>``) are left out."""
    texts = []
    for element in svg:
        if element.tag in (f"{SVG}a", f"{SVG}g"):
            parts = ["".join(text.itertext()) for text in element.iter(f"{SVG}text")]
        elif element.tag == f"{SVG}text":
            parts = ["".join(element.itertext())]
        else:
            continue
        texts.append(" ".join(" ".join(parts).split()))
    return texts


def hrefs(svg: ET.Element) -> list[str]:
    return [str(a.get("href")) for a in svg.iter(f"{SVG}a")]


def size(html: str) -> int:
    return len(html.encode("utf-8"))


def test_names_are_escaped_once_and_read_back_exactly(write_profile: Callable) -> None:
    data = profile_data(3)
    data["roles"][0]["title"] = 'R&D <lead> "x"'
    data["roles"][1]["department"] = "Sales & Service"
    data["kpis"][1]["customer_outcome"] = "First reply < 10 min & <script>alert(1)</script>"
    index = index_profile(write_profile(data))

    for html in (journey_map(index, link), role_journey(index, "role-0", link)):
        assert "<lead>" not in html and "&amp;amp;" not in html
        for svg in svgs_of(html):
            assert 'R&D <lead> "x"' in " ".join(box_texts(svg))

    chart = org_chart(index, link)
    assert "<lead>" not in chart and "&amp;amp;" not in chart and "&amp;lt;" not in chart
    assert 'R&amp;D &lt;lead&gt; "x"' in chart  # text nodes escape &, < and >, once
    assert 'R&D <lead> "x" Behind the scenes · Department 0' in box_texts(svg_of(chart))
    assert any("Sales & Service" in text for text in box_texts(svg_of(chart)))

    kpis = kpi_map(index, link)
    assert "<script>" not in kpis
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in kpis and "&amp;lt;" not in kpis
    for svg in svgs_of(kpis):
        assert "First reply < 10 min & <script>alert(1)</script>" in box_texts(svg)


def test_markdown_in_profile_text_shows_as_its_words(write_profile: Callable) -> None:
    index = index_profile(write_profile(profile_data(2)))
    assert "An answer in < 10 min & a real person." in box_texts(svg_of(kpi_map(index, link)))
    assert plain("See [our site](https://example.org) **now**") == "See our site now"


def test_every_diagram_is_named_and_described(write_profile: Callable) -> None:
    index = index_profile(write_profile(profile_data(12)))
    for html in (
        journey_map(index, link),
        role_journey(index, "role-1", link),
        org_chart(index, link),
        role_orgchart(index, "role-1", link),
        kpi_map(index, link),
    ):
        ids = []
        for svg in svgs_of(html):
            assert svg.get("role") == "group"
            title_id, desc_id = svg.get("aria-labelledby"), svg.get("aria-describedby")
            assert svg.find(f"{SVG}title").get("id") == title_id
            assert svg.find(f"{SVG}desc").get("id") == desc_id
            assert svg.find(f"{SVG}desc").text
            ids += [title_id, desc_id]
        assert len(ids) == len(set(ids)), "each drawing has ids of its own"
        # The figure is named by its visible caption; nothing in it scrolls.
        figure = re.match(r"<figure [^>]*>", html).group(0)
        caption_id = re.search(r'aria-labelledby="([^"]+)"', figure).group(1)
        assert f'<figcaption id="{caption_id}">' in html
        assert "scroll" not in html
        assert "\n" not in html, "a line break could let Markdown read part of it as text"


def test_one_role(write_profile: Callable) -> None:
    index = index_profile(write_profile(profile_data(1)))
    for journey in svgs_of(journey_map(index, link)):
        assert hrefs(journey).count("LINK/roles/role-0.md") == 1
        # The one role works behind the scenes: no lane of people who meet the customer,
        # and no placeholder where nobody is.
        texts = box_texts(journey)
        assert "Shape it behind the scenes" in texts and "Meet the customer here" not in texts
        assert not any("Nobody" in text for text in texts)
    chart = svg_of(org_chart(index, link))
    assert hrefs(chart) == ["LINK/roles/role-0.md"]
    # A role without a manager or reports has no chart of its own.
    assert role_orgchart(index, "role-0", link) == ""


def test_twelve_roles_are_drawn_by_name_with_links(write_profile: Callable) -> None:
    profile = write_profile(profile_data(12))
    index = index_profile(profile)
    journey = svg_of(journey_map(index, link))
    stage_links = [f"#stage-{stage}" for stage in STAGES]
    for role in profile.roles:
        expected = len(role.touchpoints)
        assert hrefs(journey).count(f"LINK/roles/{role.id}.md") == expected, role.id
    assert [h for h in hrefs(journey) if h.startswith("#")] == stage_links

    chart = svg_of(org_chart(index, link))
    assert hrefs(chart) == [f"LINK/roles/{role.id}.md" for role in _outline_order(profile)]
    texts = box_texts(chart)
    assert "Role 1 Customer-facing · Department 1" in texts
    assert "Role 2 Behind the scenes · Department 2" in texts

    own = svg_of(role_orgchart(index, "role-1", link))
    assert hrefs(own) == [
        "LINK/roles/role-0.md",
        *(f"LINK/roles/role-{n}.md" for n in (5, 6, 7, 8)),
    ]
    assert "Role 1 This role · Department 1" in box_texts(own)

    mine = svg_of(role_journey(index, "role-1", link))
    highlighted = [
        element for element in mine.iter(f"{SVG}rect") if "pb-column-self" in element.get("class")
    ]
    assert len(highlighted) == len(profile.roles[1].touchpoints)
    assert "LINK/roles/role-1.md" not in hrefs(mine)  # the reader's own box is no link

    kpis = svg_of(kpi_map(index, link))
    assert hrefs(kpis) == [
        "LINK/values/care.md",
        "LINK/values/speed.md",
        "LINK/kpis.md#kpi-nps",
        "LINK/kpis.md#kpi-reply",
    ]
    assert "Net promoter score Owned by Role 0, Role 3 and 2 more" in box_texts(kpis)
    assert "First reply time No owner yet" in box_texts(kpis)


def _outline_order(profile: Profile) -> list:
    children: dict[str | None, list] = {}
    for role in profile.roles:
        children.setdefault(role.reports_to, []).append(role)
    order: list = []

    def visit(role) -> None:
        order.append(role)
        for child in children.get(role.id, []):
            visit(child)

    for root in children[None]:
        visit(root)
    return order


def test_a_thousand_roles_are_summed_up_by_department(write_profile: Callable) -> None:
    profile = write_profile(profile_data(1000))
    index = index_profile(profile)

    journey_html = journey_map(index, link)
    journey = svg_of(journey_html)
    assert not any(h.startswith("LINK/roles/role-") for h in hrefs(journey))
    assert "LINK/roles/index.md#department-1" in hrefs(journey)
    assert any(re.fullmatch(r"Department \d+ \d+ roles", text) for text in box_texts(journey))
    assert size(journey_html) < 60_000

    chart_html = org_chart(index, link)
    chart = svg_of(chart_html)
    assert len(hrefs(chart)) == 15  # one box per department
    assert "1000 roles" not in chart_html
    assert size(chart_html) < 20_000

    # Role pages stay small: counts instead of names, at most 12 reports drawn.
    for role_id in ("role-0", "role-1", "role-999"):
        assert size(role_journey(index, role_id, link)) < 8_000
        chart = role_orgchart(index, role_id, link)
        assert size(chart) < 8_000
    mine = svg_of(role_journey(index, "role-1", link))
    assert any(re.fullmatch(r"\d+ other roles", text) for text in box_texts(mine))


def test_many_reports_are_counted_beyond_twelve(write_profile: Callable) -> None:
    data = profile_data(30)
    for role in data["roles"][1:]:
        role["reports_to"] = "role-0"
    index = index_profile(write_profile(data))
    chart = svg_of(role_orgchart(index, "role-0", link))
    assert len(hrefs(chart)) == 12
    assert "and 18 more roles" in box_texts(chart)


def test_long_names_wrap_and_keep_their_full_text_as_a_tooltip(write_profile: Callable) -> None:
    data = profile_data(2)
    data["roles"][1]["title"] = "Senior regional coordinator of customer experience " * 2
    index = index_profile(write_profile(data))
    svg = svg_of(org_chart(index, link))
    titles = [element.text for element in svg.iter(f"{SVG}title")]
    assert any(text and text.startswith("Senior regional coordinator") for text in titles[1:])
    lines, cut = wrap("one two three four five six", 9, 2)
    assert lines == ["one two", "three…"] and cut
    assert wrap("supercalifragilistic", 8, 3)[0] == ["superca-", "lifragi-", "listic"]


def stage_rows(svg: ET.Element) -> list[int]:
    """How many stage boxes each row of a journey drawing has, top to bottom."""
    tops: dict[float, int] = {}
    for rect in svg.iter(f"{SVG}rect"):
        if "pb-stage" in rect.get("class", ""):
            top = float(rect.get("y"))
            tops[top] = tops.get(top, 0) + 1
    return [tops[top] for top in sorted(tops)]


@pytest.mark.parametrize(
    ("stages", "wide_rows"), [(1, [1]), (3, [3]), (5, [3, 2]), (7, [4, 3]), (12, [4, 4, 4])]
)
def test_journey_stages_wrap_into_rows_that_fit_a_desktop_and_a_phone(
    write_profile: Callable, stages: int, wide_rows: list[int]
) -> None:
    data = profile_data(12)
    names = [
        "Terminvereinbarung",
        "Patientenaufnahme und Anamnese",
        "Kostenvoranschlagserläuterung",
    ]
    data["journey"] = [
        {"id": f"s{n}", "name": names[n % 3], "customer_goal": "Get on."} for n in range(stages)
    ]
    for number, role in enumerate(data["roles"]):
        role["touchpoints"] = [f"s{number % stages}"]
    index = index_profile(write_profile(data))
    for html in (journey_map(index, link), role_journey(index, "role-1", link)):
        wide, narrow = svgs_of(html)
        assert "pb-svg--wide" in wide.get("class") and "pb-svg--narrow" in narrow.get("class")
        # Drawn at the width of the content column (688 px at a 1280 px window) and of a
        # phone's (328 px at 360 px), so the text is shown at the size it is drawn.
        assert (wide.get("width"), wide.get("viewBox").split()[2]) == ("680", "680")
        assert (narrow.get("width"), narrow.get("viewBox").split()[2]) == ("320", "320")
        assert stage_rows(wide) == wide_rows
        assert stage_rows(narrow) == [1] * stages
        for svg in (wide, narrow):
            texts = box_texts(svg)
            for number in range(stages):
                label = f"{number + 1}. {names[number % 3]}"
                # Whole (a long word is broken with a hyphen), never cut with "…".
                assert any(text.replace("- ", "") == label for text in texts), (label, texts)
            assert not any("…" in text for text in texts)
