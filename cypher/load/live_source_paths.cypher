// name: live_source_paths
// title: The file each live source was last loaded from
// description: A load rebuilds the whole graph: it reads these files again for the live
//   sources that the given files do not replace.
:param {};
MATCH (d:Dataset {id: 'current'})
MATCH (s:Source {gen: d.gen})
RETURN s.id AS id, s.path AS path
ORDER BY id;
