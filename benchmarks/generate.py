"""Generate realistic, valid org profiles of any size for the scale benchmarks.

The output is deterministic for a given number of roles and seed, so runs on
different days (or machines) build exactly the same playbook. Text lengths follow
the sample ``org_config.yml``: a role's customer position is about 190 characters,
a decision about 50, a behaviour about 100, and so on.

Usage::

    python benchmarks/generate.py 1000 > org_config.yml
    python benchmarks/generate.py 1000 --seed 7 --output big/org_config.yml
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

import yaml

DEFAULT_SEED = 20_260_302

# --- word material ----------------------------------------------------------------------------

_VERBS = [
    "Check",
    "Explain",
    "Agree",
    "Review",
    "Share",
    "Call back",
    "Write down",
    "Confirm",
    "Follow up on",
    "Walk through",
    "Test",
    "Ask about",
    "Record",
    "Fix",
    "Plan",
    "Hand over",
]
_OBJECTS = [
    "every open complaint",
    "the customer's order",
    "the delivery date you promised",
    "the quote and the final price",
    "what the customer actually needs",
    "the handover notes for the next shift",
    "the survey comments for your team",
    "each returned item",
    "the booking calendar",
    "the stock shown on the website",
    "the reason for any delay",
    "the checklist for the job",
    "the customer's history with us",
    "the refund or credit you offered",
    "the next step and who owns it",
    "the price of any extra work",
]
_WHEN = [
    "before the end of the day",
    "within two working days",
    "before the customer has to ask",
    "at the start of every shift",
    "as soon as you know",
    "before anything ships",
    "every Monday",
    "before you close the case",
    "during the weekly huddle",
    "in plain words",
    "with a named owner",
    "while the customer is still with you",
]
_WHY = [
    "so the customer never has to chase us",
    "because a second trip costs the customer far more than it costs us",
    "so nobody has to repeat their story",
    "so the date we give is one we keep",
    "because customers remember how a problem was handled",
    "so the next colleague can act without phoning you",
    "because trust is built one kept promise at a time",
    "so small problems never become complaints",
    "because the customer cannot see inside our processes",
    "so that the price the customer pays is the price we quoted",
]
_CUSTOMERS = [
    "commuters",
    "families",
    "first-time buyers",
    "small business customers",
    "older customers coming back to us",
    "customers who order online",
    "employers on our corporate scheme",
    "customers with a complaint",
    "regular customers",
    "customers waiting for a repair",
]
_EFFECTS = [
    "how quickly they get an answer",
    "whether the price they pay matches the quote",
    "how often a job has to come back",
    "whether orders arrive complete and on time",
    "how honest and unhurried their advice is",
    "how easy it is to book, pay and collect",
    "whether a problem is solved the first time",
    "how confident they feel using what they bought",
    "whether they hear about a delay before it hits them",
    "how welcome they feel in our shops and on our website",
]
_DECISIONS = [
    "Which date to promise for a job",
    "Whether to accept an extra same-day request",
    "How to settle a complaint",
    "Which supplier to use for a part",
    "How many staff to roster on a Saturday",
    "Whether to offer a goodwill credit",
    "Which items to stock for the season",
    "When to escalate a case",
    "How to word a customer message",
    "Whether to change a process step",
    "Which fixes to prioritise this week",
    "How to split the budget across teams",
]
_QUESTIONS = [
    "Can we really keep this promise, and if not, what honest date can we give?",
    "What would put this right for the customer today, without them asking twice?",
    "Which customers would notice this change, and would they thank us for it?",
    "Does this make the customer's next step easier or harder?",
    "Would we be comfortable explaining this choice to the customer face to face?",
    "Which option gets the customer back on track soonest?",
    "Are we solving the customer's problem or only our own?",
    "What did customers tell us last time we faced this choice?",
]
_SENIORITY = ["", "Senior ", "Lead ", "Assistant ", "Principal ", "Junior ", "Trainee "]
_FUNCTIONS = [
    "Sales Adviser",
    "Mechanic",
    "Customer Care Adviser",
    "Warehouse Operative",
    "Delivery Driver",
    "Buyer",
    "Store Manager",
    "Accountant",
    "Software Engineer",
    "Data Analyst",
    "Marketing Specialist",
    "People Partner",
    "Trainer",
    "Planner",
    "Quality Inspector",
    "Product Owner",
    "Designer",
    "Service Coordinator",
    "Payroll Officer",
    "Facilities Technician",
]
_DEPARTMENT_BASES = [
    "Shops",
    "Workshop",
    "Customer Care",
    "Warehouse",
    "Delivery",
    "Online",
    "Marketing",
    "Finance",
    "IT",
    "People",
    "Buying",
    "Quality",
    "Facilities",
    "Corporate Sales",
    "Training",
]
_REGIONS = ["North", "South", "East", "West", "Central", "Coast", "Valley", "City", "Harbour"]
_VALUE_NAMES = [
    "Tell it straight",
    "Right first time",
    "Own it to the end",
    "Walk in their shoes",
    "One team, one customer",
    "Try, learn, improve",
    "Keep it simple",
    "Make it personal",
    "Earn trust every day",
    "Care for the details",
    "Speak up early",
    "Leave it better",
]
_STAGE_NAMES = [
    "Discover and get advice",
    "Choose and buy",
    "Receive the order",
    "Settle in",
    "Get help and repairs",
    "Come back and recommend",
]
_PHASES = [
    ("before-day-1", "Before day 1", "Hiring manager"),
    ("day-1", "Day 1", "Line manager"),
    ("week-1", "Week 1", "Buddy"),
    ("day-30", "First 30 days", "Line manager"),
    ("day-60", "Day 60", "Line manager"),
    ("day-90", "Day 90", "Line manager with the People Partner"),
]


def slugify(text: str) -> str:
    """Lowercase words joined by hyphens, as profile ids are written."""
    slug = "".join(char if char.isalnum() else "-" for char in text.lower())
    return "-".join(part for part in slug.split("-") if part)[:64].rstrip("-")


class _Writer:
    """Sentences of roughly a target length, from a seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def behaviour(self, target: int = 100) -> str:
        """An imperative sentence such as the behaviours in the sample profile."""
        rng = self.rng
        text = f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_WHEN)}"
        if len(text) < target - 30:
            text += f", {rng.choice(_WHY)}"
        return text + "."

    def statement(self, target: int) -> str:
        """Descriptive text of about ``target`` characters (one or more sentences)."""
        rng = self.rng
        sentences: list[str] = []
        while sum(len(s) + 1 for s in sentences) < target * 0.85:
            kind = rng.randrange(4)
            if kind == 0:
                sentence = (
                    f"Decides {rng.choice(_EFFECTS)} for {rng.choice(_CUSTOMERS)}, "
                    f"{rng.choice(_WHY)}."
                )
            elif kind == 1:
                sentence = f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_WHEN)}."
            elif kind == 2:
                sentence = (
                    f"Customers feel this work in {rng.choice(_EFFECTS)}, "
                    f"especially {rng.choice(_CUSTOMERS)}."
                )
            else:
                sentence = (
                    f"We {rng.choice(_VERBS).lower()} {rng.choice(_OBJECTS)} {rng.choice(_WHY)}."
                )
            sentences.append(sentence)
        text = " ".join(sentences)
        if rng.random() < 0.1:
            # Some profile text uses inline Markdown, as HR is allowed to.
            text = text.replace(" customer ", " **customer** ", 1)
        return text

    def short(self, target: int) -> str:
        """A short phrase (a cadence, an owner, a target)."""
        return self.statement(target).split(",")[0].rstrip(".") + "."


