// name: timeline
// title: An actor's timeline: interactions and statements in date order
// description: The interactions the actor had any role in (with that role) and the statements
//   the actor made, in date order (earliest, or latest when only that is known; undated last;
//   on one date, what is known only as on or before it comes first). date_bound says what
//   that date is: null when it is the entry's day, 'on_or_before' when only its latest bound
//   is known, 'on_or_after' when the entry was on it or after (a range, or no latest bound).
//   since and until keep the entries whose date range overlaps them; undated ones are then
//   left out.
// param: actor string — the actor's id, e.g. 'emmanuel-macron'
// param: since date? — first day of the window, e.g. '2022-03-01'
// param: until date? — last day of the window, e.g. '2022-03-12'
// param: skip integer? — rows to skip, as the API's paging does, e.g. 0
// param: limit integer? — rows to return (null: all), e.g. 100
:param {actor: 'emmanuel-macron', since: '2022-03-01', until: '2022-03-12', skip: 0, limit: 100};
MATCH (d:Dataset {id: 'current'})
MATCH (a:Actor {id: $actor, gen: d.gen})
CALL (a) {
  MATCH (a)-[r:PARTICIPATED_IN]->(i:Interaction)
  RETURN 'interaction' AS kind, i AS entry, collect(r.role) AS roles
  UNION
  MATCH (a)-[:SAID]->(st:Statement)
  RETURN 'statement' AS kind, st AS entry, [] AS roles
}
WITH a, kind, entry, roles
WHERE ($since IS NULL OR (coalesce(entry.latest, entry.earliest) IS NOT NULL
                          AND coalesce(entry.latest, date($since)) >= date($since)))
  AND ($until IS NULL OR (coalesce(entry.earliest, entry.latest) IS NOT NULL
                          AND coalesce(entry.earliest, date($until)) <= date($until)))
RETURN kind, entry.id AS id,
  CASE WHEN entry.precision = 'day' THEN entry.earliest END AS date,
  entry.precision AS date_precision, entry.earliest AS earliest, entry.latest AS latest,
  CASE WHEN entry.earliest IS NULL AND entry.latest IS NOT NULL THEN 'on_or_before'
       WHEN entry.earliest IS NOT NULL AND (entry.latest IS NULL OR entry.earliest < entry.latest)
       THEN 'on_or_after' END AS date_bound,
  roles,
  entry.type AS type, entry.status AS status,
  COLLECT {
    MATCH (p:Actor)-[r:PARTICIPATED_IN {took_part: true}]->(entry)
    WHERE p <> a
    RETURN {id: p.id, name: p.name, kind: p.kind} AS x ORDER BY x.id
  } AS with,
  COLLECT { MATCH (entry)-[:HELD_AT]->(p:Place) RETURN {id: p.id, name: p.name} AS x }[0]
    AS place,
  entry.quote AS quote, entry.reported AS reported,
  COLLECT {
    MATCH (entry)-[:ABOUT]->(i:Interaction) RETURN {id: i.id, type: i.type, status: i.status} AS x
  }[0] AS interaction,
  COLLECT {
    MATCH (entry)-[e:EVIDENCED_BY]->(s:Source)
    RETURN {source: s.id, quote: e.quote, start: e.start, end: e.end} AS ev
    ORDER BY ev.source, e.seq
  } AS evidence
ORDER BY coalesce(earliest, latest) IS NULL, coalesce(earliest, latest), earliest IS NOT NULL,
  kind, id
// toInteger: Neo4j Browser's :param map sends 100 as 100.0, which LIMIT refuses.
SKIP toInteger(coalesce($skip, 0)) LIMIT toInteger(coalesce($limit, 1000000000));
