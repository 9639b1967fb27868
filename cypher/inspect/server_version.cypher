// name: server_version
// title: Neo4j's version and edition
// description: What GET /health reports about the server.
:param {};
CALL dbms.components() YIELD name, versions, edition
RETURN versions[0] AS version, edition;
