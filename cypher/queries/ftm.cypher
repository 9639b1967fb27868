// name: ftm
// title: Interactions with their actors and sources, for FollowTheMoney
// description: One row per interaction: its type, status, dates, place, every actor with a
//   role in it (with the ids other datasets know them by), its evidence quotes, and the
//   sources they come from. The FtM export (export --format ftm) is built from these rows.
//   actor keeps the interactions the actor had any role in; since and until keep those
//   whose date range overlaps them.
// param: actor string? — an actor's id, e.g. 'mevlut-cavusoglu'
// param: since date? — first day of the window, e.g. '2022-03-01'
// param: until date? — last day of the window, e.g. '2022-03-31'
:param {actor: 'mevlut-cavusoglu', since: null, until: null};
MATCH (d:Dataset {id: 'current'})
MATCH (i:Interaction) WHERE i.gen = d.gen
  AND ($actor IS NULL OR EXISTS {
        MATCH (:Actor {id: $actor, gen: d.gen})-[:PARTICIPATED_IN]->(i)
      })
  AND ($since IS NULL OR (coalesce(i.latest, i.earliest) IS NOT NULL
                          AND coalesce(i.latest, date($since)) >= date($since)))
  AND ($until IS NULL OR (coalesce(i.earliest, i.latest) IS NOT NULL
                          AND coalesce(i.earliest, date($until)) <= date($until)))
RETURN i.id AS id, i.type AS type, i.status AS status, i.precision AS date_precision,
  i.earliest AS earliest, i.latest AS latest,
  COLLECT { MATCH (i)-[:HELD_AT]->(p:Place) RETURN p.name }[0] AS place,
  COLLECT {
    MATCH (a:Actor)-[r:PARTICIPATED_IN]->(i)
    RETURN {id: a.id, name: a.name, kind: a.kind, aliases: a.aliases, wikidata: a.wikidata,
            iso2: a.iso2, role: r.role, took_part: r.took_part} AS x
    ORDER BY x.id, x.role
  } AS actors,
  COLLECT {
    MATCH (i)-[e:EVIDENCED_BY]->(s:Source)
    RETURN {quote: e.quote, source: s.id} AS x ORDER BY s.id, e.seq
  } AS evidence,
  COLLECT {
    MATCH (i)-[:EVIDENCED_BY]->(s:Source)
    RETURN DISTINCT {id: s.id, title: s.title, author: s.author, publisher: s.publisher,
                     date: s.date, url: s.url} AS x ORDER BY x.id
  } AS sources
ORDER BY coalesce(i.earliest, i.latest) IS NULL, coalesce(i.earliest, i.latest), id;
