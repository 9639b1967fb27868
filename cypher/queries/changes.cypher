// name: changes
// title: What each load changed
// description: The loads since a day, newest first: when, by whom, the sources each loaded or
//   removed, and the interactions, actors and contacts it added, removed or changed, each
//   with the sources that state it. source keeps the loads that gave or removed that source;
//   kind keeps one kind of change (interaction, actor, contact). A first load into an empty
//   graph lists no changes; its counts say how many interactions, actors and contacts it
//   added. "Which contacts appeared this week": since a week ago, kind contact, the changes
//   that are added.
// param: since date? — first day, e.g. '2020-01-01'
// param: source string? — a source's id, e.g. 'cameron-2022-03-21'
// param: kind string? — interaction, actor or contact, e.g. 'contact'
:param {since: '2020-01-01', source: null, kind: null};
MATCH (cs:Changeset)
WHERE cs.pending = false
  AND ($since IS NULL OR cs.at >= datetime($since))
  AND ($source IS NULL OR $source IN cs.sources)
RETURN cs.id AS id, toString(cs.at) AS at, cs.by AS by, cs.sources AS sources,
  cs.removed_sources AS removed_sources, cs.first AS first, cs.generation AS generation,
  cs.interactions AS interactions, cs.truncated AS truncated,
  {added: cs.added, removed: cs.removed, changed: cs.changed} AS counts,
  COLLECT {
    MATCH (cs)-[:INCLUDES]->(c:Change)
    WHERE $kind IS NULL OR c.kind = $kind
    RETURN c {.kind, .change, .id, .label, .sources} AS c
    ORDER BY c.kind, c.change, c.id
  } AS changes
ORDER BY cs.at DESC, cs.generation DESC;
