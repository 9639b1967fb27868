// name: source
// title: One source: its metadata and what it backs
// description: The source's title, author, date, publisher and URL, and the ids of the
//   interactions, statements, actors and places whose evidence quotes it, and of the
//   affiliations and memberships it records.
// param: id string — the source's id, e.g. 'cameron-2022-03-21'
:param {id: 'cameron-2022-03-21'};
MATCH (d:Dataset {id: 'current'})
MATCH (s:Source {id: $id, gen: d.gen})
RETURN s.id AS id, s.title AS title, s.author AS author, s.date AS date,
  s.publisher AS publisher, s.url AS url, s.text_file AS text_file,
  COLLECT {
    MATCH (i:Interaction)-[:EVIDENCED_BY]->(s) RETURN DISTINCT i.id AS x ORDER BY x
  } AS interactions,
  COLLECT {
    MATCH (st:Statement)-[:EVIDENCED_BY]->(s) RETURN DISTINCT st.id AS x ORDER BY x
  } AS statements,
  COLLECT { MATCH (a:Actor)-[:EVIDENCED_BY]->(s) RETURN DISTINCT a.id AS x ORDER BY x } AS actors,
  COLLECT { MATCH (p:Place)-[:EVIDENCED_BY]->(s) RETURN DISTINCT p.id AS x ORDER BY x } AS places,
  // Affiliations and memberships name their source in a property, not a relationship.
  COLLECT {
    MATCH (a:Actor)-[h:HOLDS_POSITION]->(:Actor)
    WHERE a.gen = d.gen AND h.source = s.id
    RETURN h.id AS x ORDER BY x
  } AS affiliations,
  COLLECT {
    MATCH (a:Actor)-[m:PART_OF|MEMBER_OF]->(:Actor)
    WHERE a.gen = d.gen AND m.source = s.id
    RETURN m.id AS x ORDER BY x
  } AS memberships;
