// name: chain_graph
// title: Every shortest chain of contacts between two actors, drawn
// description: All the chains of fewest hops from one actor to another, drawn together by
//   Neo4j Browser: each hop is two actors who took part in one held interaction, and the
//   actors in between are of the given kinds. The path query gives the first of them with
//   its evidence. At most 6 hops and 100 chains; no row when there is no chain.
// view: graph
// param: from string — the first actor's id, e.g. 'volodymyr-zelenskyy'
// param: to string — the last actor's id, e.g. 'vladimir-putin'
// param: kinds list<string> — actor kinds allowed between the two, e.g. ['person']
:param {from: 'volodymyr-zelenskyy', to: 'vladimir-putin', kinds: ['person']};
MATCH (d:Dataset {id: 'current'})
MATCH (first:Actor {id: $from, gen: d.gen}), (last:Actor {id: $to, gen: d.gen})
WHERE first <> last
MATCH chain = ALL SHORTEST (first)
  (()-[:PARTICIPATED_IN {took_part: true}]->(:Interaction {status: 'held'})
    <-[:PARTICIPATED_IN {took_part: true}]-(next:Actor) WHERE next.kind IN $kinds OR next = last){1,6}
  (last)
RETURN chain
LIMIT 100;
