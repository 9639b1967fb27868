// name: dataset_counts
// title: What is loaded
// description: What GET /health reports about the data: the live generation's sources and
//   interactions, and when it was loaded. It counts the live generation only: a load in
//   progress writes a second one beside it. The interactions were counted by the load that
//   published it (its Changeset, record_changeset.cypher): counting them here took 136 ms at
//   1M interactions and grows with the graph. A graph without that count is counted here.
:param {};
OPTIONAL MATCH (d:Dataset {id: 'current'})
OPTIONAL MATCH (cs:Changeset {generation: d.gen, pending: false})
RETURN COUNT { MATCH (s:Source) WHERE s.gen = d.gen } AS sources,
       CASE WHEN cs.interactions IS NOT NULL THEN cs.interactions
            ELSE COUNT { MATCH (i:Interaction) WHERE i.gen = d.gen } END AS interactions,
       toString(d.loaded_at) AS loaded_at;
