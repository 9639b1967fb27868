// name: actors
// title: Find actors by name or kind
// description: People, states and organizations whose name or any alias contains the search
//   text, matched by the project's name rule (case, diacritics and punctuation ignored).
// param: q_key string? — the search text already folded by name_key() (the API folds it), e.g. 'cavusoglu'
// param: kind string? — person, state or organization, e.g. 'person'
// param: skip integer? — rows to skip, as the API's paging does, e.g. 0
// param: limit integer? — rows to return (null: all), e.g. 100
:param {q_key: 'cavusoglu', kind: null, skip: 0, limit: 100};
MATCH (d:Dataset {id: 'current'})
MATCH (a:Actor)
WHERE a.gen = d.gen
  AND ($kind IS NULL OR a.kind = $kind)
  AND ($q_key IS NULL OR any(k IN a.search_keys WHERE k CONTAINS $q_key))
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases
ORDER BY name, id
SKIP coalesce($skip, 0) LIMIT coalesce($limit, 1000000000);
