// name: write_interactions
// title: Write a batch of interactions with participants, place, readings and evidence
// description: Part of a load (loader/writer.py): each row becomes an Interaction node with
//   its type's label, a PARTICIPATED_IN from each participant (role, took_part and the
//   sources that state it), HELD_AT its place, a REPORTED_IN per source that reports it
//   (that source's reading of date and participants), and its evidence. Relationships are
//   CREATEd: the generation is new and the rows hold each relationship once.
// param: rows list<map> — one map per interaction: id, label, props, participants, place, place_sources, readings, evidence, e.g. [{id: 'example', label: 'Call', props: {type: 'call'}, participants: [], place: null, place_sources: [], readings: [], evidence: []}]
// param: gen integer — the generation being written; -1 is never live, e.g. -1
:param {rows: [{id: 'example', label: 'Call', props: {type: 'call'}, participants: [], place: null, place_sources: [], readings: [], evidence: []}], gen: -1};
UNWIND $rows AS r
MERGE (n:Interaction {id: r.id, gen: $gen})
SET n += r.props, n:$(r.label)
WITH n, r
CALL (n, r) {
  UNWIND r.participants AS p
  MATCH (a:Actor {id: p.actor, gen: $gen}) USING INDEX SEEK a:Actor(id, gen)
  CREATE (a)-[:PARTICIPATED_IN {role: p.role, took_part: p.took_part,
                                sources: p.sources, notes: p.notes}]->(n)
}
CALL (n, r) {
  MATCH (place:Place {id: r.place, gen: $gen}) USING INDEX SEEK place:Place(id, gen)
  CREATE (n)-[:HELD_AT {sources: r.place_sources}]->(place)
}
CALL (n, r) {
  UNWIND r.readings AS reading
  MATCH (s:Source {id: reading.source, gen: $gen}) USING INDEX SEEK s:Source(id, gen)
  CREATE (n)-[x:REPORTED_IN]->(s)
  SET x += reading.props
}
WITH n, r
CALL (n, r) {
  UNWIND range(0, size(r.evidence) - 1) AS seq
  WITH r.evidence[seq] AS e, seq
  MATCH (s:Source {id: e.source, gen: $gen}) USING INDEX SEEK s:Source(id, gen)
  CREATE (n)-[:EVIDENCED_BY {quote: e.quote, start: e.start, end: e.end, seq: seq}]->(s)
};
