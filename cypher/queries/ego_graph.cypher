// name: ego_graph
// title: An actor's ego network, drawn
// description: The actor, each interaction it had a role in, and everyone else with a role
//   in those, as paths that Neo4j Browser draws: each interaction captioned by its type and
//   date, each relationship by the role. One row per interaction, earliest first (undated
//   last); limit keeps the first ones (25 by default). since and until keep the
//   interactions whose date range overlaps them; undated ones are then left out.
// view: graph
// param: actor string — the actor's id, e.g. 'emmanuel-macron'
// param: since date? — first day of the window, e.g. '2022-03-01'
// param: until date? — last day of the window, e.g. '2022-03-12'
// param: limit integer? — at most this many interactions (default 25), e.g. 25
:param {actor: 'emmanuel-macron', since: null, until: null, limit: 25};
MATCH (d:Dataset {id: 'current'})
MATCH (a:Actor {id: $actor, gen: d.gen})-[:PARTICIPATED_IN]->(i:Interaction)
WHERE ($since IS NULL OR (coalesce(i.latest, i.earliest) IS NOT NULL
                          AND coalesce(i.latest, date($since)) >= date($since)))
  AND ($until IS NULL OR (coalesce(i.earliest, i.latest) IS NOT NULL
                          AND coalesce(i.earliest, date($until)) <= date($until)))
WITH DISTINCT a, i
ORDER BY coalesce(i.earliest, i.latest) IS NULL, coalesce(i.earliest, i.latest), i.id
// toInteger: Neo4j Browser's :param map sends 25 as 25.0, which LIMIT refuses.
LIMIT toInteger(coalesce($limit, 25))
RETURN COLLECT { MATCH p = (a)-[:PARTICIPATED_IN]->(i) RETURN p } AS actor,
  COLLECT { MATCH p = (i)<-[:PARTICIPATED_IN]-(other:Actor) WHERE other <> a RETURN p } AS others;
