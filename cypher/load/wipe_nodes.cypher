// name: wipe_nodes
// title: Delete every node
// description: The second half of emptying the database, the Dataset node included. In
//   Browser, prefix it with :auto.
:param {};
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS;
