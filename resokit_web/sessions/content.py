"""Our own question cards: the kletspot's deck by theme and the speeddate's questions.

Stored in a session by key only, so every screen shows a card in its reader's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

THEMES = {
    "words": _l("Words for it"),
    "signals": _l("Signals"),
    "taboo": _l("Breaking the silence"),
    "network": _l("Networks"),
    "neighbourhood": _l("The neighbourhood"),
    "work": _l("Our work"),
}

# key -> (theme, text)
CARDS = {
    "w1": ("words", _l("What is the difference between being alone and feeling lonely?")),
    "w2": ("words", _l("Which word would you use for loneliness in your mother tongue?")),
    "w3": ("words", _l("Can someone with many contacts still feel lonely? How?")),
    "w4": ("words", _l("What is social isolation, in your own words?")),
    "w5": ("words", _l("Is loneliness a feeling, a situation, or both?")),
    "w6": ("words", _l("Which image comes to mind when you hear the word 'lonely'?")),
    "w7": ("words", _l("When is being alone a choice, and when is it not?")),
    "s1": ("signals", _l("How would you notice that a colleague feels lonely?")),
    "s2": ("signals", _l("Which signals of loneliness do you see at the welcome desk?")),
    "s3": ("signals", _l("What does someone say who is lonely but does not say so?")),
    "s4": ("signals", _l("Which moments of the year are the hardest for people who are alone?")),
    "s5": ("signals", _l("Which life events make people lose their network?")),
    "s6": ("signals", _l("How can loneliness show itself in someone's body or health?")),
    "s7": ("signals", _l("Who in your neighbourhood would nobody miss for a week?")),
    "t1": ("taboo", _l("Why is it so hard to say 'I feel lonely'?")),
    "t2": ("taboo", _l("When did you last feel lonely yourself, and who noticed?")),
    "t3": ("taboo", _l("How do you ask someone about loneliness without hurting them?")),
    "t4": ("taboo", _l("Is loneliness talked about differently among men and women?")),
    "t5": ("taboo", _l("Which cultural ideas make it harder to ask for company?")),
    "t6": ("taboo", _l("What would help someone to tell you they feel alone?")),
    "t7": ("taboo", _l("Do young people speak about loneliness more easily than older people?")),
    "n1": ("network", _l("Who would you call at three in the morning?")),
    "n2": ("network", _l("What is the difference between a strong and a weak tie, and why do we need both?")),
    "n3": ("network", _l("Which small daily contact matters more than it seems?")),
    "n4": ("network", _l("How did your own network change when you moved or changed jobs?")),
    "n5": ("network", _l("What can someone give to others, even with few contacts?")),
    "n6": ("network", _l("Can a network online replace one around the corner?")),
    "n7": ("network", _l("Who was the last person to widen your network?")),
    "b1": ("neighbourhood", _l("Where in Kuregem do people meet without an appointment?")),
    "b2": ("neighbourhood", _l("Which place in the neighbourhood makes people feel welcome, and why?")),
    "b3": ("neighbourhood", _l("Who are the key figures who know everyone in the street?")),
    "b4": ("neighbourhood", _l("What keeps neighbours from greeting each other?")),
    "b5": ("neighbourhood", _l("Which self-organisation in the neighbourhood reaches people we do not?")),
    "b6": ("neighbourhood", _l("Where would someone who just arrived in Brussels find company?")),
    "b7": ("neighbourhood", _l("What would the neighbourhood lose if the local shop closed?")),
    "o1": ("work", _l("Who do we not reach today, and what keeps them away?")),
    "o2": ("work", _l("Does our way of working make people depend on us, or stronger without us?")),
    "o3": ("work", _l("Which of our activities bring people together who would not meet otherwise?")),
    "o4": ("work", _l("How do we follow up on someone who stops coming?")),
    "o5": ("work", _l("Which partner could help us most against loneliness, and do we know them?")),
    "o6": ("work", _l("What is one thing we could change tomorrow to make our welcome warmer?")),
}

SPEEDDATE_QUESTIONS = {
    "q1": _l("Where did you grow up, and who were the important people around you there?"),
    "q2": _l("Who do you turn to when something goes wrong?"),
    "q3": _l("Which group or club made you feel at home, and how did you find it?"),
    "q4": _l("Which languages do you speak, and with whom?"),
    "q5": _l("Who in your network is very different from you?"),
    "q6": _l("When did someone you hardly knew help you?"),
    "q7": _l("What did your parents teach you about asking for help?"),
    "q8": _l("Where do you feel at home in Brussels?"),
    "q9": _l("Which contact did you lose and still miss?"),
    "q10": _l("What do you give to the people around you?"),
}

# Wandeling in het park: the walk's script, step by step with its time in seconds, then
# the reflection questions answered on the phones.
WALK = (
    (
        "p1",
        60,
        _l("Sit comfortably and close your eyes. Breathe in slowly. You are at the gate of a park in Brussels."),
    ),
    ("p2", 60, _l("You walk in. It is a mild afternoon. What do you hear? Who is walking near you?")),
    ("p3", 60, _l("On a bench sits an older man with a plastic bag beside him. He looks at you. What do you do?")),
    (
        "p4",
        60,
        _l("Further on, a group of young people is playing loud music. How old are they? What do they look like?"),
    ),
    (
        "p5",
        60,
        _l("A woman pushes a pram, two children run ahead of her. She calls them in a language you do not know."),
    ),
    ("p6", 60, _l("Someone is asleep on the grass, under a coat. People walk around him. Where do you walk?")),
    ("p7", 60, _l("At the kiosk, a man greets you warmly as if he knows you. How do you answer?")),
    ("p8", 45, _l("You reach the other gate. Take a last look back at the park, then slowly open your eyes.")),
)

WALK_QUESTIONS = {
    "r1": _l("Who did you see first in your park? How old were they, what did they look like?"),
    "r2": _l("Whom did you walk towards, and whom did you avoid?"),
    "r3": _l("Where do the images you had come from: your own life, the media, your work?"),
    "r4": _l("What does this walk tell you about the frame through which you look at people?"),
}

# Ontmoeting: prompts for before, during and after a meeting.
ENCOUNTER_PHASES = {
    "before": (
        _l("Before"),
        (
            _l("What do you expect of the person you will meet? Write down your assumptions."),
            _l("What do you want to learn from them, and what can you offer?"),
            _l("Where will you meet: a place where they feel at ease?"),
        ),
    ),
    "during": (
        _l("During"),
        (
            _l("Listen more than you speak. Ask open questions about their story."),
            _l("Notice what surprises you, and what you recognise of yourself."),
            _l("Ask who matters in their life, and where they feel at home."),
        ),
    ),
    "after": (
        _l("After"),
        (
            _l("Which of your assumptions were right, and which were not?"),
            _l("What did the meeting change in how you see them, or the neighbourhood?"),
            _l("Is there a next step: a second meeting, an introduction to someone else?"),
        ),
    ),
}

# Inclusietafels: cases of our own in Brussels, the perspectives participants take, the positions.
CASES = {
    "c1": _l(
        "The neighbourhood centre wants to close its open café on Friday afternoons, to save staff time. Mostly older men come then."
    ),
    "c2": _l("A sports club in Anderlecht asks for a fee that many families in the street cannot pay."),
    "c3": _l(
        "A resident offers to run a language café for newcomers in the library, but she does not speak Dutch well herself."
    ),
    "c4": _l(
        "Neighbours complain about young people who meet every evening on the square. The commune wants to remove the benches."
    ),
    "c5": _l("The social restaurant only takes bookings online. People without a smartphone stop coming."),
    "c6": _l(
        "A volunteer visits an isolated woman every week, but she wants to see only him and refuses every activity."
    ),
    "c7": _l("A self-organisation of mothers asks to use the community hall on Sunday, when no staff are present."),
    "c8": _l("The housing company moves older tenants to a new building across the canal, far from their neighbours."),
    "c9": _l("An organisation wants to map lonely people in the street by asking the shopkeepers who lives alone."),
    "c10": _l("A neighbourhood party is planned in Ramadan, in the evening, with beer at the bar."),
}

CASE_QUESTION = _l("Do you agree with what is decided or asked here?")

PERSPECTIVES = {
    "resident": _l("Resident"),
    "professional": _l("Professional"),
    "policy": _l("Policy maker"),
    "volunteer": _l("Volunteer"),
    "neighbour": _l("Neighbour"),
    "shopkeeper": _l("Shopkeeper"),
}

POSITIONS = {"agree": _l("Agree"), "disagree": _l("Disagree"), "doubt": _l("Doubt")}
SIDES = {"for": _l("For"), "against": _l("Against")}
