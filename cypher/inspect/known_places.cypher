// name: known_places
// title: Every live place's names, for the drafter
// description: The places `actorgraph draft` finds in a text: id, name, aliases and state.
:param {};
MATCH (d:Dataset {id: 'current'})
MATCH (p:Place) WHERE p.gen = d.gen
RETURN p.id AS id, p.name AS name, coalesce(p.aliases, []) AS aliases,
  COLLECT { MATCH (p)-[:IN_STATE]->(s:Actor) RETURN s.id }[0] AS state
ORDER BY id;
