// name: write_interaction_links
// title: Write a batch of links between interactions
// description: Part of a load (loader/writer.py): FOLLOWED_UP, PART_OF and the like, from
//   one interaction to another, with the sources that state the link.
// param: rows list<map> — one map per link: from, to, type, sources, e.g. [{from: 'a', to: 'b', type: 'PART_OF', sources: []}]
// param: gen integer — the generation being written; -1 is never live, e.g. -1
:param {rows: [{from: 'a', to: 'b', type: 'PART_OF', sources: []}], gen: -1};
UNWIND $rows AS r
MATCH (a:Interaction {id: r.from, gen: $gen}) USING INDEX SEEK a:Interaction(id, gen)
MATCH (b:Interaction {id: r.to, gen: $gen}) USING INDEX SEEK b:Interaction(id, gen)
CREATE (a)-[:$(r.type) {sources: r.sources}]->(b);
