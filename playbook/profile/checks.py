"""Turn loaded YAML into a Profile, reporting every problem at once with its position.

Two passes run on every load and their problems are merged and sorted by line:
pydantic's validation (types, required and unknown fields), whose error locations
are mapped back to lines; and the cross-reference checks (unique ids, references
to known ids, no reporting cycles), which run on the raw data so a type error in
one role never hides a bad reference in another.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from playbook.errors import Problem, ProfileError
from playbook.profile.brand import logo_problem_at
from playbook.profile.model import (
    ACTIVITY_FORMS,
    SLUG_PATTERN,
    Activity,
    Onboarding,
    OnboardingPhase,
    Profile,
)
from playbook.profile.reader import (
    MAX_REPORTED,
    LoadedYaml,
    Path_,
    parse_yaml_bytes,
    read_file_bytes,
    read_yaml_file,
)

SUPPORTED_SCHEMA_VERSION = 1
DEFAULT_ONBOARDING_FILE = Path(__file__).parent / "default_onboarding.yml"


def validate_loaded(loaded: LoadedYaml) -> Profile:
    """Validate loaded YAML as a profile, or raise ProfileError listing every problem."""
    data = loaded.data
    if not isinstance(data, dict):
        kind = _describe(data)
        raise ProfileError(
            [
                loaded.problem(
                    (),
                    f"the top level must be a mapping of sections "
                    f"(schema_version, organisation, values, roles, "
                    f"...), not {kind}",
                )
            ]
        )
    version_problem = _check_schema_version(loaded)
    if version_problem:
        raise ProfileError([version_problem])
    problems: list[Problem] = []
    profile: Profile | None = None
    try:
        profile = Profile.model_validate(data)
    except ValidationError as error:
        errors = error.errors(include_url=False)
        unknown = [item for item in errors if item["type"] == "extra_forbidden"]
        # Each unknown field is compared with its section's fields, so past a few the
        # rest are counted, not listed: 200,000 of them are a paste or an indentation slip.
        unknown.sort(key=lambda item: _line_and_column(loaded, _location(item)))
        listed, unlisted = unknown[:MAX_REPORTED], unknown[MAX_REPORTED:]
        # A misspelt field also makes the real one "missing": report the typo only.
        suggested = {_suggestion(item["loc"]) for item in listed}
        problems.extend(
            _translate(loaded, item)
            for item in errors
            if item["type"] != "extra_forbidden"
            and not (item["type"] == "missing" and tuple(item["loc"]) in suggested)
        )
        problems.extend(_translate(loaded, item) for item in listed)
        if unlisted:
            problems.append(
                loaded.problem(
                    _location(unlisted[0]),
                    f"and {len(unlisted):,} more unknown fields from here on, "
                    "not listed one by one",
                )
            )
    problems.extend(_reference_problems(loaded))
    if problems:
        raise ProfileError(_unique([*problems, *loaded.warnings]))
    assert profile is not None
    return profile


def load_checked(path: Path, display_name: str | None = None) -> tuple[Profile, LoadedYaml]:
    """Load a profile file and keep its source, for tools that report positions (lint)."""
    name = display_name or str(path)
    loaded = parse_yaml_bytes(read_file_bytes(path, name), name)
    profile = validate_loaded(loaded)
    logo_problem = logo_problem_at(profile, loaded, path.parent)
    if logo_problem:
        raise ProfileError([logo_problem])
    return profile, loaded


@cache
def default_onboarding() -> Onboarding:
    """The onboarding plan used when a profile has none of its own."""
    loaded = read_yaml_file(DEFAULT_ONBOARDING_FILE)
    return Onboarding.model_validate(loaded.data)


# Words in the default plan's own (English) text that need a part of the profile: a step
# about KPIs or the journey map would be false for an organisation that has none.
_DEFAULT_PLAN_NEEDS = (("KPI", "kpis"), ("journey", "journey"))


def fit_default_plan(phases: list[OnboardingPhase], profile: Profile) -> list[OnboardingPhase]:
    """The default plan without the goals and steps about parts the profile lacks."""
    missing = [word for word, section in _DEFAULT_PLAN_NEEDS if not getattr(profile, section)]
    if not missing:
        return phases

    def needed(text: str) -> bool:
        return not any(word in text for word in missing)

    fitted = []
    for phase in phases:
        activities = [
            item
            for item in phase.activities
            if needed(item.do if isinstance(item, Activity) else item)
        ]
        goals = [goal for goal in phase.goals if needed(goal)]
        fitted.append(phase.model_copy(update={"activities": activities, "goals": goals}))
    return fitted


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))  # ProfileError sorts them


def _check_schema_version(loaded: LoadedYaml) -> Problem | None:
    version = loaded.data.get("schema_version")
    if version is None or not isinstance(version, str):
        return None  # missing or malformed: pydantic reports it with the other problems
    text = version.strip()
    if not text.isdigit() or int(text) != SUPPORTED_SCHEMA_VERSION:
        return loaded.problem(
            ("schema_version",),
            f"version '{text}' is not supported; this version of playbook reads "
            f"version {SUPPORTED_SCHEMA_VERSION}",
        )
    return None


# --- pydantic errors -> located problems -------------------------------------------------


def _line_and_column(loaded: LoadedYaml, path: Path_) -> tuple[int, int]:
    where = loaded.position(path)
    return where.line, where.column


def _location(error: Any) -> Path_:
    """A pydantic error's location as a data path of the profile."""
    return tuple(part for part in error["loc"] if part != "[key]" and part not in ACTIVITY_FORMS)


