"""actorgraph: political actors and their interactions in Neo4j, each fact with its evidence."""
