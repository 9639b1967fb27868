// name: live_nodes
// title: Every node of the live generation
// description: The graph snapshot (loader/snapshot.py) that tests compare to tell whether
//   two loads gave the identical graph.
:param {};
MATCH (d:Dataset {id: 'current'})
MATCH (n) WHERE n.gen = d.gen
RETURN labels(n) AS labels, properties(n) AS props;
