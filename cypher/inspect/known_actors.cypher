// name: known_actors
// title: Every live actor's names, for the drafter
// description: What `actorgraph draft` resolves a text's mentions against: each actor's id,
//   kind, name and aliases.
:param {};
MATCH (d:Dataset {id: 'current'})
MATCH (a:Actor) WHERE a.gen = d.gen
RETURN a.id AS id, a.kind AS kind, a.name AS name, coalesce(a.aliases, []) AS aliases
ORDER BY id;
