// name: wipe_relationships
// title: Delete every relationship
// description: The first half of emptying the database (tests and benchmarks), in batches
//   so that a large graph does not need one huge transaction. In Browser, prefix it with
//   :auto.
:param {};
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS;
