// name: write_places
// title: Write a batch of places with their state and evidence
// description: Part of a load (loader/writer.py): each row becomes a Place node, IN_STATE
//   its state when the record names one, with its evidence.
// param: rows list<map> — one map per place: id, props, state, evidence, e.g. [{id: 'example', props: {name: 'Example'}, state: null, evidence: []}]
// param: gen integer — the generation being written; -1 is never live, e.g. -1
:param {rows: [{id: 'example', props: {name: 'Example'}, state: null, evidence: []}], gen: -1};
UNWIND $rows AS r
MERGE (n:Place {id: r.id, gen: $gen})
SET n += r.props
WITH n, r
CALL (n, r) {
  MATCH (state:Actor {id: r.state, gen: $gen}) USING INDEX SEEK state:Actor(id, gen)
  CREATE (n)-[:IN_STATE]->(state)
}
WITH n, r
CALL (n, r) {
  UNWIND range(0, size(r.evidence) - 1) AS seq
  WITH r.evidence[seq] AS e, seq
  MATCH (s:Source {id: e.source, gen: $gen}) USING INDEX SEEK s:Source(id, gen)
  CREATE (n)-[:EVIDENCED_BY {quote: e.quote, start: e.start, end: e.end, seq: seq}]->(s)
};
