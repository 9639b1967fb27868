// name: contacts
// title: Direct contacts of an actor
// description: Actors who took part in a held interaction in which the given actor took part
//   too (roles such as requester or arranger do not count), most frequent first. first and
//   last are the earliest and latest known dates of those interactions. since and
//   until keep the interactions whose date range overlaps them; undated ones are then left out.
//   sources counts the sources that put both actors in one of those interactions as taking
//   part: a source that has one of them only as arranger does not corroborate the pair.
// param: actor string — the actor's id, e.g. 'vladimir-putin'
// param: since date? — first day of the window, e.g. '2022-03-01'
// param: until date? — last day of the window, e.g. '2022-03-31'
// param: type string? — only interactions of this type, e.g. 'call'
// param: skip integer? — rows to skip, as the API's paging does, e.g. 0
// param: limit integer? — rows to return (null: all), e.g. 100
:param {actor: 'vladimir-putin', since: null, until: null, type: null, skip: 0, limit: 100};
MATCH (d:Dataset {id: 'current'})
MATCH (a:Actor {id: $actor, gen: d.gen})
MATCH (a)-[ra:PARTICIPATED_IN {took_part: true}]->(i:Interaction {status: 'held'})
      <-[ro:PARTICIPATED_IN {took_part: true}]-(other:Actor)
WHERE other <> a
  AND ($type IS NULL OR i.type = $type)
  // An open bound (null) may still fall in the window; a wholly undated one cannot be placed.
  AND ($since IS NULL OR (coalesce(i.latest, i.earliest) IS NOT NULL
                          AND coalesce(i.latest, date($since)) >= date($since)))
  AND ($until IS NULL OR (coalesce(i.earliest, i.latest) IS NOT NULL
                          AND coalesce(i.earliest, date($until)) <= date($until)))
// A source corroborates the pair only where it puts both of them in the interaction.
WITH other, collect(DISTINCT i) AS held, min(i.earliest) AS first, max(i.latest) AS last,
  collect([s IN ra.sources WHERE s IN ro.sources]) AS together
WITH {id: other.id, name: other.name, kind: other.kind} AS actor,
  size(held) AS interactions, first, last,
  COLLECT { UNWIND held AS h RETURN DISTINCT h.type AS t ORDER BY t } AS types,
  COLLECT {
    UNWIND together AS sids UNWIND sids AS sid
    RETURN DISTINCT sid ORDER BY sid
  } AS source_ids,
  COLLECT {
    UNWIND held AS h
    RETURN h.id AS hid ORDER BY coalesce(h.earliest, h.latest) IS NULL, coalesce(h.earliest, h.latest), hid
  } AS interaction_ids
WITH *, size(source_ids) AS sources
ORDER BY interactions DESC, actor.id
// toInteger: Neo4j Browser's :param map sends 100 as 100.0, which LIMIT refuses.
SKIP toInteger(coalesce($skip, 0)) LIMIT toInteger(coalesce($limit, 1000000000))
// Dates as ISO text, as the API answers them: the driver then builds no date objects.
RETURN actor, interactions, toString(first) AS first, toString(last) AS last, types, sources,
  source_ids, interaction_ids;
