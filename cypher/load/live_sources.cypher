// name: live_sources
// title: The live sources, with what rebuilding each one needs
// description: Each source of the live generation: its data file's name, digest, record
//   count, when and by whom it was loaded, and the stored file (content and quote offsets)
//   from which a load rebuilds the sources it does not replace. path is where a graph
//   loaded before sources were stored read it from.
:param {};
MATCH (d:Dataset {id: 'current'})
MATCH (s:Source {gen: d.gen})
OPTIONAL MATCH (f:SourceFile {id: s.id, gen: d.gen})
RETURN s.id AS id, s.file AS file, s.digest AS digest, s.records AS records,
       s.loaded_at AS loaded_at, s.loaded_by AS loaded_by, s.path AS path,
       f.content AS content, f.offsets AS offsets
ORDER BY id;
