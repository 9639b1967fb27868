// name: write_spoke_with
// title: Write a batch of derived SPOKE_WITH relationships
// description: Part of a load (loader/writer.py), for exploring in Browser: who took part
//   in the same held interaction (loader/rows.py spoke_with_rows). It is rebuilt with every
//   generation; the API computes contacts from PARTICIPATED_IN.
// param: rows list<map> — one map per pair: a, b, interactions, first, last, e.g. [{a: 'a', b: 'b', interactions: 1, first: null, last: null}]
// param: gen integer — the generation being written; -1 is never live, e.g. -1
:param {rows: [{a: 'a', b: 'b', interactions: 1, first: null, last: null}], gen: -1};
UNWIND $rows AS r
MATCH (a:Actor {id: r.a, gen: $gen}) USING INDEX SEEK a:Actor(id, gen)
MATCH (b:Actor {id: r.b, gen: $gen}) USING INDEX SEEK b:Actor(id, gen)
CREATE (a)-[:SPOKE_WITH {interactions: r.interactions, first: r.first, last: r.last}]->(b);
