// name: record_changeset
// title: Record what a load changed
// description: Part of a load (loader/changes.py), just before it publishes: one Changeset for the load (when, by whom, which sources it loaded or removed)
//   with a Change for each interaction, actor and contact added, removed or changed between
//   the previous live generation and the new one. Changed means another property, another
//   participant or role (properties compare key by key: Cypher's = on maps is not
//   reliable here), or another count of interactions for a contact; a contact's
//   sources are those that put both actors in one of its interactions. The first load
//   lists nothing and counts its interactions, actors and contacts as added. At most cap
//   changes are listed; truncated says when the load changed more (the counts are then
//   those listed). The history lives outside the generations, so it stays. It is pending
//   until publish marks it done in the same transaction that switches generations.
// param: id string — the changeset's id, e.g. 'gen-2'
// param: new integer — the generation just published, e.g. 2
// param: old integer? — the generation it replaced (null for the first load), e.g. 1
// param: at string — when, ISO 8601 in UTC, e.g. '2026-12-02T05:00:07Z'
// param: by string — who: user@host, e.g. 'curator@laptop'
// param: sources list<string> — the sources the load gave or removed, e.g. ['press-note-2022-03-10']
// param: removed list<string> — of those, the ones it removed, e.g. []
// param: cap integer — at most this many changes are listed (one transaction holds them), e.g. 10000
:param {id: 'gen-2', new: 2, old: 1, at: '2026-12-02T05:00:07Z', by: 'curator@laptop', sources: ['press-note-2022-03-10'], removed: [], cap: 10000};
CREATE (cs:Changeset {id: $id, generation: $new, previous: $old, at: datetime($at), by: $by,
                      sources: $sources, removed_sources: $removed, first: $old IS NULL,
                      pending: true})
WITH cs
CALL (cs) {
  WITH cs WHERE $old IS NOT NULL
  CALL () {
    MATCH (n:Interaction {gen: $new})
    OPTIONAL MATCH (o:Interaction {id: n.id, gen: $old})
    WITH n, o,
      COLLECT { MATCH (a:Actor)-[p:PARTICIPATED_IN]->(n) RETURN a.id + ':' + p.role AS x ORDER BY x } AS now,
      COLLECT { MATCH (a:Actor)-[p:PARTICIPATED_IN]->(o) RETURN a.id + ':' + p.role AS x ORDER BY x } AS before
    WHERE o IS NULL
       OR size(keys(n)) <> size(keys(o))
       OR any(k IN keys(n) WHERE k <> 'gen' AND NOT coalesce(n[k] = o[k], false))
       OR now <> before
    RETURN 'interaction' AS kind, n.id AS id, n.type AS label, n.sources AS sources,
           CASE WHEN o IS NULL THEN 'added' ELSE 'changed' END AS change
    UNION ALL
    MATCH (o:Interaction {gen: $old})
    WHERE NOT EXISTS { MATCH (:Interaction {id: o.id, gen: $new}) }
    RETURN 'interaction' AS kind, o.id AS id, o.type AS label, o.sources AS sources,
           'removed' AS change
    UNION ALL
    MATCH (n:Actor {gen: $new})
    OPTIONAL MATCH (o:Actor {id: n.id, gen: $old})
    WITH n, o
    WHERE o IS NULL
       OR size(keys(n)) <> size(keys(o))
       OR any(k IN keys(n) WHERE k <> 'gen' AND NOT coalesce(n[k] = o[k], false))
    RETURN 'actor' AS kind, n.id AS id, n.name AS label, n.sources AS sources,
           CASE WHEN o IS NULL THEN 'added' ELSE 'changed' END AS change
    UNION ALL
    MATCH (o:Actor {gen: $old})
    WHERE NOT EXISTS { MATCH (:Actor {id: o.id, gen: $new}) }
    RETURN 'actor' AS kind, o.id AS id, o.name AS label, o.sources AS sources,
           'removed' AS change
    UNION ALL
    MATCH (a:Actor {gen: $new})-[r:SPOKE_WITH]->(b:Actor)
    OPTIONAL MATCH (:Actor {id: a.id, gen: $old})-[ro:SPOKE_WITH]->(:Actor {id: b.id, gen: $old})
    WITH a, b, r, ro WHERE ro IS NULL OR ro.interactions <> r.interactions
    RETURN 'contact' AS kind, a.id + '|' + b.id AS id, a.name + ' – ' + b.name AS label,
           COLLECT {
             MATCH (a)-[pa:PARTICIPATED_IN {took_part: true}]->(:Interaction {status: 'held'})
                   <-[pb:PARTICIPATED_IN {took_part: true}]-(b)
             UNWIND [s IN pa.sources WHERE s IN pb.sources] AS s
             RETURN DISTINCT s ORDER BY s
           } AS sources,
           CASE WHEN ro IS NULL THEN 'added' ELSE 'changed' END AS change
    UNION ALL
    MATCH (a:Actor {gen: $old})-[:SPOKE_WITH]->(b:Actor)
    WHERE NOT EXISTS {
      MATCH (:Actor {id: a.id, gen: $new})-[:SPOKE_WITH]->(:Actor {id: b.id, gen: $new})
    }
    RETURN 'contact' AS kind, a.id + '|' + b.id AS id, a.name + ' – ' + b.name AS label,
           COLLECT {
             MATCH (a)-[pa:PARTICIPATED_IN {took_part: true}]->(:Interaction {status: 'held'})
                   <-[pb:PARTICIPATED_IN {took_part: true}]-(b)
             UNWIND [s IN pa.sources WHERE s IN pb.sources] AS s
             RETURN DISTINCT s ORDER BY s
           } AS sources, 'removed' AS change
  }
  WITH kind, change, id, label, sources
  LIMIT $cap
  CREATE (cs)-[:INCLUDES]->(:Change {kind: kind, change: change, id: id, label: label,
                                     sources: coalesce(sources, [])})
}
WITH cs
SET cs.truncated = COUNT { MATCH (cs)-[:INCLUDES]->(:Change) } >= $cap,
    cs.interactions = COUNT { MATCH (:Interaction {gen: $new}) },
    // A first load lists nothing (it would list the whole graph), but counts what it added.
    cs.added = CASE WHEN $old IS NULL
                    THEN COUNT { MATCH (:Interaction {gen: $new}) }
                         + COUNT { MATCH (:Actor {gen: $new}) }
                         + COUNT { MATCH (:Actor {gen: $new})-[:SPOKE_WITH]->(:Actor) }
                    ELSE COUNT { MATCH (cs)-[:INCLUDES]->(:Change {change: 'added'}) } END,
    cs.removed = COUNT { MATCH (cs)-[:INCLUDES]->(:Change {change: 'removed'}) },
    cs.changed = COUNT { MATCH (cs)-[:INCLUDES]->(:Change {change: 'changed'}) }
RETURN cs.id AS id;
