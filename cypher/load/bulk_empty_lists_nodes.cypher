// name: bulk_empty_lists_nodes
// title: Give each imported node its empty lists
// description: bench/bulk_import.py, after `neo4j-admin database import`: the importer
//   stores no empty array (neo4j/neo4j#13566), so each node lists the properties that the
//   loader writes as empty lists in bulk_empty_lists; this sets them to [] and drops the
//   marker, in batches (so it runs in an implicit transaction: session.run).
:param {};
MATCH (n) WHERE n.bulk_empty_lists IS NOT NULL
CALL (n) {
  FOREACH (key IN n.bulk_empty_lists | SET n[key] = [])
  REMOVE n.bulk_empty_lists
} IN TRANSACTIONS OF 10000 ROWS;
