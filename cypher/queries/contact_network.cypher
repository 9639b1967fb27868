// name: contact_network
// title: The contact network, for Gephi
// description: One row per pair of actors who took part in the same held interaction: both
//   actors, how many such interactions, and each one's date range (a spell on Gephi's
//   timeline; undated ones give none). The GEXF export is built from these rows. actor
//   keeps the pairs with that actor; since and until keep the interactions whose date range
//   overlaps them.
// param: actor string? — an actor's id, e.g. 'mevlut-cavusoglu'
// param: since date? — first day of the window, e.g. '2022-03-01'
// param: until date? — last day of the window, e.g. '2022-03-31'
:param {actor: 'mevlut-cavusoglu', since: null, until: null};
MATCH (d:Dataset {id: 'current'})
MATCH (a:Actor {gen: d.gen})-[:PARTICIPATED_IN {took_part: true}]->(i:Interaction {status: 'held'})
      <-[:PARTICIPATED_IN {took_part: true}]-(b:Actor)
WHERE a.id < b.id
  AND ($actor IS NULL OR $actor IN [a.id, b.id])
  AND ($since IS NULL OR (coalesce(i.latest, i.earliest) IS NOT NULL
                          AND coalesce(i.latest, date($since)) >= date($since)))
  AND ($until IS NULL OR (coalesce(i.earliest, i.latest) IS NOT NULL
                          AND coalesce(i.earliest, date($until)) <= date($until)))
WITH a, b, collect(DISTINCT i) AS held
RETURN {id: a.id, name: a.name, kind: a.kind} AS a, {id: b.id, name: b.name, kind: b.kind} AS b,
  size(held) AS interactions,
  [h IN held WHERE coalesce(h.earliest, h.latest) IS NOT NULL
   | [coalesce(h.earliest, h.latest), coalesce(h.latest, h.earliest)]] AS spells
ORDER BY a.id, b.id;
