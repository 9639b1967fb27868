"""The HTTP API: canned Cypher over the actor graph, every answer with its evidence."""
