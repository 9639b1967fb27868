// Indexes the queries need beyond the id constraints.
// Cleaning up a replaced generation finds its nodes by label and gen.
CREATE INDEX actor_gen IF NOT EXISTS FOR (n:Actor) ON (n.gen);
CREATE INDEX interaction_gen IF NOT EXISTS FOR (n:Interaction) ON (n.gen);
CREATE INDEX statement_gen IF NOT EXISTS FOR (n:Statement) ON (n.gen);
CREATE INDEX place_gen IF NOT EXISTS FOR (n:Place) ON (n.gen);
CREATE INDEX source_gen IF NOT EXISTS FOR (n:Source) ON (n.gen);
CREATE INDEX source_file_gen IF NOT EXISTS FOR (n:SourceFile) ON (n.gen);
// GET /interactions/{id} finds a record joined to another by same_as through its merged_ids.
CREATE INDEX interaction_merged_ids IF NOT EXISTS FOR (n:Interaction) ON (n.merged_ids);
CREATE INDEX changeset_at IF NOT EXISTS FOR (n:Changeset) ON (n.at);