def _translate(loaded: LoadedYaml, error: Any) -> Problem:
    loc = _location(error)
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        parent, field = loc[:-1], loc[-1]
        noun = "section" if not parent else "field"
        return loaded.problem(parent, f"missing required {noun} '{field}'")
    if kind == "extra_forbidden":
        return loaded.problem(loc, _unknown_field_message(loc))
    if "[key]" in error["loc"]:
        return _key_problem(loaded, loc, value)
    return loaded.problem(loc, _message(kind, value, ctx, error["msg"], loc))


def _key_problem(loaded: LoadedYaml, loc: Path_, key: Any) -> Problem:
    return loaded.problem(loc, f"'{key}' is not a valid id: {_SLUG_RULE}{_slug_hint(key)}")


_SLUG_RULE = "use lowercase letters, digits and hyphens, starting with a letter or digit"


def _colour_hint(text: Any) -> str:
    """'#fff' -> " (did you mean '#ffffff'?)": the short CSS form, written out."""
    if isinstance(text, str) and re.fullmatch(r"#?[0-9A-Fa-f]{3}", text.strip()):
        short = text.strip().lstrip("#")
        return f" (did you mean '#{''.join(digit * 2 for digit in short)}'?)"
    if isinstance(text, str) and re.fullmatch(r"[0-9A-Fa-f]{6}", text.strip()):
        return f" (did you mean '#{text.strip()}'?)"
    return ", e.g. '#1a7f5a'"


def _slug_hint(text: Any) -> str:
    if not isinstance(text, str):
        return ""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:64]
    return f" (e.g. '{slug}')" if slug and slug != text else ""


def _message(kind: str, value: Any, ctx: dict[str, Any], fallback: str, loc: Path_) -> str:
    described = _describe(value)
    if kind == "string_type":
        if value is None:
            return "is empty; write some text here"
        return f"expected text, got {described}"
    if kind == "list_type":
        if value is None:
            return "is empty; write a list here ('- item' lines) or remove the line"
        return f"expected a list ('- item' lines), got {described}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if value is None:
            return "is empty; write its fields below it, indented ('name: value' lines)"
        return f"expected fields ('name: value' lines, indented below), got {described}"
    if kind == "string_pattern_mismatch":
        if loc and loc[-1] == "language":
            return f"'{value}' is not a BCP 47 language tag, e.g. 'en', 'fr' or 'de-CH'"
        if loc and loc[-1] == "colour":
            return f"'{value}' is not a colour written as #RRGGBB{_colour_hint(value)}"
        return f"'{value}' is not a valid id: {_SLUG_RULE}{_slug_hint(value)}"
    if kind == "string_too_short":
        return "is empty; write some text here"
    if kind == "string_too_long":
        return f"is longer than {ctx.get('max_length')} characters; shorten it"
    if kind == "too_short":
        minimum = ctx.get("min_length", 1)
        return f"needs at least {minimum} item{'s' if minimum != 1 else ''}"
    if kind == "too_long":
        return f"may have at most {ctx.get('max_length')} items, found {ctx.get('actual_length')}"
    if kind in ("bool_type", "bool_parsing"):
        return f"must be true or false, got {described}"
    if kind in ("int_type", "int_parsing"):
        return f"must be a whole number, got {described}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')} (got {value})"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')} (got {value})"
    if kind == "literal_error":
        expected = re.findall(r"'([^']+)'", str(ctx.get("expected", "")))
        match = difflib.get_close_matches(str(value), expected, n=1, cutoff=0.5)
        hint = f" (did you mean '{match[0]}'?)" if match else f"; one of: {', '.join(expected)}"
        what = "rule" if loc and loc[-1] == "rule" else "value"
        return f"unknown {what} '{value}'{hint}"
    if kind == "value_error":
        return str(ctx.get("error", fallback))
    if kind.startswith("date"):
        return f"must be a date written as YYYY-MM-DD, got {described}"
    return fallback


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{shown}'"
    return f"'{value}'"


