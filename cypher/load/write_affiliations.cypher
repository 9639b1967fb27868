// name: write_affiliations
// title: Write a batch of positions
// description: Part of a load (loader/writer.py): a person HOLDS_POSITION in an
//   organization or state, with the title, dates and sources in props.
// param: rows list<map> — one map per position: id, person, organization, props, e.g. [{id: 'example', person: 'a', organization: 'b', props: {title: 'Minister'}}]
// param: gen integer — the generation being written; -1 is never live, e.g. -1
:param {rows: [{id: 'example', person: 'a', organization: 'b', props: {title: 'Minister'}}], gen: -1};
UNWIND $rows AS r
MATCH (p:Actor {id: r.person, gen: $gen}) USING INDEX SEEK p:Actor(id, gen)
MATCH (o:Actor {id: r.organization, gen: $gen}) USING INDEX SEEK o:Actor(id, gen)
CREATE (p)-[h:HOLDS_POSITION {id: r.id}]->(o)
SET h += r.props;
