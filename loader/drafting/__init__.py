"""Drafting a dataset from a new article: the curator reviews instead of typing.

`actorgraph draft` reads a text and writes a data file in our format with `draft: true` at
its top: a proposal that validates but does not load until a person has reviewed it. Every
quote in it is verbatim, and a date the text does not give stays unknown.

The pieces, in the order a draft is made:
- `text`: sentences and clauses (spaCy's blank English pipeline: no model to download);
- `countries`: states, their other spellings, adjectives and capitals (countryinfo);
- `actors` and `actor_proposals`: mentions resolved to known actors (spaCy's
  PhraseMatcher), new ones proposed from titled mentions, states and organizations;
- `known`: what a draft resolves against (the live graph, `--against` files), and the
  same-event suggestions;
- `cues`: the words that tell a contact and its kind; `dates`: date expressions resolved
  against the dateline; `drafted`: a drafted record and what one sentence passes on;
- `interactions`: a record per clause with a cue, its type, date and status; `roles`: who
  took part in it and as what; `places`: where;
- `vetting` (with `evidence_dates`): the checks every drafted record passes, whoever
  drafted it; `llm`: the optional model backend (an OpenAI-compatible chat endpoint);
- `draft_file`: the records as a data file; `score`: a draft against a reference file.

Needs the optional extra `actorgraph[draft]`.
"""


class DraftError(Exception):
    """A draft cannot be made: the message says what is wrong and what to do next."""
