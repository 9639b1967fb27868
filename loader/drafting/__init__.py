"""Drafting a dataset from a new article: the curator reviews instead of typing.

`actorgraph draft` reads a text and writes a data file in our format with `draft: true` at
its top: a proposal that validates but does not load until a person has reviewed it. Every
quote in it is verbatim, and a date the text does not give stays unknown.

The pieces, in the order a draft is made:
- `text`: sentences and tokens (spaCy's blank English pipeline: no model to download);
- `dates`: date expressions in a sentence, resolved against the dateline;
- `actors`: mentions resolved against known names and aliases, new persons and states
  proposed from titled mentions and the country table;
- `interactions`: sentences with a cue (call, met, talks, mediated...), their type,
  participants and roles;
- `vetting`: the checks every drafted record passes, whoever drafted it;
- `llm`: the optional model backend (an OpenAI-compatible chat endpoint);
- `draft_file`: the records as a data file;
- `score`: precision and recall of a draft against a reference file.

Needs the optional extra `actorgraph[draft]`.
"""


class DraftError(Exception):
    """A draft cannot be made: the message says what is wrong and what to do next."""
