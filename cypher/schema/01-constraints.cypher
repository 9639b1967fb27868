// Uniqueness constraints on every id, applied before any MERGE so that MERGE finds nodes
// through an index and no load can create the same id twice.
// An id is unique per generation: a load writes a new generation beside the live one and
// publishes it at the end (see loader/load.py), so (id, gen) is the key.
CREATE CONSTRAINT actor_id_gen IF NOT EXISTS FOR (n:Actor) REQUIRE (n.id, n.gen) IS UNIQUE;
CREATE CONSTRAINT place_id_gen IF NOT EXISTS FOR (n:Place) REQUIRE (n.id, n.gen) IS UNIQUE;
CREATE CONSTRAINT interaction_id_gen IF NOT EXISTS FOR (n:Interaction) REQUIRE (n.id, n.gen) IS UNIQUE;
CREATE CONSTRAINT statement_id_gen IF NOT EXISTS FOR (n:Statement) REQUIRE (n.id, n.gen) IS UNIQUE;
CREATE CONSTRAINT source_id_gen IF NOT EXISTS FOR (n:Source) REQUIRE (n.id, n.gen) IS UNIQUE;
CREATE CONSTRAINT source_file_id_gen IF NOT EXISTS FOR (n:SourceFile) REQUIRE (n.id, n.gen) IS UNIQUE;
// The pointer to the live generation.
CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (n:Dataset) REQUIRE n.id IS UNIQUE;
// One load at a time: a second loader's CREATE of the lock node fails on this constraint.
CREATE CONSTRAINT load_lock_id IF NOT EXISTS FOR (n:LoadLock) REQUIRE n.id IS UNIQUE;
// The history: one Changeset per publish, outside the generations.
CREATE CONSTRAINT changeset_id IF NOT EXISTS FOR (n:Changeset) REQUIRE n.id IS UNIQUE;
