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
