"""The inclusietracker's own statements: six per building block, written for Brussels
welfare teams, each with a one-line explanation. Their code is what the database keeps;
the text is shown in each reader's language."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from ..core.method import BLOCKS

BLOCK_CODES = tuple(BLOCKS)


@dataclass(frozen=True)
class BuiltIn:
    code: str
    block: str
    text: object
    explanation: object


BUILT_IN = (
    BuiltIn(
        "mindset-shared",
        "mindset",
        _l("We see loneliness as a concern of the whole team, not as the private problem of the people we support."),
        _l("Loneliness comes up in team meetings, not only in one-to-one conversations."),
    ),
    BuiltIn(
        "mindset-strengths",
        "mindset",
        _l("We look first at what people can do and bring, before what they lack."),
        _l("Talents and interests are part of every first conversation."),
    ),
    BuiltIn(
        "mindset-words",
        "mindset",
        _l("We dare to talk openly about loneliness with the people we support."),
        _l("We have words for it that do not shame, in the languages people speak."),
    ),
    BuiltIn(
        "mindset-everyone",
        "mindset",
        _l("Everyone in the team sees building networks as part of their own job."),
        _l("It is not the task of one colleague or one project."),
    ),
    BuiltIn(
        "mindset-picture",
        "mindset",
        _l("We question our own picture of who belongs in our organisation."),
        _l("We regularly ask ourselves whom we do not see, and why."),
    ),
    BuiltIn(
        "mindset-reflect",
        "mindset",
        _l("We take time as a team to reflect on how we work on inclusion."),
        _l("Intervision, supervision or a team day with inclusion on the agenda."),
    ),
    BuiltIn(
        "burger-talents",
        "burger",
        _l("We know the talents and interests of the people we support."),
        _l("We note them with their consent, so that colleagues can build on them."),
    ),
    BuiltIn(
        "burger-roles",
        "burger",
        _l("People can take up a valued role with us or in the neighbourhood."),
        _l("Volunteering, sharing a skill, welcoming others: roles that others count on."),
    ),
    BuiltIn(
        "burger-network",
        "burger",
        _l("We ask people about the people who matter to them."),
        _l("Family, neighbours, friends, the grocer: their network, drawn together with them."),
    ),
    BuiltIn(
        "burger-step",
        "burger",
        _l("We help people take the step to a group or a place in the neighbourhood."),
        _l("We go along the first time, or introduce them to someone there."),
    ),
    BuiltIn(
        "burger-say",
        "burger",
        _l("The people who come to us have a say in what we offer."),
        _l("Their ideas change our activities, our hours and our places."),
    ),
    BuiltIn(
        "burger-reach",
        "burger",
        _l("We reach people who do not find their way to us by themselves."),
        _l("Through outreach, home visits, key figures and partners."),
    ),
    BuiltIn(
        "buurt-know",
        "buurt",
        _l("We know the places, key figures and initiatives of our neighbourhood."),
        _l("Our neighbourhood map is up to date and used in the daily work."),
    ),
    BuiltIn(
        "buurt-walk",
        "buurt",
        _l("We regularly walk through the neighbourhood to see what changes."),
        _l("Not only for a project: as part of how we work."),
    ),
    BuiltIn(
        "buurt-informal",
        "buurt",
        _l("We know the self-organisations and informal networks of the neighbourhood."),
        _l("Also those that work in other languages than Dutch or French."),
    ),
    BuiltIn(
        "buurt-residents",
        "buurt",
        _l("Residents help decide what our neighbourhood map shows."),
        _l("They add the places that matter to them."),
    ),
    BuiltIn(
        "buurt-figures",
        "buurt",
        _l("We use figures and sources about the neighbourhood to understand who lives here."),
        _l("Such as the Brussels neighbourhood monitor, read together as a team."),
    ),
    BuiltIn(
        "buurt-visible",
        "buurt",
        _l("We are visible and easy to approach in the neighbourhood."),
        _l("People know who we are and where to find us."),
    ),
    BuiltIn(
        "organisatie-policy",
        "organisatie",
        _l("Social inclusion is written into the plans and the policy of our organisation."),
        _l("With aims that we check every year."),
    ),
    BuiltIn(
        "organisatie-sectors",
        "organisatie",
        _l("We work together with partners from other sectors than our own."),
        _l("Culture, sport, housing, health, education, local shops."),
    ),
    BuiltIn(
        "organisatie-time",
        "organisatie",
        _l("Our planning makes time and money for network work."),
        _l("It does not depend on goodwill or overtime."),
    ),
    BuiltIn(
        "organisatie-share",
        "organisatie",
        _l("We share what we know about the neighbourhood with our partners."),
        _l("And we learn from what they know."),
    ),
    BuiltIn(
        "organisatie-newcomers",
        "organisatie",
        _l("New colleagues learn how we work on inclusion in their first weeks."),
        _l("The way of working does not leave with one person."),
    ),
    BuiltIn(
        "organisatie-follow",
        "organisatie",
        _l("We follow up the actions we agree on after a self-scan."),
        _l("Each action has someone who carries it and a date."),
    ),
)

BUILT_IN_BY_CODE = {s.code: s for s in BUILT_IN}

# The five-point scale and "I don't know", as the answer form sends them.
SCALE = {
    "1": _l("Not at all"),
    "2": _l("A little"),
    "3": _l("Partly"),
    "4": _l("Largely"),
    "5": _l("Fully, and anchored in how we work"),
    "unknown": _l("I don't know"),
}
