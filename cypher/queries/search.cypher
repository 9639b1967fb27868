// name: search
// title: Search names, statements and evidence quotes
// description: Full-text search (Lucene syntax: words, "a phrase", prefix*, AND, OR, NOT,
//   fuzzy~) over actor names and aliases, what statements quote, and the quotes of the
//   evidence, ignoring case and diacritics; best matches first. kinds keeps some of actor,
//   statement, evidence. since and until keep the hits whose record's date range overlaps
//   them (actors and undated records are then left out). Each hit names its record (kind,
//   id, label), the texts that may have matched, and the source it is from. The hits are
//   ranked and cut to the page before anything else is looked up, so a word that matches
//   100k quotes costs one sort, not 100k lookups.
// param: q string — the Lucene query, e.g. 'security guarantees'
// param: kinds list<string>? — any of actor, statement, evidence, e.g. ['statement', 'evidence']
// param: since date? — first day of the window, e.g. '2022-03-01'
// param: until date? — last day of the window, e.g. '2022-03-31'
// param: limit integer? — at most this many hits (default 100), e.g. 20
// param: skip integer? — hits to skip, as the API's paging does, e.g. 0
:param {q: 'security guarantees', kinds: null, since: null, until: null, limit: 20, skip: 0};
MATCH (d:Dataset {id: 'current'})
// Without a date window, Lucene's own top hits are enough: twice the page, since a load in
// progress adds a second generation's hits. A window may leave out any of them: all then.
WITH d, CASE WHEN $since IS NULL AND $until IS NULL
             THEN 2 * (coalesce($skip, 0) + coalesce($limit, 100)) ELSE 1000000000 END AS top
CALL (d, top) {
  CALL db.index.fulltext.queryNodes('actor_names', $q, {limit: top}) YIELD node, score
  WITH node, score WHERE node.gen = d.gen
    AND ($kinds IS NULL OR 'actor' IN $kinds) AND $since IS NULL AND $until IS NULL
  RETURN 'actor' AS kind, score, node AS record, null AS quoted
  UNION ALL
  CALL db.index.fulltext.queryNodes('statement_text', $q, {limit: top}) YIELD node, score
  WITH node, score WHERE node.gen = d.gen AND ($kinds IS NULL OR 'statement' IN $kinds)
  RETURN 'statement' AS kind, score, node AS record, null AS quoted
  UNION ALL
  CALL db.index.fulltext.queryRelationships('evidence_quotes', $q, {limit: top}) YIELD relationship, score
  WITH startNode(relationship) AS n, relationship, score
  WHERE n.gen = d.gen AND ($kinds IS NULL OR 'evidence' IN $kinds)
  RETURN 'evidence' AS kind, score, n AS record, relationship AS quoted
}
WITH kind, score, record, quoted
WHERE ($since IS NULL OR (coalesce(record.latest, record.earliest) IS NOT NULL
                          AND coalesce(record.latest, date($since)) >= date($since)))
  AND ($until IS NULL OR (coalesce(record.earliest, record.latest) IS NOT NULL
                          AND coalesce(record.earliest, date($until)) <= date($until)))
WITH kind, score, record, quoted
ORDER BY score DESC, kind, record.id
// toInteger: Neo4j Browser's :param map sends 100 as 100.0, which LIMIT refuses.
SKIP toInteger(coalesce($skip, 0)) LIMIT toInteger(coalesce($limit, 100))
RETURN kind, score,
  {kind: toLower(head([l IN labels(record) WHERE l IN ['Actor', 'Interaction', 'Place', 'Statement']])),
   id: record.id,
   label: coalesce(record.name, record.type,
                   COLLECT { MATCH (a:Actor)-[:SAID]->(record) RETURN a.name }[0],
                   record.speaker_description)} AS record,
  CASE kind
    WHEN 'actor' THEN [record.name] + coalesce(record.aliases, [])
    WHEN 'statement' THEN [t IN [record.quote, record.reported] WHERE t IS NOT NULL]
    ELSE [quoted.quote]
  END AS texts,
  CASE kind
    WHEN 'actor' THEN null
    WHEN 'statement' THEN COLLECT {
      MATCH (record)-[:EVIDENCED_BY]->(s:Source) RETURN s.id AS id ORDER BY id LIMIT 1
    }[0]
    ELSE endNode(quoted).id
  END AS source,
  record.earliest AS earliest, record.latest AS latest;