def _suggestion(loc: Any) -> Path_ | None:
    """The path of the field a misspelt key most likely meant, if any."""
    field = str(loc[-1])
    match = difflib.get_close_matches(field, sorted(_fields_at(tuple(loc[:-1]))), n=1, cutoff=0.6)
    return (*loc[:-1], match[0]) if match else None


def _unknown_field_message(loc: Path_) -> str:
    field = str(loc[-1])
    allowed = sorted(_fields_at(loc[:-1]))
    message = f"unknown field '{field}'"
    match = difflib.get_close_matches(field, allowed, n=1, cutoff=0.6)
    if match:
        return f"{message} (did you mean '{match[0]}'?)"
    if allowed:
        return f"{message}; allowed here: {', '.join(allowed)}"
    return message


def _fields_at(path: Path_) -> set[str]:
    """The field names the model at a data path accepts (empty if it is not a model)."""
    current: Any = Profile
    for part in path:
        current = _unwrap(current)
        if isinstance(part, str) and _is_model(current):
            field = current.model_fields.get(part)
            if field is None:
                return set()
            current = field.annotation
        else:
            args = [arg for arg in typing.get_args(current) if arg is not type(None)]
            current = args[-1] if args else None
    current = _unwrap(current)
    return set(current.model_fields) if _is_model(current) else set()


def _unwrap(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return _unwrap(options[0]) if len(options) == 1 else annotation
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


# --- cross references -------------------------------------------------------------------

_SECTION_LABELS = {
    "values": "value",
    "journey": "journey stage",
    "roles": "role",
    "kpis": "KPI",
    "phases": "onboarding phase",
    "programs": "recognition program",
    "feedback_channels": "feedback channel",
}


def _list_at(data: Any, *keys: str) -> list[Any]:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, list) else []


def _entries(data: Any, *keys: str) -> Iterator[tuple[Path_, dict[str, Any]]]:
    for index, item in enumerate(_list_at(data, *keys)):
        if isinstance(item, dict):
            yield (*keys, index), item


def _reference_problems(loaded: LoadedYaml) -> list[Problem]:
    data = loaded.data
    problems: list[Problem] = []
    known: dict[str, list[str]] = {}
    for keys in (
        ("values",),
        ("journey",),
        ("roles",),
        ("kpis",),
        ("onboarding", "phases"),
        ("recognition", "programs"),
        ("feedback_channels",),
    ):
        known[keys[-1]] = _collect_ids(loaded, keys, problems)
    if not isinstance(data.get("onboarding"), dict):
        known["phases"] = [phase.id for phase in default_onboarding().phases]

    def check(path: Path_, ref: Any, section: str) -> None:
        if isinstance(ref, str) and ref not in known[section]:
            problems.append(loaded.problem(path, _unknown_ref(ref, section, known[section])))

    for path, role in _entries(data, "roles"):
        for index, ref in enumerate(_as_list(role.get("touchpoints"))):
            check((*path, "touchpoints", index), ref, "journey")
        touchpoints = _as_list(role.get("touchpoints"))
        for index, ref in enumerate(_as_list(role.get("behind_the_scenes"))):
            check((*path, "behind_the_scenes", index), ref, "journey")
            if isinstance(ref, str) and ref in known["journey"] and ref not in touchpoints:
                problems.append(
                    loaded.problem(
                        (*path, "behind_the_scenes", index),
                        f"'{ref}' is not among this role's touchpoints; add it to "
                        "touchpoints as well (behind_the_scenes says how the role shapes "
                        "a stage it is on)",
                    )
                )
        for index, ref in enumerate(_as_list(role.get("kpis"))):
            check((*path, "kpis", index), ref, "kpis")
        in_action = role.get("values_in_action")
        for key in in_action if isinstance(in_action, dict) else {}:
            check((*path, "values_in_action", key), key, "values")
        for index, item in enumerate(_as_list(role.get("onboarding"))):
            if isinstance(item, dict):
                check((*path, "onboarding", index, "phase"), item.get("phase"), "phases")
        check((*path, "reports_to"), role.get("reports_to"), "roles")
    for path, kpi in _entries(data, "kpis"):
        for index, ref in enumerate(_as_list(kpi.get("values"))):
            check((*path, "values", index), ref, "values")
    for path, program in _entries(data, "recognition", "programs"):
        for index, ref in enumerate(_as_list(program.get("values"))):
            check((*path, "values", index), ref, "values")
    for path, channel in _entries(data, "feedback_channels"):
        check((*path, "owner"), channel.get("owner"), "roles")
    organisation = data.get("organisation")
    if isinstance(organisation, dict):
        check(("organisation", "owner"), organisation.get("owner"), "roles")
    for section in ("values", "roles", "kpis"):
        for path, item in _entries(data, section):
            check((*path, "owner"), item.get("owner"), "roles")
    for path, value in _entries(data, "values"):
        behaviours = value.get("behaviours")
        named = behaviours.get("roles") if isinstance(behaviours, dict) else None
        for key in named if isinstance(named, dict) else {}:
            check((*path, "behaviours", "roles", key), key, "roles")
    problems.extend(_attendee_problems(loaded, known["roles"]))
    problems.extend(_reporting_cycles(loaded, set(known["roles"])))
    problems.extend(_former_id_problems(loaded))
    problems.extend(_department_problems(loaded))
    return problems


