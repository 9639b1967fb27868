// name: delete_other_generation_relationships
// title: Delete the relationships of every generation but the live one
// description: First half of clearing unfinished and replaced generations. Relationships go
//   first, in batches of their own: DETACH DELETE of a batch of hub nodes (an actor in 100k
//   interactions) would put millions of deletions in one transaction. Every relationship
//   starts at a node that carries gen, so this finds them all. It scans relationships, not
//   nodes: expanding from nodes while deleting what the expansion reads makes the planner
//   add an Eager that holds every relationship in one transaction's memory (at 10M
//   interactions it passed db.memory.transaction.max). In Browser, prefix it with :auto.
// param: live integer? — the generation to keep; null deletes every generation, e.g. 2
:param {live: 2};
MATCH ()-[r]->()
WITH r, startNode(r) AS n
WHERE n.gen IS NOT NULL AND NOT n:Dataset AND ($live IS NULL OR n.gen <> $live)
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS;
