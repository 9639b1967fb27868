// name: places
// title: Places, with their states
// description: Every place, the state it lies in, and how many interactions were held there.
// param: skip integer? — rows to skip, as the API's paging does, e.g. 0
// param: limit integer? — rows to return (null: all), e.g. 100
:param {skip: 0, limit: 100};
MATCH (d:Dataset {id: 'current'})
MATCH (p:Place)
WHERE p.gen = d.gen
RETURN p.id AS id, p.name AS name, p.kind AS kind, p.aliases AS aliases,
  CASE WHEN p.latitude IS NULL THEN null
       ELSE {latitude: p.latitude, longitude: p.longitude} END AS coordinates,
  COLLECT {
    MATCH (p)-[:IN_STATE]->(s:Actor) RETURN {id: s.id, name: s.name, kind: s.kind} AS x
  }[0] AS state,
  COUNT { (p)<-[:HELD_AT]-(:Interaction) } AS interactions,
  COLLECT {
    MATCH (p)-[e:EVIDENCED_BY]->(s:Source)
    RETURN {source: s.id, quote: e.quote, start: e.start, end: e.end} AS ev
    ORDER BY ev.source, e.seq
  } AS evidence
ORDER BY name, id
// toInteger: Neo4j Browser's :param map sends 100 as 100.0, which LIMIT refuses.
SKIP toInteger(coalesce($skip, 0)) LIMIT toInteger(coalesce($limit, 1000000000));
