// name: publish
// title: Publish a generation
// description: The commit point of a load: one small transaction points the Dataset node at
//   the new generation, which every query then reads, but only while this load holds the
//   load lock (no row otherwise: another load took it after this one's lease ran out).
//   The load's changeset stops being pending in the same transaction.
//   loaded_at changes only when the dataset's digest does, so a re-run of the same files
//   gives the identical graph.
// param: gen integer — the generation to make live, e.g. 2
// param: sources list<string> — the ids of the sources it holds, e.g. ['cameron-2022-03-21']
// param: digest string — the SHA-256 of its rows, e.g. '0123abcd'
// param: token string — the load lock's token, e.g. 'f3a9c2'
// param: changeset string — the load's changeset, pending until now, e.g. 'load-f3a9c2'
// param: at string — when the load ran, as its sources and changeset say, e.g. '2026-12-02T05:00:07Z'
:param {gen: 2, sources: ['cameron-2022-03-21'], digest: '0123abcd', token: 'f3a9c2', changeset: 'load-f3a9c2', at: '2026-12-02T05:00:07Z'};
MATCH (:LoadLock {id: 'load', token: $token})
MERGE (d:Dataset {id: 'current'})
WITH d, d.gen AS previous
SET d.gen = $gen,
    d.sources = $sources,
    d.loaded_at = CASE WHEN d.digest = $digest THEN d.loaded_at ELSE datetime($at) END,
    d.digest = $digest
WITH previous
OPTIONAL MATCH (cs:Changeset {id: $changeset})
SET cs.pending = false
RETURN previous;
