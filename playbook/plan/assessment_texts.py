"""The texts of the playbook's two self-assessments, in the catalogue's words.

The culture-health check (``playbook.plan.views.health_check``; its areas are in
``playbook.plan.health_texts``) and the leadership self-assessment
(``playbook.plan.views.leadership_page``) share one form and one script
(``content/_partials/self-assessment-*.html``, ``assets/playbook/self-assessment.js``);
these are the words each gives them: msgids, translated where a page shows them.
"""

from __future__ import annotations

from playbook.words.translations import N_

ASSESSMENT_WORDS = {
    "title": N_("Your answers"),
    "chart": N_(
        "Your level in each area as a bar: the longer the bar, the higher the level. The list "
        "below says the same in words."
    ),
    "csv": N_("Download as CSV"),
    "json": N_("Download as JSON"),
    "print": N_("Print with my answers"),
    "reset": N_("Clear my answers"),
    "team": N_("Compare several people's answers"),
    "team_help": N_(
        "Everyone downloads their own answers and sends the file to one facilitator, who loads "
        "all the files here to see, for each area, the lowest, the highest and the median score. "
        "The files are read in this browser; nothing is sent anywhere."
    ),
}
"""The results panel's texts (see content/_partials/self-assessment-results.html)."""
SCRIPT_WORDS = {
    "level": N_("Level {level} of 5"),
    "separator": N_(": "),
    "unanswered": N_("Not answered yet"),
    "next": N_("Next step:"),
    "answered": N_(
        "{count} of {total} areas answered. Your answers are kept in this browser only."
    ),
    "cleared": N_("Your answers have been cleared."),
    "file_stem": N_("culture-health-check"),
    "loaded_one": N_("1 file loaded."),
    "loaded": N_("{count} files loaded."),
    "unreadable": N_("{file} is not an export of this check, so it was left out."),
    "area": N_("Area"),
    "answers": N_("Answers"),
    "lowest": N_("Lowest"),
    "highest": N_("Highest"),
    "median": N_("Median"),
    "spread_caption": N_("Scores per area across the loaded files"),
    "discuss_first": N_("Talk first about the areas where the scores differ most: {areas}."),
    "agree": N_("Every file has the same level in every area."),
}
"""The texts the self-assessment script shows (assets/playbook/self-assessment.js)."""


LEADER_LEVELS = (N_("Rarely"), "", N_("Sometimes"), "", N_("Consistently"))
"""The names of scores 1, 3 and 5 of every line (2 and 4 are unnamed)."""
LEADER_NEXT_STEPS = (
    N_(
        "Make this your one thing for the quarter: choose a habit you can repeat every week "
        "that would show it, and tell your team."
    ),
    N_("Plan one moment each week to do this on purpose, and write down what happened."),
    N_(
        "Do it when it is hard, not only when it is easy: pick the next difficult moment where "
        "it matters."
    ),
    N_(
        "Ask one person in your team to score you on this line; if their score is lower, "
        "believe theirs."
    ),
    N_("Keep it up, and show someone in your team how you do it."),
)
"""The next step for each score, the same for every line (written once, in the results)."""
LEADER_ASSESSMENT_WORDS = {
    "title": N_("Your answers"),
    "chart": N_(
        "Your score on each line as a bar: the longer the bar, the higher the score. The list "
        "below says the same in words, with the next step for each."
    ),
    "csv": N_("Download as CSV"),
    "json": N_("Download as JSON"),
    "print": N_("Print with my answers"),
    "reset": N_("Clear my answers"),
    "team": N_("Compare answers"),
    "team_help": N_(
        "To compare your own scores with the ones someone in your team gave you, or several "
        "leaders' scores, load their downloaded files here: you see, for each line, the "
        "lowest, the highest and the median score. The files are read in this browser; "
        "nothing is sent anywhere."
    ),
}
LEADER_SCRIPT_WORDS = {
    "level": N_("Score {level} of 5"),
    "separator": N_(": "),
    "unanswered": N_("Not answered yet"),
    "next": N_("Next step:"),
    "answered": N_(
        "{count} of {total} lines answered. Your answers are kept in this browser only."
    ),
    "cleared": N_("Your answers have been cleared."),
    "file_stem": N_("leadership-self-assessment"),
    "loaded_one": N_("1 file loaded."),
    "loaded": N_("{count} files loaded."),
    "unreadable": N_("{file} is not an export of this self-assessment, so it was left out."),
    "area": N_("Line"),
    "answers": N_("Answers"),
    "lowest": N_("Lowest"),
    "highest": N_("Highest"),
    "median": N_("Median"),
    "spread_caption": N_("Scores per line across the loaded files"),
    "discuss_first": N_("Talk first about the lines where the scores differ most: {areas}."),
    "agree": N_("Every file has the same score on every line."),
}
