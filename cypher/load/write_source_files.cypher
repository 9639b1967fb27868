// name: write_source_files
// title: Write a batch of stored source files
// description: Part of a load (loader/writer.py): beside each Source, a SourceFile node keeps
//   what rebuilding that source needs, so that a load from any machine, with only its own
//   file, replaces its source and keeps the others: the data file's content (UTF-8,
//   zlib-compressed bytes), and the offsets of its quotes found in the source text (JSON),
//   which a machine without the text reuses.
// param: rows list<map> — one map per source: id, props (content, offsets), e.g. [{id: 'example', props: {content: 'source: …', offsets: '[]'}}]
// param: gen integer — the generation being written; -1 is never live, e.g. -1
:param {rows: [{id: 'example', props: {content: 'source: …', offsets: '[]'}}], gen: -1};
UNWIND $rows AS r
MERGE (f:SourceFile {id: r.id, gen: $gen})
SET f += r.props;
