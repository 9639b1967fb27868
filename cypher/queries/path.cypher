// name: path
// title: Shortest chain of direct contacts between two actors
// description: The fewest hops from one actor to another, each hop two actors who both took
//   part in one held interaction. The actors in between must be of the given kinds. Among
//   chains of equal length, the first by the ids along it. No row when there is no chain
//   within max_hops (at most 6).
// param: from string — the first actor's id, e.g. 'volodymyr-zelenskyy'
// param: to string — the last actor's id, e.g. 'vladimir-putin'
// param: max_hops integer — the most hops to allow, 1 to 6, e.g. 4
// param: kinds list<string> — actor kinds allowed between the two, e.g. ['person']
:param {from: 'volodymyr-zelenskyy', to: 'vladimir-putin', max_hops: 4, kinds: ['person']};
MATCH (d:Dataset {id: 'current'})
MATCH (start:Actor {id: $from, gen: d.gen})
MATCH (goal:Actor {id: $to, gen: d.gen})
WHERE start <> goal
// A quantifier cannot be a parameter, so the pattern allows the API's ceiling of 6 hops and
// the WHERE below applies max_hops: the shortest chain is longer than max_hops only when no
// chain within max_hops exists.
MATCH p = ALL SHORTEST (start)
  ((x:Actor)-[:PARTICIPATED_IN {took_part: true}]->(i:Interaction {status: 'held'})
   <-[:PARTICIPATED_IN {took_part: true}]-(y:Actor)
   WHERE y.kind IN $kinds OR y = goal){1,6}
  (goal)
WITH p, [n IN nodes(p) WHERE n:Actor] AS chain, [n IN nodes(p) WHERE n:Interaction] AS via
WHERE size(via) <= $max_hops
  // Only the two ends may be of another kind.
  AND all(n IN chain[1..-1] WHERE n.kind IN $kinds)
WITH chain, via
ORDER BY [n IN nodes(p) | n.id]
LIMIT 1
// Dates as ISO text, as the API answers them: the driver then builds no date objects.
RETURN size(via) AS hops,
  [n IN chain | {id: n.id, name: n.name, kind: n.kind}] AS chain,
  [i IN via | {
    id: i.id, type: i.type, status: i.status,
    date: CASE WHEN i.precision = 'day' THEN toString(i.earliest) END,
    date_precision: i.precision, earliest: toString(i.earliest), latest: toString(i.latest),
    evidence: COLLECT {
      MATCH (i)-[e:EVIDENCED_BY]->(s:Source)
      RETURN {source: s.id, quote: e.quote, start: e.start, end: e.end} AS ev
      ORDER BY ev.source, e.seq
    }
  }] AS via;
