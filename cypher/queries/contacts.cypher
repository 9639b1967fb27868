// name: contacts
// title: Direct contacts of an actor
// description: Actors who took part in a held interaction in which the given actor took part
//   too (roles such as requester or arranger do not count), most frequent first. first and
//   last are the earliest and latest known dates of those interactions, read as bounds:
//   first is never later than a date that bounds one of them from above, last never earlier
//   than one that bounds one from below. first_bound says what first is: null when it is the
//   day of the first contact, 'on_or_before' when the first contact was on it or before (one
//   interaction is known only as on or before a date), 'on_or_after' when on it or after (a
//   month, a range); last_bound the same for last. since and until keep the interactions
//   whose date range overlaps them; undated ones are then left out.
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
WITH other, collect(DISTINCT i) AS held,
  min(i.earliest) AS first_from, min(i.latest) AS first_by,
  max(i.earliest) AS last_from, max(i.latest) AS last_by,
  // One interaction bounded from one end only leaves the pair's first (last) unbounded there.
  count(CASE WHEN i.earliest IS NULL AND i.latest IS NOT NULL THEN 1 END) > 0 AS open_start,
  count(CASE WHEN i.latest IS NULL AND i.earliest IS NOT NULL THEN 1 END) > 0 AS open_end,
  collect([s IN ra.sources WHERE s IN ro.sources]) AS together
WITH other, held, together,
  CASE WHEN open_start THEN first_by ELSE first_from END AS first,
  CASE WHEN open_start THEN 'on_or_before'
       WHEN first_from IS NOT NULL AND (first_by IS NULL OR first_from < first_by)
       THEN 'on_or_after' END AS first_bound,
  CASE WHEN open_end THEN last_from ELSE last_by END AS last,
  CASE WHEN open_end THEN 'on_or_after'
       WHEN last_by IS NOT NULL AND (last_from IS NULL OR last_from < last_by)
       THEN 'on_or_before' END AS last_bound
WITH {id: other.id, name: other.name, kind: other.kind} AS actor,
  size(held) AS interactions, first, first_bound, last, last_bound,
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
RETURN actor, interactions, toString(first) AS first, first_bound, toString(last) AS last,
  last_bound, types, sources, source_ids, interaction_ids;
