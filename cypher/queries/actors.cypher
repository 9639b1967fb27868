// name: actors
// title: Find actors by name or kind
// description: People, states and organizations whose name or any alias contains the search
//   text, matched by the project's name rule (case, diacritics and punctuation ignored), with
//   the ids other datasets know them by: Wikidata's item, a state's ISO 3166-1 codes.
// param: q_key string? — the search text already folded by name_key() (the API folds it), e.g. 'cavusoglu'
// param: kind string? — person, state or organization, e.g. 'person'
// param: wikidata string? — a Wikidata item the actor is, e.g. 'Q7747'
// param: skip integer? — rows to skip, as the API's paging does, e.g. 0
// param: limit integer? — rows to return (null: all), e.g. 100
:param {q_key: 'cavusoglu', kind: null, wikidata: null, skip: 0, limit: 100};
MATCH (d:Dataset {id: 'current'})
MATCH (a:Actor)
WHERE a.gen = d.gen
  AND ($kind IS NULL OR a.kind = $kind)
  AND ($wikidata IS NULL OR a.wikidata = $wikidata)
  AND ($q_key IS NULL OR any(k IN a.search_keys WHERE k CONTAINS $q_key))
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases,
  a.wikidata AS wikidata, a.iso2 AS iso2, a.iso3 AS iso3
ORDER BY name, id
// toInteger: Neo4j Browser's :param map sends 100 as 100.0, which LIMIT refuses.
SKIP toInteger(coalesce($skip, 0)) LIMIT toInteger(coalesce($limit, 1000000000));
