// name: contact_network
// title: The contact network, for Gephi
// description: One row per pair of actors who took part in the same held interaction: both
//   actors, how many such interactions, each one's date range as bounds (a spell on Gephi's
//   timeline, open at an end the date is not bounded at, as since and until read it;
//   undated ones give none), and the pair's first and last date with first_bound and
//   last_bound, as the contacts query gives them. The GEXF export is built from these rows.
//   actor keeps the pairs with that actor; since and until keep the interactions whose date
//   range overlaps them.
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
WITH a, b, collect(DISTINCT i) AS held,
  min(i.earliest) AS first_from, min(i.latest) AS first_by,
  max(i.earliest) AS last_from, max(i.latest) AS last_by,
  // One interaction bounded from one end only leaves the pair's first (last) unbounded there.
  count(CASE WHEN i.earliest IS NULL AND i.latest IS NOT NULL THEN 1 END) > 0 AS open_start,
  count(CASE WHEN i.latest IS NULL AND i.earliest IS NOT NULL THEN 1 END) > 0 AS open_end
RETURN {id: a.id, name: a.name, kind: a.kind} AS a, {id: b.id, name: b.name, kind: b.kind} AS b,
  size(held) AS interactions,
  [h IN held WHERE coalesce(h.earliest, h.latest) IS NOT NULL | [h.earliest, h.latest]] AS spells,
  CASE WHEN open_start THEN first_by ELSE first_from END AS first,
  CASE WHEN open_start THEN 'on_or_before'
       WHEN first_from IS NOT NULL AND (first_by IS NULL OR first_from < first_by)
       THEN 'on_or_after' END AS first_bound,
  CASE WHEN open_end THEN last_from ELSE last_by END AS last,
  CASE WHEN open_end THEN 'on_or_after'
       WHEN last_by IS NOT NULL AND (last_from IS NULL OR last_from < last_by)
       THEN 'on_or_before' END AS last_bound
ORDER BY a.id, b.id;
