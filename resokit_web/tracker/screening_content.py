"""Eenzaamheidssensitief werken: key concepts and reflection questions of our own, grouped
by theme, to hold the organisation's policy and practice against. The codes are what the
database keeps; the texts are shown in each reader's language."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Theme:
    code: str
    title: object
    concept: object  # the key concept of the theme
    definition: object  # what it means, in one or two lines
    questions: tuple[tuple[str, object], ...]  # (code, question)


THEMES = (
    Theme(
        "seeing",
        _l("Seeing and naming loneliness"),
        _l("Loneliness"),
        _l("The painful feeling of missing the contact you want. It is not the same as being alone."),
        (
            (
                "seeing-signs",
                _l("Do we recognise signs of loneliness in the people we meet, also when they do not name it?"),
            ),
            ("seeing-next", _l("Do colleagues know what to do once they notice that someone is lonely?")),
        ),
    ),
    Theme(
        "language",
        _l("Language and taboo"),
        _l("Taboo"),
        _l("Loneliness often feels like failing, so people hide it. The words we use open or close the conversation."),
        (
            ("language-shame", _l("Do our leaflets and conversations speak about loneliness without shaming anyone?")),
            ("language-own", _l("Can people talk about it in the language they feel at home in?")),
        ),
    ),
    Theme(
        "light",
        _l("Light ties"),
        _l("Light ties"),
        _l(
            "Short, informal contacts with a neighbour, a shopkeeper, the bus driver: small, yet they make people feel they belong."
        ),
        (
            ("light-room", _l("Do our activities leave room for chance meetings and small talk?")),
            ("light-value", _l("Do we value the light contacts of the people we support, not only their close ties?")),
        ),
    ),
    Theme(
        "reach",
        _l("Reaching people who do not come"),
        _l("Hidden loneliness"),
        _l("The loneliest people often come to no service at all: they are reached where they already are."),
        (
            ("reach-who", _l("Do we know which groups in the neighbourhood we do not reach?")),
            ("reach-go", _l("Do we go to people, through home visits, outreach or key figures?")),
            ("reach-partners", _l("Do partners know that they can send lonely people our way?")),
        ),
    ),
    Theme(
        "transitions",
        _l("Life transitions"),
        _l("Life transition"),
        _l(
            "Moving house, losing a partner or a job, retiring, becoming a parent, arriving in Brussels: moments when networks break."
        ),
        (
            ("transitions-attention", _l("Do we pay extra attention to people going through such a transition?")),
            (
                "transitions-early",
                _l(
                    "Do we have contacts who hear about such moments early, such as a GP, a school or the municipality?"
                ),
            ),
        ),
    ),
    Theme(
        "reciprocity",
        _l("Reciprocity and valued roles"),
        _l("Reciprocity"),
        _l("Being able to give as well as to receive: a role in which others count on you makes you belong."),
        (
            ("reciprocity-give", _l("Can the people we support also give something, with us or in the neighbourhood?")),
            (
                "reciprocity-fit",
                _l("Do we look for roles that fit people's talents rather than fixed volunteer tasks?"),
            ),
        ),
    ),
    Theme(
        "meeting",
        _l("Meeting places"),
        _l("Meeting place"),
        _l("A place where people can drop in without a reason, feel welcome and want to come back."),
        (
            ("meeting-drop-in", _l("Can people drop in at our building without an appointment?")),
            ("meeting-others", _l("Do we know the other meeting places of the neighbourhood and when they are open?")),
        ),
    ),
    Theme(
        "partners",
        _l("Partners"),
        _l("Warm referral"),
        _l("Going along or introducing someone in person, instead of only giving an address."),
        (
            ("partners-warm", _l("Do we refer people warmly to partners, going along or introducing them?")),
            ("partners-sectors", _l("Do we work on loneliness with partners outside the welfare sector?")),
        ),
    ),
    Theme(
        "policy",
        _l("Policy and time"),
        _l("Loneliness-sensitive policy"),
        _l(
            "Preventing and tackling loneliness is written into the aims, the planning and the budget, not left to goodwill."
        ),
        (
            ("policy-plan", _l("Does our policy plan name loneliness and social isolation?")),
            ("policy-time", _l("Is there time in the planning for contact without a set goal?")),
            ("policy-evaluate", _l("Do we look at what our work changes in people's networks?")),
        ),
    ),
)

QUESTIONS = {code: (theme, text) for theme in THEMES for code, text in theme.questions}
QUESTION_ORDER = tuple(QUESTIONS)

SCREENING_STATUSES = {
    "": _l("Not discussed yet"),
    "in_place": _l("Already in place"),
    "partly": _l("Partly"),
    "not_yet": _l("Not yet"),
    "not_relevant": _l("Not relevant"),
}
