// name: live_generation
// title: The live generation
// description: The generation that every query reads, named by the one Dataset node, and
//   the digest of the rows it was written from. No row while nothing is loaded.
:param {};
MATCH (d:Dataset {id: 'current'})
RETURN d.gen AS gen, d.digest AS digest;
