"""The Resokit method as the workspace is built on it: a ground (the mindset), three
building blocks (citizen, neighbourhood, organisation) and the 18 tools of the method,
each with one home block, in the method's own order.

This is the method's table of contents, known before any tool is built. A tool appears
as a link on its block's page once the area that implements it registers it
(``core.nav.register_tool``); until then the block page names it as part of the method
that the workspace does not offer yet. The workspace's own pages that are no tool of the
method (the team, the audit log) are listed here too, with ``in_method=False``.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

# The blocks in the order of the navigation: the ground first, then the three blocks.
BLOCKS = {
    "mindset": _l("Mindset"),
    "burger": _l("Citizen"),
    "buurt": _l("Neighbourhood"),
    "organisatie": _l("Organisation"),
}

# One line under each block's title, in our own words.
BLOCK_INTROS = {
    "mindset": _l(
        "The ground you work from: how you and your team look at loneliness, exclusion and the city, and how that view keeps moving."
    ),
    "burger": _l(
        "The people you support and the other residents, volunteers and visitors: their networks, their talents and the roles they can take up."
    ),
    "buurt": _l(
        "The neighbourhood as a breeding ground of formal and informal networks, inside its streets and far beyond them."
    ),
    "organisatie": _l(
        "Your organisation as a lever: its partners, its place in the neighbourhood and the way it works on inclusion."
    ),
}


@dataclass(frozen=True)
class MethodTool:
    key: str
    block: str
    name: object  # a lazy string
    purpose: object  # one line on what the tool is for
    in_method: bool = True


TOOLS: tuple[MethodTool, ...] = (
    # Mindset: the opinion piece and the five formats a team runs together.
    MethodTool(
        "opinion_piece",
        "mindset",
        _l("Opinion piece"),
        _l(
            "Everyone writes down how they see social inclusion and their own part in it; then the team writes one text together."
        ),
    ),
    MethodTool(
        "inclusion_tables",
        "mindset",
        _l("Inclusion tables"),
        _l("A debate on difficult cases: take a stand, then argue from the place of someone who sees it otherwise."),
    ),
    MethodTool(
        "park_walk",
        "mindset",
        _l("A walk in the park"),
        _l("An imagined walk, then a talk in the group about the frame through which each of you looks at people."),
    ),
    MethodTool(
        "speed_date",
        "mindset",
        _l("Speed date"),
        _l("Conversations of two minutes in pairs, led by questions about your background and the people you know."),
    ),
    MethodTool(
        "encounter",
        "mindset",
        _l("Encounter"),
        _l("Meeting people outside your usual circle, and letting it widen how you see them and the world."),
    ),
    MethodTool(
        "chat_jar",
        "mindset",
        _l("Loneliness chat jar"),
        _l(
            "Draw a question about loneliness from a jar and talk it over: shared words for a subject people keep quiet about."
        ),
    ),
    # Citizen
    MethodTool(
        "inclusion_web",
        "burger",
        _l("Inclusion web"),
        _l("Draw a person's network with them, circle by circle, and look together for what could open up."),
    ),
    MethodTool(
        "talent_map",
        "burger",
        _l("Talentenkaart"),
        _l("What someone likes, is good at and wants to learn, step by step: where a role that suits them starts."),
    ),
    MethodTool(
        "valued_roles",
        "burger",
        _l("Socially valued roles"),
        _l("Roles in which people give as well as receive, followed from a first idea to a place of their own."),
    ),
    MethodTool(
        "residents_map",
        "burger",
        _l("Residents' neighbourhood map"),
        _l(
            "The neighbourhood through the eyes of its residents: they add the places that matter to them, your team checks them."
        ),
    ),
    # Neighbourhood
    MethodTool(
        "neighbourhood_analysis",
        "buurt",
        _l("Neighbourhood analysis guide"),
        _l("A method to study the neighbourhood, so that what you offer fits who lives there and what they need."),
    ),
    MethodTool(
        "treasures",
        "buurt",
        _l("Treasures of the neighbourhood"),
        _l(
            "Places, key figures, initiatives, self-organisations and informal networks, on one map the team keeps up to date."
        ),
    ),
    MethodTool(
        "brussels_online",
        "buurt",
        _l("Brussels on the net"),
        _l("Databases and websites with figures, trends and facts about your part of the city."),
    ),
    MethodTool(
        "reading_the_neighbourhood",
        "buurt",
        _l("Reading the neighbourhood"),
        _l("Going out to look and listen, with notes and photos from the street that can become treasures."),
    ),
    MethodTool(
        "city_words",
        "buurt",
        _l("City words"),
        _l("A small lexicon to look at your surroundings and notice what the city quietly makes possible."),
    ),
    # Organisation
    MethodTool(
        "inclusion_tracker",
        "organisatie",
        _l("Inclusion tracker"),
        _l(
            "A self-scan and a game for the team: how far your organisation has come with inclusion, and the next step."
        ),
    ),
    MethodTool(
        "partners",
        "organisatie",
        _l("The organisation's neighbourhood map"),
        _l("First the partners you already work with, then the players across sectors you have not met yet."),
    ),
    MethodTool(
        "loneliness_sensitive",
        "organisatie",
        _l("Loneliness-sensitive work"),
        _l(
            "Key ideas and questions to hold your policy and your daily work against, to prevent loneliness or respond to it."
        ),
    ),
    # The workspace's own pages, no tool of the method.
    MethodTool(
        "team",
        "organisatie",
        _l("Team and invitations"),
        _l("Who works in this workspace, with which role, and the invitation links still open."),
        in_method=False,
    ),
    MethodTool(
        "audit",
        "organisatie",
        _l("Audit log"),
        _l("Every sign-in, refusal and change, for the coordinators."),
        in_method=False,
    ),
)

TOOLS_BY_KEY = {tool.key: tool for tool in TOOLS}
