// name: known_interactions
// title: Live interactions on given days, for the drafter's same-event check
// description: Interactions dated to one of the given days, with the actors that took part:
//   a drafted interaction of the same type that day, with an actor in common, may be the
//   same event (merge-check's rule).
// param: days list<string> — ISO days, e.g. ['2022-03-10']
:param {days: ['2022-03-10']};
MATCH (d:Dataset {id: 'current'})
MATCH (i:Interaction) WHERE i.gen = d.gen AND i.precision = 'day'
  AND i.earliest IN [day IN $days | date(day)]
RETURN i.id AS id, i.type AS type, i.earliest AS day,
  COLLECT { MATCH (a:Actor)-[p:PARTICIPATED_IN]->(i) WHERE p.took_part RETURN a.id } AS took_part
ORDER BY id;
