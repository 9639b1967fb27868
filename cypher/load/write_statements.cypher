// name: write_statements
// title: Write a batch of statements with speaker, reporter, interaction and evidence
// description: Part of a load (loader/writer.py): each row becomes a Statement node that
//   its speaker SAID, with SPEAKER_FROM the speaker's side, REPORTED_BY the actor who
//   relayed it, ABOUT an interaction, and its evidence; each link only where the record
//   gives it.
// param: rows list<map> — one map per statement: id, props, speaker, speaker_affiliation, reported_by, interaction, evidence, e.g. [{id: 'example', props: {text: 'Example'}, speaker: null, speaker_affiliation: null, reported_by: null, interaction: null, evidence: []}]
// param: gen integer — the generation being written; -1 is never live, e.g. -1
:param {rows: [{id: 'example', props: {text: 'Example'}, speaker: null, speaker_affiliation: null, reported_by: null, interaction: null, evidence: []}], gen: -1};
UNWIND $rows AS r
MERGE (n:Statement {id: r.id, gen: $gen})
SET n += r.props
WITH n, r
CALL (n, r) {
  MATCH (a:Actor {id: r.speaker, gen: $gen}) USING INDEX SEEK a:Actor(id, gen)
  CREATE (a)-[:SAID]->(n)
}
CALL (n, r) {
  MATCH (a:Actor {id: r.speaker_affiliation, gen: $gen}) USING INDEX SEEK a:Actor(id, gen)
  CREATE (n)-[:SPEAKER_FROM]->(a)
}
CALL (n, r) {
  MATCH (a:Actor {id: r.reported_by, gen: $gen}) USING INDEX SEEK a:Actor(id, gen)
  CREATE (n)-[:REPORTED_BY]->(a)
}
CALL (n, r) {
  MATCH (i:Interaction {id: r.interaction, gen: $gen}) USING INDEX SEEK i:Interaction(id, gen)
  CREATE (n)-[:ABOUT]->(i)
}
WITH n, r
CALL (n, r) {
  UNWIND range(0, size(r.evidence) - 1) AS seq
  WITH r.evidence[seq] AS e, seq
  MATCH (s:Source {id: e.source, gen: $gen}) USING INDEX SEEK s:Source(id, gen)
  CREATE (n)-[:EVIDENCED_BY {quote: e.quote, start: e.start, end: e.end, seq: seq}]->(s)
};