def generate_profile(roles: int, seed: int = DEFAULT_SEED) -> dict[str, Any]:
    """A valid profile (as plain data) with ``roles`` roles, deterministic for a seed."""
    if roles < 1:
        raise ValueError("a profile needs at least one role")
    rng = random.Random(f"{seed}-{roles}")
    write = _Writer(rng)

    values = _values(rng, write)
    value_ids = [value["id"] for value in values]
    journey = [
        {
            "id": slugify(name.split(" and ")[0]),
            "name": name,
            "customer_goal": write.statement(104),
            "moments_that_matter": [write.behaviour(90) for _ in range(3)],
        }
        for name in _STAGE_NAMES
    ]
    stage_ids = [stage["id"] for stage in journey]
    kpis = _kpis(rng, write, min(60, 10 + roles // 20), value_ids)
    kpi_ids = [kpi["id"] for kpi in kpis]
    role_list = _roles(rng, write, roles, stage_ids, kpi_ids, value_ids)
    role_ids = [role["id"] for role in role_list]

    return {
        "schema_version": 1,
        "organisation": {
            "name": "Benchmark Cycles",
            "mission": write.statement(120),
            "vision": write.statement(150),
            "customers": write.statement(220),
            "promise": write.statement(130),
            "language": "en-GB",
        },
        "values": values,
        "journey": journey,
        "roles": role_list,
        "kpis": kpis,
        "leadership": {
            "behaviours": [write.behaviour(120) for _ in range(7)],
            "rituals": [
                {
                    "name": name,
                    "cadence": write.short(40),
                    "purpose": write.statement(150),
                }
                for name in (
                    "Monday customer huddle",
                    "Voice of the customer review",
                    "Quarterly town hall",
                    "Leaders on the floor",
                    "One-to-ones",
                )
            ],
        },
        "onboarding": {
            "phases": [
                {
                    "id": phase_id,
                    "name": name,
                    "owner": owner,
                    "goals": [write.statement(100) for _ in range(2)],
                    "activities": [write.behaviour(100) for _ in range(3)],
                }
                for phase_id, name, owner in _PHASES
            ]
        },
        "recognition": {
            "principles": [write.statement(110) for _ in range(4)],
            "programs": [
                {
                    "id": f"program-{index + 1}",
                    "name": f"Customer hero award {index + 1}",
                    "cadence": rng.choice(["Monthly", "Quarterly", "Any time", "Twice a year"]),
                    "who_can_nominate": write.short(50),
                    "criteria": write.statement(120),
                    "reward": write.statement(90),
                    "values": rng.sample(value_ids, 2),
                }
                for index in range(5)
            ],
        },
        "feedback_channels": [
            {
                "id": f"channel-{index + 1}",
                "name": f"Customer feedback channel {index + 1}",
                "cadence": write.short(50),
                "owner": rng.choice(role_ids),
                "shared_with": write.statement(100),
                "action": write.statement(160),
            }
            for index in range(max(3, min(30, roles // 50)))
        ],
        "changelog": [
            {
                "date": (dt.date(2026, 3, 2) - dt.timedelta(days=30 * index)).isoformat(),
                "summary": write.statement(180),
            }
            for index in range(8)
        ],
    }


def _values(rng: random.Random, write: _Writer) -> list[dict[str, Any]]:
    return [
        {
            "id": slugify(name),
            "name": name,
            "summary": write.statement(139),
            "why_it_matters": write.statement(140),
            "behaviours": {
                "everyone": [write.behaviour(95) for _ in range(rng.randint(3, 4))],
                "leaders": [write.behaviour(110) for _ in range(rng.randint(2, 3))],
            },
            "anti_behaviours": [write.behaviour(85) for _ in range(rng.randint(2, 3))],
            "interview_questions": [
                f"Tell us about a time you had to {rng.choice(_VERBS).lower()} "
                f"{rng.choice(_OBJECTS)}. What happened next?"
                for _ in range(rng.randint(2, 3))
            ],
            "recognition_examples": [write.statement(150) for _ in range(2)],
        }
        for name in _VALUE_NAMES[:8]
    ]


def _kpis(
    rng: random.Random, write: _Writer, count: int, value_ids: list[str]
) -> list[dict[str, Any]]:
    subjects = [
        "Net promoter score",
        "First contact resolution",
        "Promises kept",
        "Repeat customers",
        "Complaints fixed at the root",
        "Orders complete first time",
        "Reply time",
        "Returns for the wrong size",
        "Jobs ready when promised",
        "Booking availability",
    ]
    kpis = []
    for index in range(count):
        subject = subjects[index % len(subjects)]
        name = subject if index < len(subjects) else f"{subject} ({_REGIONS[index % 9]} {index})"
        kpis.append(
            {
                "id": slugify(name),
                "name": name,
                "definition": write.statement(146),
                "customer_outcome": write.statement(81),
                "target": rng.choice([">= 60", ">= 95%", "<= 2 working days", "At least 6 of 10"]),
                "cadence": rng.choice(["Weekly", "Monthly", "Quarterly"]),
                "values": rng.sample(value_ids, rng.randint(1, 2)),
            }
        )
    return kpis


def _roles(
    rng: random.Random,
    write: _Writer,
    count: int,
    stage_ids: list[str],
    kpi_ids: list[str],
    value_ids: list[str],
) -> list[dict[str, Any]]:
    """Roles grouped in about count/12 departments, reporting in a tree.

    The first role leads the organisation; one director per ten departments reports to
    it, each department's head reports to a director, and everyone else reports to an
    earlier role of their own department.
    """
    department_count = max(1, count // 12)
    departments = [
        _DEPARTMENT_BASES[index % len(_DEPARTMENT_BASES)]
        + (f" {_REGIONS[(index // len(_DEPARTMENT_BASES)) % len(_REGIONS)]}" if index >= 15 else "")
        + (f" {index // (len(_DEPARTMENT_BASES) * len(_REGIONS)) + 1}" if index >= 135 else "")
        for index in range(department_count)
    ]
    phase_ids = [phase_id for phase_id, _, _ in _PHASES]
    roles: list[dict[str, Any]] = []
    used_ids: set[str] = set()
    members: dict[str, list[str]] = {name: [] for name in departments}
    directors: list[str] = []

    def new_role(title: str, department: str, reports_to: str | None) -> dict[str, Any]:
        role_id = slugify(title)
        suffix = 2
        while role_id in used_ids:
            role_id = f"{slugify(title)[:58]}-{suffix}"
            suffix += 1
        used_ids.add(role_id)
        role: dict[str, Any] = {
            "id": role_id,
            "title": title,
            "department": department,
            "customer_facing": rng.random() < 0.55,
            "customer_position": write.statement(189),
            "touchpoints": sorted(rng.sample(stage_ids, rng.randint(2, 3)), key=stage_ids.index),
            "decisions": [
                {
                    "decision": f"{rng.choice(_DECISIONS)}.",
                    "customer_question": rng.choice(_QUESTIONS),
                }
                for _ in range(rng.randint(1, 3))
            ],
            "kpis": rng.sample(kpi_ids, min(len(kpi_ids), rng.randint(1, 3))),
            "values_in_action": {
                value_id: [write.behaviour(100) for _ in range(rng.randint(1, 2))]
                for value_id in rng.sample(value_ids, 2)
            },
            "onboarding": [{"phase": rng.choice(phase_ids), "activity": write.behaviour(101)}],
        }
        if reports_to:
            role["reports_to"] = reports_to
        roles.append(role)
        return role

    new_role("Managing Director", "Leadership", None)
    for index in range(max(1, department_count // 10)):
        if len(roles) >= count:
            break
        directors.append(new_role(f"Director {index + 1}", "Leadership", roles[0]["id"])["id"])
    for index, department in enumerate(departments):
        if len(roles) >= count:
            break
        boss = directors[index % len(directors)] if directors else roles[0]["id"]
        members[department].append(new_role(f"Head of {department}", department, boss)["id"])
    while len(roles) < count:
        department = rng.choice(departments)
        title = f"{rng.choice(_SENIORITY)}{rng.choice(_FUNCTIONS)}, {department}"
        earlier = members[department] or [roles[0]["id"]]
        # Bias towards recent roles so teams get a few levels deep, not one flat layer.
        boss = earlier[-1 - min(len(earlier) - 1, int(rng.expovariate(0.3)))]
        members[department].append(new_role(title, department, boss)["id"])
    return roles


def dump_profile(profile: dict[str, Any]) -> str:
    """The profile as YAML text, in the order HR would write it."""
    header = "# Generated by benchmarks/generate.py; do not edit by hand.\n"
    return header + yaml.safe_dump(
        profile, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False
    )


def write_profile(path: Path, roles: int, seed: int = DEFAULT_SEED) -> Path:
    """Write a generated profile to ``path`` and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_profile(generate_profile(roles, seed)), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roles", type=int, help="number of roles")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--output", type=Path, help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    if args.output:
        write_profile(args.output, args.roles, args.seed)
    else:
        sys.stdout.write(dump_profile(generate_profile(args.roles, args.seed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
