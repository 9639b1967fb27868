// name: await_indexes
// title: Wait until every index is online
// description: After the schema statements (cypher/schema/), before the first MERGE: a
//   constraint that is still populating does not yet guard uniqueness.
:param {};
CALL db.awaitIndexes(300);
