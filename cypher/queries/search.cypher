// name: search
// title: Search names, statements and evidence quotes
// description: Full-text search (Lucene syntax: words, "a phrase", prefix*, AND, OR, NOT,
//   fuzzy~) over actor names and aliases, what statements quote, and the quotes of the
//   evidence, ignoring case and diacritics; best matches first. kinds keeps some of actor,
//   statement, evidence. since and until keep the hits whose record's date range overlaps
//   them (actors and undated records are then left out). Each hit names its record (kind,
//   id, label), the text that matched, and the source it is from.
// param: q string — the Lucene query, e.g. 'security guarantees'
// param: kinds list<string>? — any of actor, statement, evidence, e.g. ['statement', 'evidence']
// param: since date? — first day of the window, e.g. '2022-03-01'
// param: until date? — last day of the window, e.g. '2022-03-31'
// param: limit integer? — at most this many hits (default 100), e.g. 20
// param: skip integer? — hits to skip, as the API's paging does, e.g. 0
:param {q: 'security guarantees', kinds: null, since: null, until: null, limit: 20, skip: 0};
MATCH (d:Dataset {id: 'current'})
CALL (d) {
  CALL db.index.fulltext.queryNodes('actor_names', $q) YIELD node, score
  WITH node, score WHERE node.gen = d.gen
    AND ($kinds IS NULL OR 'actor' IN $kinds) AND $since IS NULL AND $until IS NULL
  RETURN 'actor' AS kind, score, {kind: 'actor', id: node.id, label: node.name} AS record,
    [node.name] + coalesce(node.aliases, []) AS texts, null AS source,
    null AS earliest, null AS latest
  UNION ALL
  CALL db.index.fulltext.queryNodes('statement_text', $q) YIELD node, score
  WITH node, score WHERE node.gen = d.gen AND ($kinds IS NULL OR 'statement' IN $kinds)
  RETURN 'statement' AS kind, score,
    {kind: 'statement', id: node.id,
     label: coalesce(COLLECT { MATCH (a:Actor)-[:SAID]->(node) RETURN a.name }[0],
                     node.speaker_description)} AS record,
    [t IN [node.quote, node.reported] WHERE t IS NOT NULL] AS texts,
    COLLECT { MATCH (node)-[:EVIDENCED_BY]->(s:Source) RETURN s.id AS id ORDER BY id LIMIT 1 }[0] AS source,
    node.earliest AS earliest, node.latest AS latest
  UNION ALL
  CALL db.index.fulltext.queryRelationships('evidence_quotes', $q) YIELD relationship, score
  WITH startNode(relationship) AS n, relationship AS r, endNode(relationship) AS s, score
  WHERE n.gen = d.gen AND ($kinds IS NULL OR 'evidence' IN $kinds)
  RETURN 'evidence' AS kind, score,
    {kind: toLower(head([l IN labels(n) WHERE l IN ['Actor', 'Interaction', 'Place', 'Statement']])),
     id: n.id,
     label: coalesce(n.name, n.type, COLLECT { MATCH (a:Actor)-[:SAID]->(n) RETURN a.name }[0],
                     n.speaker_description)} AS record,
    [r.quote] AS texts, s.id AS source, n.earliest AS earliest, n.latest AS latest
}
WITH kind, score, record, texts, source, earliest, latest
WHERE ($since IS NULL OR (coalesce(latest, earliest) IS NOT NULL
                          AND coalesce(latest, date($since)) >= date($since)))
  AND ($until IS NULL OR (coalesce(earliest, latest) IS NOT NULL
                          AND coalesce(earliest, date($until)) <= date($until)))
RETURN kind, score, record, texts, source, earliest, latest
ORDER BY score DESC, kind, record.id
SKIP coalesce($skip, 0) LIMIT coalesce($limit, 100);
