// name: statements
// title: Statements, with speaker, date and quote
// description: What was said, by whom, when, and about which interaction, with the evidence.
//   speaker matches the actor who spoke or, for an unnamed speaker, the state or organization
//   the speaker spoke for. Sorted by date (undated last), then id. since and until keep the
//   statements whose date range overlaps them; undated ones are then left out.
// param: speaker string? — an actor's id, e.g. 'mykhailo-podoliak'
// param: since date? — first day of the window, e.g. '2022-03-14'
// param: until date? — last day of the window, e.g. '2022-03-20'
// param: skip integer? — rows to skip, as the API's paging does, e.g. 0
// param: limit integer? — rows to return (null: all), e.g. 100
:param {speaker: 'mykhailo-podoliak', since: null, until: null, skip: 0, limit: 100};
MATCH (d:Dataset {id: 'current'})
CALL (d) {
  WITH d WHERE $speaker IS NOT NULL
  MATCH (:Actor {id: $speaker, gen: d.gen})-[:SAID]->(st:Statement)
  RETURN st
  UNION
  WITH d WHERE $speaker IS NOT NULL
  MATCH (:Actor {id: $speaker, gen: d.gen})<-[:SPEAKER_FROM]-(st:Statement)
  RETURN st
  UNION
  WITH d WHERE $speaker IS NULL
  MATCH (st:Statement) WHERE st.gen = d.gen
  RETURN st
}
WITH st
WHERE ($since IS NULL OR (coalesce(st.latest, st.earliest) IS NOT NULL
                          AND coalesce(st.latest, date($since)) >= date($since)))
  AND ($until IS NULL OR (coalesce(st.earliest, st.latest) IS NOT NULL
                          AND coalesce(st.earliest, date($until)) <= date($until)))
WITH st
ORDER BY coalesce(st.earliest, st.latest) IS NULL, coalesce(st.earliest, st.latest), st.id
// toInteger: Neo4j Browser's :param map sends 100 as 100.0, which LIMIT refuses.
SKIP toInteger(coalesce($skip, 0)) LIMIT toInteger(coalesce($limit, 1000000000))
RETURN st.id AS id,
  COLLECT { MATCH (a:Actor)-[:SAID]->(st) RETURN {id: a.id, name: a.name, kind: a.kind} AS x }[0]
    AS speaker,
  st.speaker_description AS speaker_description,
  COLLECT {
    MATCH (st)-[:SPEAKER_FROM]->(a:Actor) RETURN {id: a.id, name: a.name, kind: a.kind} AS x
  }[0] AS speaker_from,
  COLLECT {
    MATCH (st)-[:REPORTED_BY]->(a:Actor) RETURN {id: a.id, name: a.name, kind: a.kind} AS x
  }[0] AS reported_by,
  st.reported_by_description AS reported_by_description,
  CASE WHEN st.precision = 'day' THEN st.earliest END AS date,
  st.precision AS date_precision, st.earliest AS earliest, st.latest AS latest,
  st.date_notes AS date_notes,
  st.quote AS quote, st.reported AS reported, st.medium AS medium,
  COLLECT {
    MATCH (st)-[:ABOUT]->(i:Interaction) RETURN {id: i.id, type: i.type, status: i.status} AS x
  }[0] AS interaction,
  COLLECT {
    MATCH (st)-[e:EVIDENCED_BY]->(s:Source)
    RETURN {source: s.id, quote: e.quote, start: e.start, end: e.end} AS ev
    ORDER BY ev.source, e.seq
  } AS evidence,
  st.source AS source, st.notes AS notes;
