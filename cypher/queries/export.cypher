// name: export
// title: Who took part in what, for export
// description: One row per participation: the interaction (type, status, dates, sources) and
//   the actor with their role. Exports to GraphML, CSV and JSON are built from these rows.
//   actor keeps the interactions the actor had any role in, with all their participants;
//   since and until keep the interactions whose date range overlaps them (an open bound
//   counts as overlapping; undated ones are left out).
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
MATCH (a:Actor)-[p:PARTICIPATED_IN]->(i)
RETURN i.id AS interaction, i.type AS type, i.status AS status,
  i.precision AS date_precision, i.earliest AS earliest, i.latest AS latest,
  i.sources AS interaction_sources,
  a.id AS actor, a.name AS actor_name, a.kind AS actor_kind,
  p.role AS role, p.took_part AS took_part, p.sources AS role_sources
ORDER BY coalesce(i.earliest, i.latest) IS NULL, coalesce(i.earliest, i.latest), interaction,
  actor, role;
