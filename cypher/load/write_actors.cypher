// name: write_actors
// title: Write a batch of actors with their evidence
// description: Part of a load (loader/writer.py): each row becomes an Actor node with its
//   kind's label (Person, State, Organization) and an EVIDENCED_BY relationship per quote,
//   numbered by seq in file order. Every MATCH names its index: plans are cached, and one
//   planned while a label was nearly empty (right after a wipe) scanned Actor for every row,
//   8 s a batch instead of 0.3 s.
// param: rows list<map> — one map per actor: id, label, props, evidence, e.g. [{id: 'example', label: 'Person', props: {name: 'Example'}, evidence: []}]
// param: gen integer — the generation being written; -1 is never live, e.g. -1
:param {rows: [{id: 'example', label: 'Person', props: {name: 'Example'}, evidence: []}], gen: -1};
UNWIND $rows AS r
MERGE (n:Actor {id: r.id, gen: $gen})
SET n += r.props, n:$(r.label)
WITH n, r
CALL (n, r) {
  UNWIND range(0, size(r.evidence) - 1) AS seq
  WITH r.evidence[seq] AS e, seq
  MATCH (s:Source {id: e.source, gen: $gen}) USING INDEX SEEK s:Source(id, gen)
  CREATE (n)-[:EVIDENCED_BY {quote: e.quote, start: e.start, end: e.end, seq: seq}]->(s)
};
