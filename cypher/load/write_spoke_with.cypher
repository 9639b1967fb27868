// name: write_spoke_with
// title: Write a batch of derived SPOKE_WITH relationships
// description: Part of a load (loader/writer.py), for exploring in Browser: who took part
//   in the same held interaction (loader/rows.py spoke_with_rows). It is rebuilt with every
//   generation; the API computes contacts from PARTICIPATED_IN. first and last, with
//   first_bound and last_bound, are read as the contacts query reads them (bounds).
// param: rows list<map> — one map per pair: a, b, interactions, first, first_bound, last, last_bound, e.g. [{a: 'a', b: 'b', interactions: 1, first: null, first_bound: null, last: null, last_bound: null}]
// param: gen integer — the generation being written; -1 is never live, e.g. -1
:param {rows: [{a: 'a', b: 'b', interactions: 1, first: null, first_bound: null, last: null, last_bound: null}], gen: -1};
UNWIND $rows AS r
MATCH (a:Actor {id: r.a, gen: $gen}) USING INDEX SEEK a:Actor(id, gen)
MATCH (b:Actor {id: r.b, gen: $gen}) USING INDEX SEEK b:Actor(id, gen)
CREATE (a)-[:SPOKE_WITH {interactions: r.interactions, first: r.first, first_bound: r.first_bound,
                         last: r.last, last_bound: r.last_bound}]->(b);
