"""The notebook's own structure: what a team reads in its neighbourhood, section by section."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Section:
    key: str
    title: object
    prompt: object  # the question that gets the team started


SECTIONS: tuple[Section, ...] = (
    Section(
        "residents",
        _l("Who lives here"),
        _l("How many people live here, how old are they, where do they come from, who lives alone?"),
    ),
    Section(
        "housing",
        _l("Housing"),
        _l("Who owns, who rents, how crowded and how healthy are the homes, who moves in and out?"),
    ),
    Section(
        "work_income",
        _l("Work and income"),
        _l("What do people live on? Who looks for work, who lives on a benefit, which jobs are nearby?"),
    ),
    Section(
        "facilities",
        _l("Facilities and services"),
        _l("Which schools, shops, care and welfare services are here, and who finds their way to them?"),
    ),
    Section(
        "public_space",
        _l("Public space and getting around"),
        _l("Where do people meet outside, where is it green, and how do they get around the neighbourhood?"),
    ),
    Section(
        "social_fabric",
        _l("The social fabric and soft structures"),
        _l("Which associations, self-organisations, informal groups and key figures hold the neighbourhood together?"),
    ),
    Section(
        "loneliness",
        _l("Risks of loneliness"),
        _l("Who is at risk of being left alone here, and what makes contact easy or hard?"),
    ),
    Section(
        "strengths",
        _l("Strengths and opportunities"),
        _l("What works well already, and which hidden possibilities do you see?"),
    ),
    Section(
        "our_work",
        _l("What it means for our work"),
        _l("What do you conclude as a team: what will you do, with whom, and what will you stop doing?"),
    ),
)

BY_KEY = {section.key: section for section in SECTIONS}

# A section's number: the presence item of its editor ("notebook_section:3"), which
# presence keeps as a number, and the order in which the notebook shows it.
NUMBERS = {section.key: index for index, section in enumerate(SECTIONS, start=1)}


def editing_item(key: str) -> str:
    return f"notebook_section:{NUMBERS[key]}"
