// name: interactions
// title: Interactions, filtered
// description: Interactions sorted by date (earliest, or latest when only that is known), then
//   id; undated ones last. actor keeps those the actor had any role in; with (which needs
//   actor) keeps those both took part in. since and until keep the ones whose date range
//   overlaps them (an open bound counts as overlapping; undated ones are left out).
// param: actor string? — an actor's id, e.g. 'dmytro-kuleba'
// param: with string? — a second actor's id; both must have taken part, e.g. 'sergey-lavrov'
// param: type string? — an interaction type, e.g. 'meeting'
// param: status string? — held, planned, proposed or ruled_out, e.g. 'held'
// param: since date? — first day of the window, e.g. '2022-03-01'
// param: until date? — last day of the window, e.g. '2022-03-31'
// param: min_sources integer? — only interactions stated by at least this many sources (with
//   actor and with: that many sources put both of them in it), e.g. 1
// param: offset integer — rows to skip, e.g. 0
// param: limit integer — rows to return, e.g. 100
:param {actor: 'dmytro-kuleba', with: 'sergey-lavrov', type: null, status: null, since: null, until: null, min_sources: null, offset: 0, limit: 100};
MATCH (d:Dataset {id: 'current'})
// Enter through the actor's index seek when one is given, else scan the live generation.
CALL (d) {
  WITH d WHERE $actor IS NOT NULL
  MATCH (:Actor {id: $actor, gen: d.gen})-[r:PARTICIPATED_IN]->(i:Interaction)
  WHERE $with IS NULL OR r.took_part
  RETURN DISTINCT i
  UNION
  // The seek key is null when an actor is given, so this branch reads nothing: a plain
  // `WHERE $actor IS NULL` is applied after the seek, which read every interaction.
  WITH d
  MATCH (i:Interaction) WHERE i.gen = CASE WHEN $actor IS NULL THEN d.gen END
  RETURN i
}
WITH i
WHERE ($with IS NULL OR EXISTS {
        MATCH (:Actor {id: $with, gen: i.gen})-[:PARTICIPATED_IN {took_part: true}]->(i)
      })
  AND ($type IS NULL OR i.type = $type)
  AND ($status IS NULL OR i.status = $status)
  AND ($min_sources IS NULL OR $min_sources <= CASE WHEN $with IS NULL THEN size(i.sources)
        ELSE size(COLLECT {
          MATCH (:Actor {id: $actor, gen: i.gen})-[ra:PARTICIPATED_IN {took_part: true}]->(i)
                <-[rw:PARTICIPATED_IN {took_part: true}]-(:Actor {id: $with, gen: i.gen})
          UNWIND ra.sources AS s
          WITH s, rw WHERE s IN rw.sources
          RETURN DISTINCT s
        }) END)
  AND ($since IS NULL OR (coalesce(i.latest, i.earliest) IS NOT NULL
                          AND coalesce(i.latest, date($since)) >= date($since)))
  AND ($until IS NULL OR (coalesce(i.earliest, i.latest) IS NOT NULL
                          AND coalesce(i.earliest, date($until)) <= date($until)))
WITH i
ORDER BY coalesce(i.earliest, i.latest) IS NULL, coalesce(i.earliest, i.latest), i.id
// toInteger: Neo4j Browser's :param map sends 100 as 100.0, which LIMIT refuses.
SKIP toInteger($offset) LIMIT toInteger($limit)
// Dates as ISO text, as the API answers them: the driver then builds no date objects.
RETURN i.id AS id, i.type AS type, i.cameo AS cameo, i.status AS status,
  CASE WHEN i.precision = 'day' THEN toString(i.earliest) END AS date,
  i.precision AS date_precision, toString(i.earliest) AS earliest, toString(i.latest) AS latest,
  i.date_notes AS date_notes,
  COLLECT { MATCH (i)-[:HELD_AT]->(p:Place) RETURN {id: p.id, name: p.name} AS place }[0]
    AS place,
  COLLECT {
    MATCH (a:Actor)-[r:PARTICIPATED_IN]->(i)
    RETURN {actor: {id: a.id, name: a.name, kind: a.kind}, role: r.role, took_part: r.took_part,
            sources: r.sources} AS participant
    ORDER BY participant.took_part DESC, participant.actor.id, participant.role
  } AS participants,
  COLLECT {
    MATCH (i)-[e:EVIDENCED_BY]->(s:Source)
    RETURN {source: s.id, quote: e.quote, start: e.start, end: e.end} AS ev
    ORDER BY ev.source, e.seq
  } AS evidence,
  COUNT { MATCH (i)-[:EVIDENCED_BY]->(s:Source) RETURN DISTINCT s } AS sources,
  i.medium AS medium, i.occurrences AS occurrences,
  i.duration_minutes AS duration_minutes, i.duration_approx AS duration_approx,
  i.topics AS topics, i.outcome AS outcome, i.notes AS notes;
