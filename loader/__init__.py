"""The dataset: YAML models, vocabulary, validation, and writing it into Neo4j.

The write defaults live here, free of imports, so that the CLI can show them in `--help`
without loading the driver.
"""

DEFAULT_BATCH_SIZE = 2000
# Two write transactions at once: on 2 cores this halved the time of writing interactions
# (bench: 18.8 s -> 10.0 s at 100k); a third was slower.
DEFAULT_WRITERS = 2
# synth: a negotiation seats up to six people, and a cast of fewer than 9 actors has fewer
# than six (a tenth are states, a twentieth organizations, at least 2 and 1).
MIN_SYNTH_ACTORS = 9
