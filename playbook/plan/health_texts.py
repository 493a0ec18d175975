"""The culture health check's areas, in the catalogue's words.

The check scores four culture dimensions and nine signs of a mature customer-centred
organisation, each on five levels with a next step per level. These are the texts as
msgids, marked for the catalogues where they are written and translated where a page
shows them (``playbook.plan.views.health_check``). Placeholders name the people served:
``%(customer)s``, ``%(customers)s`` and their capitalised forms.
"""

from __future__ import annotations

from dataclasses import dataclass

from playbook.words.translations import N_


@dataclass(frozen=True)
class AreaText:
    """One area of the check: its anchor id, name, the line under the name (a question
    for a dimension, what the sign means for an aspect), and what each level from 1 to 5
    looks like with the next step when the honest score is at that level."""

    id: str
    name: str
    prompt: str
    levels: tuple[str, str, str, str, str]
    next_steps: tuple[str, str, str, str, str]


DIMENSIONS = (  # the four culture dimensions that matter most
    AreaText(
        "collective-focus",
        N_("Collective focus"),
        N_("Does everyone know their part in what we promise %(customers)s?"),
        levels=(
            N_("People know their tasks but not how they reach the %(customer)s."),
            N_(
                "%(Customer)s-facing teams know their part; others see %(customers)s as someone "
                "else's job."
            ),
            N_("Most people can state their role's %(customer)s position when asked."),
            N_("Teams plan their work from the %(customer)s outcomes they serve."),
            N_(
                "Everyone, in every role, explains their work by its effect on %(customers)s, "
                "unprompted."
            ),
        ),
        next_steps=(
            N_("Read each role's %(customer)s position aloud in team meetings."),
            N_(
                "Give every behind-the-scenes team a half day with colleagues who work with "
                "%(customers)s directly."
            ),
            N_("Tie each team's goals to a %(customer)s outcome on the KPI map."),
            N_("Review hand-offs between journey stages with the teams on both sides."),
            N_("Keep it: bring newcomers into this habit from day one."),
        ),
    ),
    AreaText(
        "external-orientation",
        N_("External orientation"),
        N_("Do we see ourselves as %(customers)s see us?"),
        levels=(
            N_("Decisions are made from internal opinion; %(customer)s views are rarely sought."),
            N_("Surveys exist but results stay with one team."),
            N_("%(Customer)s feedback is shared widely and discussed."),
            N_("%(Customers)s are consulted before big decisions (panels, interviews, tests)."),
            N_(
                "Teams routinely test ideas with %(customers)s and change course on what they hear."
            ),
        ),
        next_steps=(
            N_("Share one piece of %(customer)s feedback in every team meeting."),
            N_("Send survey results to every team whose work they are about."),
            N_("Set up a %(customer)s panel or a monthly round of %(customer)s calls."),
            N_("Add the two %(customer)s questions to every decision template."),
            N_("Keep it: rotate who meets %(customers)s so the view stays fresh."),
        ),
    ),
    AreaText(
        "change-and-innovation",
        N_("Change and innovation"),
        N_("Do we learn fast when %(customers)s' needs change?"),
        levels=(
            N_("Change is slow and mistakes are hidden."),
            N_("Change happens after %(customers)s complain loudly."),
            N_("Teams try small improvements and talk openly about what failed."),
            N_("Experiments with %(customers)s are normal and lessons are shared across teams."),
            N_(
                "We change ahead of %(customers)s' needs, and failing fast is celebrated when it "
                "teaches."
            ),
        ),
        next_steps=(
            N_("Hold a blameless review of one %(customer)s complaint this month."),
            N_("Give teams a small budget and time to fix what %(customers)s raise most."),
            N_("Share lessons from experiments, failed ones included, across teams."),
            N_("Measure how quickly a %(customer)s insight becomes a change."),
            N_("Keep it: recognise the best lesson learned, not only the best result."),
        ),
    ),
    AreaText(
        "shared-beliefs",
        N_("Shared beliefs"),
        N_("Is serving %(customers)s well our shared priority, in practice?"),
        levels=(
            N_("The values are on the wall but not in daily work."),
            N_("Some leaders live the values; others ignore them without consequence."),
            N_("Hiring, onboarding and recognition refer to the values."),
            N_("Processes make the values real: people are hired, promoted and rewarded on them."),
            N_("Newcomers pick the values up from how everyone works, not from documents."),
        ),
        next_steps=(
            N_("Ask each team which value it finds hardest to live, and why."),
            N_(
                "Talk with each leader about their own behaviour against the values, as well as "
                "their results."
            ),
            N_("Screen every candidate for the values with the hiring guide."),
            N_("Check that promotions last year match the values; fix what does not."),
            N_("Keep it: let long-serving staff tell the stories behind each value."),
        ),
    ),
)
ASPECTS = (  # the nine signs of a mature customer-centred organisation
    AreaText(
        "mandate",
        N_("A mandate from the top"),
        N_(
            "Senior leaders say %(customer)s focus is the priority, and show it in where they "
            "spend time and money."
        ),
        levels=(
            N_("%(Customer)s focus is not mentioned by senior leaders, or only in slogans."),
            N_(
                "Senior leaders talk about %(customers)s, but budgets, targets and diaries say "
                "something else."
            ),
            N_("Senior leaders have made %(customer)s focus an explicit priority and explain why."),
            N_(
                "The top team backs the priority with money, time and targets, even when it costs "
                "in the short term."
            ),
            N_(
                "Nobody needs to ask whether %(customers)s come first: the top team's decisions "
                "show it every month."
            ),
        ),
        next_steps=(
            N_(
                "Ask the top team to agree, in writing, what %(customer)s focus means here and "
                "what each of them will do differently."
            ),
            N_(
                "Check last year's biggest budget and target decisions against the two "
                "%(customer)s questions, and say openly where they fell short."
            ),
            N_("Give every senior leader one %(customer)s measure in their own objectives."),
            N_("Agree in advance which %(customer)s commitments are never cut in a bad quarter."),
            N_(
                "Keep it: have each new senior leader spend time with %(customers)s before they "
                "set any targets."
            ),
        ),
    ),
    AreaText(
        "think-big",
        N_("Think big, start small"),
        N_(
            "A big %(customer)s ambition is pursued through small, visible steps that build belief."
        ),
        levels=(
            N_("There is no shared picture of what a great %(customer)s experience would be."),
            N_(
                "There is a big ambition, but nothing small has been done about it, or too many "
                "big projects started at once."
            ),
            N_("A few small changes have been made, and %(customers)s noticed some of them."),
            N_(
                "Small steps are chosen on purpose, measured with %(customers)s and the results "
                "shared."
            ),
            N_(
                "The big ambition and a steady stream of small, visible improvements are talked "
                "about in the same breath."
            ),
        ),
        next_steps=(
            N_(
                "Write down, in a %(customer)s's words, what their experience should feel like in "
                "three years."
            ),
            N_("Pick one small change %(customers)s would notice within a month, and make it."),
            N_(
                "Agree one %(customer)s measure before each small change, and tell everyone the "
                "result."
            ),
            N_("Spread what worked from one team to all, and stop what did not."),
            N_("Keep it: ask every team for one small %(customer)s improvement each quarter."),
        ),
    ),
    AreaText(
        "champion",
        N_("A visible champion"),
        N_(
            "Someone senior owns the %(customer)s agenda and is known for it across the "
            "organisation."
        ),
        levels=(
            N_("Nobody senior is known for speaking up for %(customers)s."),
            N_("Someone cares, but they lack the seniority or the time to change things."),
            N_(
                "A named senior person owns the %(customer)s agenda, and most people know who it "
                "is."
            ),
            N_(
                "The champion is heard in every major decision and can stop one that would hurt "
                "%(customers)s."
            ),
            N_("There are champions at every level; the senior one mostly coaches the others."),
        ),
        next_steps=(
            N_(
                "Name one senior person to own the %(customer)s agenda, and tell everyone who it "
                "is."
            ),
            N_("Give the champion time and a seat where the big decisions are made."),
            N_(
                "Have the champion visit the teams behind the scenes, not only the front-line ones."
            ),
            N_("Grow a champion in every team, and bring them together briefly every month."),
            N_(
                "Keep it: rotate who leads the %(customer)s rituals so it never depends on one "
                "person."
            ),
        ),
    ),
    AreaText(
        "clicks",
        N_("The moment it clicks"),
        N_("People have had the experience that made %(customer)s focus personal for them."),
        levels=(
            N_("Most people have never seen or heard a %(customer)s affected by their work."),
            N_("%(Customer)s-facing staff have had that moment; most others have not."),
            N_("Most people can tell the story of a %(customer)s their work helped or let down."),
            N_("Every newcomer has that moment in their first weeks, by design."),
            N_("People create those moments for each other without being asked."),
        ),
        next_steps=(
            N_(
                "Share one real piece of %(customer)s feedback at the next team meeting, with "
                "anything that could identify the person left out."
            ),
            N_(
                "Give every team behind the scenes time with %(customers)s, as in [%(customer)s "
                "immersion](onboarding.md#customer-immersion-for-every-hire)."
            ),
            N_("Collect those stories and use them in onboarding and wherever your people meet."),
            N_("Check that immersion happens for every newcomer, not just most of them."),
            N_("Keep it: ask long-serving staff to refresh their own moment once a year."),
        ),
    ),
    AreaText(
        "shared-success",
        N_("Shared success"),
        N_("Wins for %(customers)s are celebrated together, across teams and levels."),
        levels=(
            N_("%(Customer)s wins go unnoticed, or only targets met are celebrated."),
            N_("Wins are celebrated in the team that delivered them, rarely beyond it."),
            N_("Wins are shared across teams, and the people behind the scenes are named."),
            N_("Recognition and rewards follow %(customer)s outcomes that teams achieve together."),
            N_("Teams celebrate each other's %(customer)s wins as their own."),
        ),
        next_steps=(
            N_("Start sharing one %(customer)s win wherever your team meets."),
            N_(
                "Name every team that contributed to a win, not only the last one the "
                "%(customer)s saw."
            ),
            N_(
                "Tie at least one recognition programme to a shared %(customer)s outcome "
                "([recognition guide](recognition.md))."
            ),
            N_(
                "Set goals that teams can only meet together, such as a promise kept across two "
                "teams."
            ),
            N_("Keep it: check each quarter that no team has been left out of the celebrations."),
        ),
    ),
    AreaText(
        "evidence-first",
        N_("Culture and evidence before strategy"),
        N_("We build belief with %(customer)s evidence before announcing strategies."),
        levels=(
            N_(
                "Plans are announced without %(customer)s evidence and without asking whether the "
                "way we work can carry them."
            ),
            N_("%(Customer)s evidence is gathered after the decision, to support it."),
            N_(
                "Big plans start with %(customer)s evidence and an honest look at how people work "
                "today."
            ),
            N_(
                "People see the %(customer)s evidence first, so they believe in a plan before it "
                "is announced."
            ),
            N_(
                "Plans grow out of what %(customers)s and staff already see; announcements hold "
                "few surprises."
            ),
        ),
        next_steps=(
            N_("Before the next plan is announced, share the three %(customer)s facts behind it."),
            N_(
                "Gather %(customer)s evidence before deciding, through the [feedback "
                "channels](feedback.md)."
            ),
            N_(
                "Ask the people who will carry out a plan what would stop it working, before it "
                "starts."
            ),
            N_("Let teams check the evidence with %(customers)s themselves before the rollout."),
            N_("Keep it: a year on, review each plan against what %(customers)s actually noticed."),
        ),
    ),
    AreaText(
        "data-and-people",
        N_("Data does not solve people problems"),
        N_("Data about %(customers)s is used, but behaviour change is led by people."),
        levels=(
            N_("%(Customer)s data is missing, or nobody looks at it."),
            N_("There is plenty of data, but it sits in reports and nothing changes."),
            N_("Data is shared with teams and discussed, and people are trusted to act on it."),
            N_("Data comes with %(customer)s stories and is used to coach, never to blame."),
            N_("Teams ask for the data they need and change how they work because of it."),
        ),
        next_steps=(
            N_(
                "Pick the two or three %(customer)s numbers that matter most and share them every "
                "month."
            ),
            N_("For every report, name who acts on it and what they did last time."),
            N_("Put a %(customer)s story next to every number in reviews."),
            N_("Help leaders coach with data: questions first, conclusions later."),
            N_("Keep it: stop producing reports nobody acts on."),
        ),
    ),
    AreaText(
        "people-process-platforms",
        N_("People, process and platforms together"),
        N_("Changes to roles, processes and systems are planned as one."),
        levels=(
            N_(
                "New systems or processes arrive without anyone asking how staff will use them "
                "with %(customers)s."
            ),
            N_("People are trained on new tools, but roles and processes stay as they were."),
            N_(
                "Changes are planned with the people who will use them and the %(customers)s they "
                "affect."
            ),
            N_(
                "Every change covers people, process and systems together and is tried with "
                "%(customers)s before launch."
            ),
            N_("Teams keep improving their own processes and tools, with %(customers)s in mind."),
        ),
        next_steps=(
            N_(
                "For the next change, list who it affects, what they must do differently and what "
                "%(customers)s will notice."
            ),
            N_("Involve front-line staff in designing processes, not only in training for them."),
            N_("Try every change on a small scale with real %(customers)s before rolling it out."),
            N_(
                "Review each change after launch with the teams and the %(customer)s measure it "
                "was meant to move."
            ),
            N_("Keep it: give teams the time and permission to fix their own processes."),
        ),
    ),
    AreaText(
        "daily-decisions",
        N_("%(Customer)s focus in day-to-day decisions"),
        N_("The %(customer)s questions are asked in everyday decisions, not only big ones."),
        levels=(
            N_(
                "Everyday decisions are made for internal convenience; %(customers)s come up only "
                "in complaints."
            ),
            N_("%(Customers)s are considered in big decisions, rarely in everyday ones."),
            N_("Many people ask the %(customer)s questions in their everyday decisions."),
            N_("The %(customer)s questions are built into meetings, templates and approvals."),
            N_(
                "Everyone, in every role, decides with the %(customer)s in mind without being "
                "reminded."
            ),
        ),
        next_steps=(
            N_(
                "Introduce the [two %(customer)s questions](decisions.md) in every team meeting "
                "this month."
            ),
            N_(
                "Add the questions to the agenda of every decision that changes what "
                "%(customers)s see, wait for or have to do."
            ),
            N_(
                "Have every role write down its typical decisions and the %(customer)s question "
                "for each."
            ),
            N_(
                "Spot-check a few decisions each month: was the question asked, and did it change "
                "anything?"
            ),
            N_("Keep it: make the %(customer)s questions part of how newcomers learn to decide."),
        ),
    ),
)