def _former_id_problems(loaded: LoadedYaml) -> list[Problem]:
    """A former id may not be a current id of its section, nor listed twice.

    Either would give two pages (or a page and a redirect) the same address.
    """
    problems: list[Problem] = []
    for section in ("values", "roles"):  # the sections whose items have a page
        items = list(_entries(loaded.data, section))
        current = {item.get("id") for _, item in items if isinstance(item.get("id"), str)}
        first_use: dict[str, tuple[Path_, str]] = {}
        for path, item, index, former in _former_ids(items):
            where = (*path, "former_ids", index)
            owner = item.get("id")
            label = section.removesuffix("s")
            if former == "index":
                message = (
                    f"'index' is the address of the {section} overview; it cannot be a former id"
                )
                problems.append(loaded.problem(where, message))
            elif former in current:
                problems.append(
                    loaded.problem(
                        where,
                        f"'{former}' is the id of a current {label}; a former id must be an id "
                        "that is no longer used",
                    )
                )
            elif former in first_use:
                earlier_path, earlier_owner = first_use[former]
                line = loaded.position(earlier_path).line
                whose = (
                    f"this {label}" if earlier_owner == owner else f"the {label} '{earlier_owner}'"
                )
                problems.append(
                    loaded.problem(
                        where,
                        f"former id '{former}' is already listed for {whose} (line {line}); "
                        "an old address can lead to one page only",
                    )
                )
            else:
                first_use[former] = (where, str(owner))
    return problems


def _former_ids(
    items: list[tuple[Path_, dict[str, Any]]],
) -> Iterator[tuple[Path_, dict[str, Any], int, str]]:
    for path, item in items:
        formers = item.get("former_ids")
        for index, former in enumerate(formers if isinstance(formers, list) else []):
            if isinstance(former, str):
                yield path, item, index, former


def _department_problems(loaded: LoadedYaml) -> list[Problem]:
    """Department behaviours must name a department some role belongs to."""
    departments = sorted(
        {
            role["department"].strip()
            for _, role in _entries(loaded.data, "roles")
            if isinstance(role.get("department"), str)
        }
    )
    problems = []
    for path, value in _entries(loaded.data, "values"):
        behaviours = value.get("behaviours")
        named = behaviours.get("departments") if isinstance(behaviours, dict) else None
        for key in named if isinstance(named, dict) else {}:
            if not isinstance(key, str) or key.strip() in departments:
                continue
            match = difflib.get_close_matches(key, departments, n=1, cutoff=0.6)
            hint = f" (did you mean '{match[0]}'?)" if match else ""
            if not departments:
                hint = ": no role names a department"
            problems.append(
                loaded.problem(
                    (*path, "behaviours", "departments", key),
                    f"unknown department '{key}'{hint}; use the department of a role",
                )
            )
    return problems


ATTENDEE_KEYWORDS = ("everyone", "leaders")


