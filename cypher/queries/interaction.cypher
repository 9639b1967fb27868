// name: interaction
// title: One interaction, with its evidence, links and statements
// description: The interaction with its place, participants and evidence; the interactions it
//   arranges, is part of, is the same as or is realized by, and those linking to it; and the
//   statements made about it.
//   A record that another source's file joined to this one by `same_as` is found by its own
//   id too: the answer is the interaction it joined, whose merged_ids name that record.
// param: id string — the interaction's id, e.g. 'meeting-2022-03-10-antalya-kuleba-lavrov'
:param {id: 'meeting-2022-03-10-antalya-kuleba-lavrov'};
MATCH (d:Dataset {id: 'current'})
CALL (d) {
  MATCH (i:Interaction {id: $id, gen: d.gen})
  RETURN i
  UNION
  // Only interactions that joined another record carry merged_ids; the index on it keeps
  // this branch to those few.
  MATCH (i:Interaction)
  WHERE i.merged_ids IS NOT NULL AND i.gen = d.gen AND $id IN i.merged_ids
  RETURN i
}
WITH i LIMIT 1
RETURN i.id AS id, i.type AS type, i.cameo AS cameo, i.status AS status,
  CASE WHEN i.precision = 'day' THEN i.earliest END AS date,
  i.precision AS date_precision, i.earliest AS earliest, i.latest AS latest,
  i.date_notes AS date_notes,
  COLLECT { MATCH (i)-[:HELD_AT]->(p:Place) RETURN {id: p.id, name: p.name} AS place }[0]
    AS place,
  COLLECT {
    MATCH (a:Actor)-[r:PARTICIPATED_IN]->(i)
    RETURN {actor: {id: a.id, name: a.name, kind: a.kind}, role: r.role, took_part: r.took_part,
            sources: r.sources} AS participant
    ORDER BY participant.took_part DESC, participant.actor.id, participant.role
  } AS participants,
  COLLECT {
    MATCH (i)-[e:EVIDENCED_BY]->(s:Source)
    RETURN {source: s.id, quote: e.quote, start: e.start, end: e.end} AS ev
    ORDER BY ev.source, e.seq
  } AS evidence,
  COUNT { MATCH (i)-[:EVIDENCED_BY]->(s:Source) RETURN DISTINCT s } AS sources,
  i.medium AS medium, i.occurrences AS occurrences,
  i.duration_minutes AS duration_minutes, i.duration_approx AS duration_approx,
  i.topics AS topics, i.outcome AS outcome, i.notes AS notes,
  coalesce(i.conflicts, []) AS conflicts, coalesce(i.merged_ids, []) AS merged_ids,
  // What each source says, kept side by side where they disagree.
  COLLECT {
    MATCH (i)-[r:REPORTED_IN]->(s:Source)
    RETURN {source: s.id, record: r.record, status: r.status, date_precision: r.precision,
            earliest: r.earliest, latest: r.latest, place: r.place,
            duration_minutes: r.duration_minutes, medium: r.medium,
            // Who this source puts in the interaction, and in what role.
            participants: COLLECT {
              MATCH (a:Actor)-[p:PARTICIPATED_IN]->(i) WHERE s.id IN p.sources
              RETURN a.id + ':' + p.role AS party ORDER BY party
            }} AS reading
    ORDER BY reading.source, reading.record
  } AS readings,
  COLLECT {
    MATCH (i)-[l:ARRANGES|PART_OF|SAME_AS|REALIZED_BY]-(other:Interaction)
    RETURN {
      relation: toLower(type(l)),
      direction: CASE WHEN startNode(l) = i THEN 'outgoing' ELSE 'incoming' END,
      interaction: {id: other.id, type: other.type, status: other.status,
                    earliest: other.earliest, latest: other.latest}
    } AS link
    ORDER BY link.relation, link.direction, link.interaction.id
  } AS links,
  COLLECT {
    MATCH (st:Statement)-[:ABOUT]->(i)
    OPTIONAL MATCH (speaker:Actor)-[:SAID]->(st)
    RETURN {
      id: st.id,
      speaker: CASE WHEN speaker IS NULL THEN null
               ELSE {id: speaker.id, name: speaker.name, kind: speaker.kind} END,
      speaker_description: st.speaker_description, quote: st.quote, reported: st.reported
    } AS statement
    ORDER BY coalesce(st.earliest, st.latest) IS NULL, coalesce(st.earliest, st.latest), st.id
  } AS statements;
