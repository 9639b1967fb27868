// name: live_relationships
// title: Every relationship of the live generation
// description: The other half of the graph snapshot (loader/snapshot.py): each
//   relationship with the label and id of its two ends.
:param {};
MATCH (d:Dataset {id: 'current'})
MATCH (a)-[r]->(b) WHERE a.gen = d.gen
RETURN labels(a)[0] AS from_label, a.id AS from_id, type(r) AS type,
       labels(b)[0] AS to_label, b.id AS to_id, properties(r) AS props;
