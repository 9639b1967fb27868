// name: write_memberships
// title: Write a batch of memberships
// description: Part of a load (loader/writer.py): a member (state or organization) joined
//   to its parent by the membership's type (MEMBER_OF, PART_OF), with its props.
// param: rows list<map> — one map per membership: id, member, parent, type, props, e.g. [{id: 'example', member: 'a', parent: 'b', type: 'MEMBER_OF', props: {}}]
// param: gen integer — the generation being written; -1 is never live, e.g. -1
:param {rows: [{id: 'example', member: 'a', parent: 'b', type: 'MEMBER_OF', props: {}}], gen: -1};
UNWIND $rows AS r
MATCH (m:Actor {id: r.member, gen: $gen}) USING INDEX SEEK m:Actor(id, gen)
MATCH (p:Actor {id: r.parent, gen: $gen}) USING INDEX SEEK p:Actor(id, gen)
CREATE (m)-[x:$(r.type) {id: r.id}]->(p)
SET x += r.props;
