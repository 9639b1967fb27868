// name: live_type_counts
// title: Relationships of the live generation by type
// description: How many relationships leave the live generation's nodes, by type, for
//   comparing two ways of writing the same rows (bench/bulk_import.py).
:param {};
MATCH (d:Dataset {id: 'current'})
MATCH (n)-[r]->() WHERE n.gen = d.gen
RETURN type(r) AS type, count(*) AS count
ORDER BY type;
