// name: contact_graph
// title: Who spoke with whom, drawn
// description: The derived SPOKE_WITH pairs (two actors who took part in one held
//   interaction) as paths that Neo4j Browser draws, each captioned by how many held
//   interactions joined the pair in all. since and until keep the pairs joined by a held
//   interaction whose date range overlaps them (undated ones then count for nothing).
//   Pairs with the most interactions first; limit keeps the first ones (200 by default).
// view: graph
// param: since date? — first day of the window, e.g. '2022-03-01'
// param: until date? — last day of the window, e.g. '2022-03-31'
// param: limit integer? — at most this many pairs (default 200), e.g. 200
:param {since: '2022-03-01', until: '2022-03-31', limit: 200};
MATCH (d:Dataset {id: 'current'})
MATCH p = (a:Actor {gen: d.gen})-[s:SPOKE_WITH]->(b:Actor)
WHERE ($since IS NULL AND $until IS NULL) OR EXISTS {
  MATCH (a)-[:PARTICIPATED_IN {took_part: true}]->(i:Interaction {status: 'held'})
        <-[:PARTICIPATED_IN {took_part: true}]-(b)
  WHERE ($since IS NULL OR (coalesce(i.latest, i.earliest) IS NOT NULL
                            AND coalesce(i.latest, date($since)) >= date($since)))
    AND ($until IS NULL OR (coalesce(i.earliest, i.latest) IS NOT NULL
                            AND coalesce(i.earliest, date($until)) <= date($until)))
}
RETURN p
ORDER BY s.interactions DESC, a.id, b.id
// toInteger: Neo4j Browser's :param map sends 200 as 200.0, which LIMIT refuses.
LIMIT toInteger(coalesce($limit, 200));
