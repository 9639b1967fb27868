// name: delete_other_generation_nodes
// title: Delete the nodes of every generation but the live one
// description: Second half of clearing unfinished and replaced generations, once their
//   relationships are gone. The Dataset node, which names the live generation, stays. In
//   Browser, prefix it with :auto.
// param: live integer? — the generation to keep; null deletes every generation, e.g. 2
:param {live: 2};
MATCH (n)
WHERE n.gen IS NOT NULL AND NOT n:Dataset AND ($live IS NULL OR n.gen <> $live)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS;
