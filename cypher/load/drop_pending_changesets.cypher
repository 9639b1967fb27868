// name: drop_pending_changesets
// title: Drop the changesets of loads that never published
// description: A load that died or lost its lock after recording its changeset leaves it
//   pending; the next load, holding the lock, drops it with its changes.
:param {};
MATCH (cs:Changeset {pending: true})
OPTIONAL MATCH (cs)-[:INCLUDES]->(c:Change)
DETACH DELETE cs, c;
