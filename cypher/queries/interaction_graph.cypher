// name: interaction_graph
// title: One interaction and what backs it, drawn
// description: The interaction with everyone who had a role in it (captioned by the role),
//   its place, the statements about it with their speakers, the sources that report it,
//   and the interactions it is linked to (arranges, part of, realized by), as
//   paths that Neo4j Browser draws. The interaction query gives the same with the quotes.
// view: graph
// param: id string — the interaction's id, e.g. 'meeting-2022-03-10-antalya-kuleba-lavrov'
:param {id: 'meeting-2022-03-10-antalya-kuleba-lavrov'};
MATCH (d:Dataset {id: 'current'})
MATCH (i:Interaction {id: $id, gen: d.gen})
RETURN i AS interaction,
  COLLECT { MATCH p = (i)<-[:PARTICIPATED_IN]-(:Actor) RETURN p } AS participants,
  COLLECT { MATCH p = (i)-[:HELD_AT|REPORTED_IN]->() RETURN p } AS place_and_sources,
  COLLECT { MATCH p = (i)<-[:ABOUT]-(:Statement) RETURN p } AS statements,
  COLLECT { MATCH p = (i)<-[:ABOUT]-(:Statement)<-[:SAID]-(:Actor) RETURN p } AS speakers,
  COLLECT {
    MATCH p = (i)-[:ARRANGES|PART_OF|REALIZED_BY]-(:Interaction) RETURN p
  } AS linked;
