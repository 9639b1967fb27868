// name: ping
// title: Does the home database answer?
// description: The launcher's readiness check (actorgraph neo4j start): it runs on the home
//   database, not on `system`, since that is the one that must be online for us.
:param {};
RETURN 1 AS one;
