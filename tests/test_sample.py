"""The sample profile and the published JSON Schema stay true."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from click.testing import CliRunner

from playbook.cli import main
from playbook.profile.lint import lint_file
from playbook.profile.load import load_profile
from playbook.profile.model import profile_json_schema

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "org_config.yml"
SCHEMA_FILE = ROOT / "schema" / "org-profile.schema.json"


def _plain(data: Any) -> Any:
    """YAML data as JSON would hold it (dates as ISO text), for the JSON Schema."""
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(item) for item in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def test_sample_is_a_realistic_organisation() -> None:
    profile = load_profile(SAMPLE)
    assert len(profile.values) >= 6
    assert len(profile.roles) >= 15
    assert len({role.department for role in profile.roles}) >= 5
    assert {role.customer_facing for role in profile.roles} == {True, False}
    assert len(profile.journey) >= 5
    assert len(profile.kpis) >= 8
    assert profile.onboarding and profile.recognition.programs and profile.feedback_channels
    assert profile.leadership.rituals and profile.changelog


def test_sample_has_no_coverage_gaps() -> None:
    assert lint_file(SAMPLE) == []


def test_sample_points_editors_at_the_schema() -> None:
    first_line = SAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./schema/org-profile.schema.json"


def test_published_schema_matches_the_models() -> None:
    printed = CliRunner().invoke(main, ["schema"]).output
    assert json.loads(printed) == profile_json_schema()
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == profile_json_schema(), (
        "regenerate with: playbook schema > schema/org-profile.schema.json"
    )


def test_schema_accepts_the_sample_and_rejects_a_misspelled_key() -> None:
    validator = jsonschema.Draft202012Validator(profile_json_schema())
    data = _plain(yaml.safe_load(SAMPLE.read_text(encoding="utf-8")))
    assert list(validator.iter_errors(data)) == []
    data["roles"][0]["titel"] = data["roles"][0].pop("title")
    messages = [error.message for error in validator.iter_errors(data)]
    assert "'title' is a required property" in messages
    assert any("'titel' was unexpected" in message for message in messages)
