// name: dataset_counts
// title: What is loaded
// description: What GET /health reports about the data: the live generation's sources and
//   interactions, and when it was loaded. It counts the live generation only: a load in
//   progress writes a second one beside it. The interactions are counted at publish
//   (publish.cypher); a graph published before that kept the count is counted here.
:param {};
OPTIONAL MATCH (d:Dataset {id: 'current'})
RETURN COUNT { MATCH (s:Source) WHERE s.gen = d.gen } AS sources,
       CASE WHEN d.interactions IS NOT NULL THEN d.interactions
            ELSE COUNT { MATCH (i:Interaction) WHERE i.gen = d.gen } END AS interactions,
       d.loaded_at AS loaded_at;
