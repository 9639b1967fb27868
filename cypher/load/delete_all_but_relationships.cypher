// name: delete_all_but_relationships
// title: Delete every relationship outside the live generation, whoever wrote it
// description: `load --wipe`, once the new generation is live: anything not of it goes,
//   nodes without gen included (but the Dataset pointer, the load lock and the history).
//   It scans relationships, not nodes, so that no Eager holds them all in memory (see
//   delete_other_generation_relationships). In Browser, prefix it with :auto.
// param: live integer — the generation to keep, e.g. 2
:param {live: 2};
MATCH ()-[r]->()
WITH r, startNode(r) AS n
WHERE NOT n:Dataset AND NOT n:LoadLock AND NOT n:Changeset AND NOT n:Change
  AND (n.gen IS NULL OR n.gen <> $live)
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS;
