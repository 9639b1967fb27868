// name: delete_all_but_nodes
// title: Delete every node outside the live generation, whoever wrote it
// description: `load --wipe`, after delete_all_but_relationships. The Dataset node stays.
//   In Browser, prefix it with :auto.
// param: live integer — the generation to keep, e.g. 2
:param {live: 2};
MATCH (n)
WHERE NOT n:Dataset AND NOT n:LoadLock AND NOT n:Changeset AND NOT n:Change
  AND (n.gen IS NULL OR n.gen <> $live)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS;
