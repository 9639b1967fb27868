// name: live_label_counts
// title: Nodes of the live generation by label
// description: How many nodes of the live generation carry each label, for comparing two
//   ways of writing the same rows (bench/bulk_import.py).
:param {};
MATCH (d:Dataset {id: 'current'})
MATCH (n) WHERE n.gen = d.gen
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY label;
