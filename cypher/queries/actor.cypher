// name: actor
// title: One actor, with its affiliations, memberships and evidence
// description: The actor; the positions it holds or that others hold in it (affiliations);
//   the bodies it is part or member of, or that are part or member of it (memberships).
//   Each with its evidence quotes.
// param: actor string — the actor's id, e.g. 'vladimir-medinsky'
:param {actor: 'vladimir-medinsky'};
MATCH (d:Dataset {id: 'current'})
MATCH (a:Actor {id: $actor, gen: d.gen})
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases,
  a.wikidata AS wikidata, a.iso2 AS iso2, a.iso3 AS iso3, a.description AS description, a.sources AS sources, coalesce(a.conflicts, []) AS conflicts,
  COLLECT {
    MATCH (a)-[e:EVIDENCED_BY]->(s:Source)
    RETURN {source: s.id, quote: e.quote, start: e.start, end: e.end} AS ev
    ORDER BY ev.source, e.seq
  } AS evidence,
  // A relationship cannot point at a Source, so its evidence sits in parallel lists.
  COLLECT {
    MATCH (a)-[h:HOLDS_POSITION]-(:Actor)
    WITH h, startNode(h) AS p, endNode(h) AS o
    RETURN {
      id: h.id, role: h.role,
      person: {id: p.id, name: p.name, kind: p.kind},
      organization: {id: o.id, name: o.name, kind: o.kind},
      date_precision: h.precision, earliest: h.earliest, latest: h.latest,
      notes: h.notes, source: h.source, sources: coalesce(h.sources, [h.source]),
      conflicts: coalesce(h.conflicts, []),
      evidence: [k IN range(0, size(h.evidence_quotes) - 1) |
        {source: h.evidence_sources[k], quote: h.evidence_quotes[k],
         start: h.evidence_starts[k], end: h.evidence_ends[k]}]
    } AS affiliation
    ORDER BY affiliation.id
  } AS affiliations,
  COLLECT {
    MATCH (a)-[x:PART_OF|MEMBER_OF]-(:Actor)
    WITH x, startNode(x) AS m, endNode(x) AS p
    RETURN {
      id: x.id, kind: toLower(type(x)),
      member: {id: m.id, name: m.name, kind: m.kind},
      parent: {id: p.id, name: p.name, kind: p.kind},
      notes: x.notes, source: x.source, sources: coalesce(x.sources, [x.source]),
      conflicts: coalesce(x.conflicts, []),
      evidence: [k IN range(0, size(x.evidence_quotes) - 1) |
        {source: x.evidence_sources[k], quote: x.evidence_quotes[k],
         start: x.evidence_starts[k], end: x.evidence_ends[k]}]
    } AS membership
    ORDER BY membership.id
  } AS memberships;
