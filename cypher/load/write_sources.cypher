// name: write_sources
// title: Write a batch of sources
// description: Part of a load (loader/writer.py): each row becomes a Source node of the
//   generation being written. Nodes are MERGEd on their (id, gen) constraint.
//   Tried in Browser with gen -1, it writes a generation that is never live, and the next
//   load deletes it.
// param: rows list<map> — one map per source: id and props, e.g. [{id: 'example', props: {title: 'Example'}}]
// param: gen integer — the generation being written; -1 is never live, e.g. -1
:param {rows: [{id: 'example', props: {title: 'Example'}}], gen: -1};
UNWIND $rows AS r
MERGE (s:Source {id: r.id, gen: $gen})
SET s += r.props;