def _attendee_problems(loaded: LoadedYaml, role_ids: list[str]) -> list[Problem]:
    """A ritual's attendees, and whom an onboarding phase applies to, are role ids,
    department names, 'everyone' or 'leaders'."""
    departments = sorted(
        {
            role["department"].strip()
            for _, role in _entries(loaded.data, "roles")
            if isinstance(role.get("department"), str)
        }
    )
    known = {*role_ids, *departments, *ATTENDEE_KEYWORDS}
    candidates = [*ATTENDEE_KEYWORDS, *role_ids, *departments]
    problems = []
    rituals = _entries(loaded.data, "leadership", "rituals")
    phases = _entries(loaded.data, "onboarding", "phases")
    groups = [(path, "attendees", ritual) for path, ritual in rituals]
    groups += [(path, "applies_to", phase) for path, phase in phases]
    for path, key, item in groups:
        for index, name in enumerate(_as_list(item.get(key))):
            if not isinstance(name, str) or name.strip() in known:
                continue
            match = difflib.get_close_matches(name.strip(), candidates, n=1, cutoff=0.6)
            hint = f" (did you mean '{match[0]}'?)" if match else ""
            problems.append(
                loaded.problem(
                    (*path, key, index),
                    f"'{name}' is neither a role id, a department, 'everyone' nor 'leaders'{hint}",
                )
            )
    return problems


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _collect_ids(loaded: LoadedYaml, keys: tuple[str, ...], problems: list[Problem]) -> list[str]:
    seen: dict[str, Path_] = {}
    for path, item in _entries(loaded.data, *keys):
        item_id = item.get("id")
        if not isinstance(item_id, str):
            continue
        if item_id in _RESERVED_IDS and keys[0] in ("values", "roles"):
            problems.append(
                loaded.problem(
                    (*path, "id"),
                    f"the id '{item_id}' is reserved for the {keys[0]} overview "
                    "page; choose another id",
                )
            )
        if item_id in WINDOWS_RESERVED_NAMES and keys[0] in ("values", "roles"):
            problems.append(
                loaded.problem(
                    (*path, "id"),
                    f"the id '{item_id}' names a device on Windows, so its page could not be "
                    f"copied to a Windows share; choose another id (e.g. '{item_id}-1')",
                )
            )
        if item_id in seen:
            first = loaded.position((*seen[item_id], "id")).line
            label = _SECTION_LABELS[keys[-1]]
            problems.append(
                loaded.problem(
                    (*path, "id"), f"duplicate {label} id '{item_id}' (first used on line {first})"
                )
            )
        else:
            seen[item_id] = path
    return list(seen)


_RESERVED_IDS = {"index"}
WINDOWS_RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in range(10)}
)
"""Ids that would become page folders Windows cannot create (``roles/con/``)."""


def _unknown_ref(ref: str, section: str, candidates: list[str]) -> str:
    label = _SECTION_LABELS[section]
    candidates = [candidate for candidate in candidates if re.fullmatch(SLUG_PATTERN, candidate)]
    if not candidates:
        return f"unknown {label} '{ref}': the profile defines no {label}s"
    match = difflib.get_close_matches(ref, candidates, n=1, cutoff=0.6)
    hint = f" (did you mean '{match[0]}'?)" if match else ""
    return f"unknown {label} '{ref}'{hint}"


def _reporting_cycles(loaded: LoadedYaml, role_ids: set[str]) -> list[Problem]:
    boss: dict[str, str] = {}
    where: dict[str, Path_] = {}
    for path, role in _entries(loaded.data, "roles"):
        role_id, reports_to = role.get("id"), role.get("reports_to")
        if isinstance(role_id, str) and isinstance(reports_to, str) and reports_to in role_ids:
            boss.setdefault(role_id, reports_to)
            where.setdefault(role_id, (*path, "reports_to"))
    problems: list[Problem] = []
    reported: set[str] = set()
    for start in boss:
        chain: list[str] = []
        current: str | None = start
        while current is not None and current not in chain and current not in reported:
            chain.append(current)
            current = boss.get(current)
        if current is not None and current in chain:
            cycle = chain[chain.index(current) :]
            reported.update(cycle)
            first = min(cycle, key=lambda role_id: loaded.position(where[role_id]).line)
            if len(cycle) == 1:
                message = "a role cannot report to itself"
            else:
                start = cycle.index(first)
                loop = " -> ".join([*cycle[start:], *cycle[:start], first])
                message = f"reporting cycle: {loop}"
            problems.append(loaded.problem(where[first], message))
        reported.update(chain)
    return problems


__all__ = ["default_onboarding", "load_checked", "validate_loaded"]
