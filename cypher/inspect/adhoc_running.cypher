// name: adhoc_running
// title: Ad hoc queries still running on the server
// description: POST /cypher lets a few ad hoc queries run at once
//   (ACTORGRAPH_CYPHER_CONCURRENCY). It counts the transactions that carry its metadata, as
//   Neo4j lists them: a query past its time limit that Neo4j has marked terminated, but that
//   still holds a core (an expression that never checks for termination), counts until it
//   is gone, so repeating it cannot take every core.
:param {};
SHOW TRANSACTIONS YIELD metaData
WHERE metaData.endpoint = 'POST /cypher'
RETURN count(*) AS running;
