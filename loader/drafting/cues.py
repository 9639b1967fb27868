"""The words that say a contact happened, and what kind: the drafter's vocabulary.

Each cue gives an interaction type (data/README.md's table) and, where it says so, the
medium. When one clause holds several cues, the first in CUES wins: "talks ... by
video" is a round of negotiation held by video, not a video call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    type: str
    pattern: re.Pattern[str]
    medium: str | None = None


def _cue(type_: str, words: str, medium: str | None = None) -> Cue:
    return Cue(type_, re.compile(rf"\b(?:{words})\b", re.IGNORECASE), medium)


CUES = (
    _cue("mediation", r"mediated|mediation|mediating|brokered"),
    _cue(
        "negotiation",
        r"rounds? of (?:talks|negotiations)|peace talks|talks|negotiations|negotiators|"
        r"delegations met|(?<=to )resume|resumed",
    ),
    _cue(
        "multilateral_meeting",
        r"(?:meeting|summit|session) of the (?-i:(?=[A-Z]))|"
        r"(?-i:[A-Z][A-Z0-9]{1,5}) (?:meeting|summit)",
    ),
    _cue(
        "visit",
        r"visited|paid a visit|visit to|received|hosted|welcomed|trave(?:l)?led to|"
        r"flew to|flown to|arrived in|(?:was|is|were|are) due in",
        "in_person",
    ),
    _cue(
        "call",
        r"(?:three|four)-way (?:phone )?call|phone calls?|telephone(?:d| call)?|"
        r"by (?:tele)?phone|on the phone|called|(?<=\ba )call|(?<=\banother )call|video call",
        "phone",
    ),
    _cue("meeting", r"met|meeting|meet|summit|sat down with", "in_person"),
    _cue(
        "consultation",
        r"spoke (?:\w+ )?(?:with|to)|spoken (?:with|to)|talked (?:with|to)|"
        r"conversation with|consulted|(?:last|first) spoke|to speak",
        None,
    ),
    # "addressed" alone is often "concerns addressed": only addressing someone counts.
    _cue("recognition", r"recogni[sz](?:ed|ing|es) (?:the )?(?:independence|sovereignty)"),
    _cue(
        "agreement",
        r"signed (?:an? |the )?(?:[\w-]+ ){0,3}(?:treaty|treaties|agreements?|"
        r"accords?|declaration|memorandum)|agreed on a [Dd]eclaration|agreed at|signed at|"
        r"adopted (?:a|the) (?:[\w-]+ )?(?:[Dd]eclaration|resolution)",
    ),
    _cue("application", r"applied for|application for membership|application to join"),
    _cue("investigation", r"open(?:ed)? an investigation|launched an investigation"),
    _cue("announcement", r"announced"),
    _cue("rally", r"rally"),
    _cue(
        "address",
        r"address(?:ed|ing) (?=the |a |an |[A-Z])|an address to|"
        r"(?:nightly|video|televised) address",
        None,
    ),
)
VIDEO = re.compile(r"\b(?:by video|video ?(?:call|conference|link)|videoconference)\b", re.I)
PHONE = re.compile(r"\b(?:phone|telephone|call)\b", re.I)
# Cue words that are not cues here: "called for" asks, "called on" urges.
NOT_A_CONTACT = re.compile(
    r"\bcalled (?:for|on|it|this|that|the)\b|\bso-called\b|"
    # "spoke with him about the talks": the talks are the topic, not the contact.
    r"\b(?:about|over|regarding|concerning|of)\s+(?:the\s+|their\s+|its\s+)?"
    r"(?:talks|negotiations)\b",
    re.I,
)

PLANNED = re.compile(
    r"\b(?:will|would|is to|are to|scheduled|planned|plans to|expected|set to|to resume|due)\b",
    re.I,
)
PROPOSED = re.compile(r"\b(?:proposed|called for|offered|suggested|invited|calling|urged)\b", re.I)
RULED_OUT = re.compile(r"\bruled out\b|\brefused to (?:meet|talk)\b", re.I)

# Words after which the actors named arranged or asked for the contact, not took part.
ARRANGERS = re.compile(
    r"\b(?:arranged by|brokered by|mediated by|with the (?:help|assistance) of|thanks to)\b", re.I
)
# "Erdogan arranged the meeting": who arranged it, named before the word, did not take part.
ARRANGED = re.compile(r"\b(?:arranged|brokered|set up)\b(?!\s+by)", re.I)
REQUESTERS = re.compile(r"\bat the request of\b|\bat (?P<who>\S+?)[’']s request\b", re.I)
LED_BY = re.compile(r"\bled by\b", re.I)
# "the talks", "his call": a noun cue after a definite word points back to a contact told
# before; without a date of its own it is commentary on it, not a new one.
NOUN_CUE = re.compile(
    r"^(?:(?:peace )?talks|negotiations|negotiators|meeting|summit|"
    r"(?:phone )?calls?|conversation|rounds? of \w+)$",
    re.I,
)
DEFINITE_BEFORE = re.compile(
    r"\b(?:the|his|her|their|its|that|this|these|those|such|[A-Z][\w-]*[’']s)\s+"
    r"(?:[\w-]+\s+){0,2}$"
)
# A state named after one of these is where it happened, not a party to it.
VENUE_BEFORE = re.compile(r"\b(?:in|at|near|of)\s+(?:the\s+)?(?:[A-Z][\w-]+,?\s+)?$")
# Who hold talks for their states: with these, a meeting is a round of negotiation.
DELEGATES = re.compile(
    r"\b(?:negotiators|delegations?|delegates|representatives|"
    r"(?:negotiating )?teams?)\b",
    re.I,
)
# "a ceremony hosted by Erdogan": the actor after the cue is its subject.
PASSIVE_BY = re.compile(r"^\s+by\b")
# What may stand before a date that opens a sentence: "Also on March 3,", "But last week,"
LINKING_ONLY = re.compile(
    r"^[\s,]*(?:(?:also|but|and|then|meanwhile|earlier|later|so|yet)\b[\s,]*)*$", re.I
)
# "Blinken said he expected Biden and Xi to speak": who reports a contact is not in it.
SPEECH = re.compile(
    r"\b(?:said|says|told|tells|added|stated|noted|warned|expected|expects|hoped|hopes)\b", re.I
)
# Travel names the place gone to, not a host: "was due in Tokyo to pay his respects to Abe".
TRAVEL = re.compile(
    r"^(?:trave(?:l)?led to|flew to|flown to|arrived in|(?:was|is|were|are) due in)$", re.I
)
TALKS_WITH = re.compile(r"talks\s+(?:[\w']+\s+){0,4}?with\b", re.I)
# "spoke with Thai officials": a state right after "with" is the other side.
WITH_BEFORE = re.compile(r"\bwith\s+$", re.I)
TITLE_AFTER = re.compile(r"\s+(?:[A-Z][\w-]*|presidential|foreign|defen[cs]e)\b")
TWO = re.compile(r"\btwo\b", re.I)
BETWEEN = re.compile(r"\s+(?:\w+\s+){0,2}?between\b", re.I)
# Between a clause and a date set off after it: nothing, or a place's name ("Turkey").
ONLY_A_NAME = re.compile(r"^[,\s]*(?:[A-Z][\w.’'-]*\s*){0,3}[,\s]*$")
RELATIVE = re.compile(r"^\s*(?:who|which)\b", re.I)
# "..., who met with Putin in Moscow and subsequently spoke by phone": the same subject.
CONTINUES = re.compile(r"^\s*and\s+(?:then|later|subsequently|afterwards)\b", re.I)
# "calls with Putin and with Zelenskyy", "separate calls": one contact with each.
SEPARATE = re.compile(r"\bseparate\b|\bwith\b[^,;]*\band with\b", re.I)
PRONOUNS = re.compile(
    r"\b(?:he|she|him|her|his two guests|the two (?:men|women|leaders|"
    r"ministers|presidents))\b",
    re.I,
)
