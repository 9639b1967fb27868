// name: mediators
// title: Who mediated between two states
// description: Actors of neither side who mediated, arranged or hosted an interaction between
//   the sides, acted at one side's request toward the other, or took part in held interactions
//   with both sides; ranked by score, each reason with its interaction, and the evidence.
//   A side is the state, every body part of it (at any depth: delegations, ministries,
//   offices), and every person holding a position in one of these; a position with known
//   dates counts only for interactions whose dates overlap them. An interaction is between
//   the sides when both took part in it, or, for a mediation record, when both have any role
//   in it (the parties to a dispute are its subjects: data/README.md, judgement call 27).
//   took_part_with_side counts contacts only (calls, visits, meetings, consultations,
//   mediation, negotiations), never signing an agreement or attending an address, and only
//   for an actor who met both sides. Only what was held scores: a role that would earn
//   mediated, arranged, hosted or at_request in an interaction not held (proposed, planned,
//   ruled out), or through one, is the reason offered instead.
//   Score: the sum over distinct (reason, interaction between the sides) of mediated 3,
//   arranged 3, at_request 2, hosted 1, took_part_with_side 1, offered 0 (listed, never
//   scored); a reason earned in an interaction that arranges one between the sides counts
//   toward that one, so arranging a meeting both directly and through a call scores once.
// param: a string — the first state's id, e.g. 'russia'
// param: b string — the second state's id, e.g. 'ukraine'
:param {a: 'russia', b: 'ukraine'};
MATCH (d:Dataset {id: 'current'})
MATCH (sa:Actor:State {id: $a, gen: d.gen})
MATCH (sb:Actor:State {id: $b, gen: d.gen})
WHERE sa <> sb
CALL (sa) {
  MATCH (unit:Actor)-[:PART_OF*0..]->(sa)
  WITH collect(DISTINCT unit) AS units
  RETURN [u IN units | {actor: u, earliest: null, latest: null}] + COLLECT {
    UNWIND units AS u
    MATCH (person:Actor)-[h:HOLDS_POSITION]->(u)
    RETURN {actor: person, earliest: h.earliest, latest: h.latest} AS member
  } AS side_a
}
CALL (sb) {
  MATCH (unit:Actor)-[:PART_OF*0..]->(sb)
  WITH collect(DISTINCT unit) AS units
  RETURN [u IN units | {actor: u, earliest: null, latest: null}] + COLLECT {
    UNWIND units AS u
    MATCH (person:Actor)-[h:HOLDS_POSITION]->(u)
    RETURN {actor: person, earliest: h.earliest, latest: h.latest} AS member
  } AS side_b
}
// The interactions in which a member of either side had any role.
UNWIND side_a + side_b AS member
WITH DISTINCT sa, sb, side_a, side_b, member.actor AS m
MATCH (m)-[:PARTICIPATED_IN]->(i:Interaction)
WITH DISTINCT sa, sb, side_a, side_b, i
CALL (i, side_a, side_b) {
  MATCH (p:Actor)-[r:PARTICIPATED_IN]->(i)
  RETURN collect({
    actor: p, role: r.role, took_part: r.took_part,
    // Open or unknown dates overlap everything.
    in_a: any(e IN side_a WHERE e.actor = p
              AND (e.earliest IS NULL OR i.latest IS NULL OR e.earliest <= i.latest)
              AND (e.latest IS NULL OR i.earliest IS NULL OR e.latest >= i.earliest)),
    in_b: any(e IN side_b WHERE e.actor = p
              AND (e.earliest IS NULL OR i.latest IS NULL OR e.earliest <= i.latest)
              AND (e.latest IS NULL OR i.earliest IS NULL OR e.latest >= i.earliest))
  }) AS parts
}
WITH sa, sb, side_a, side_b, i, parts,
  any(x IN parts WHERE x.in_a AND x.took_part) AS a_took,
  any(x IN parts WHERE x.in_b AND x.took_part) AS b_took,
  // A mediation is between its parties whatever their role (subjects, judgement call 27).
  i.type = 'mediation' AND any(x IN parts WHERE x.in_a) AND any(x IN parts WHERE x.in_b)
    AS parties,
  any(x IN parts WHERE x.in_a AND x.role = 'requester') AS a_asked,
  any(x IN parts WHERE x.in_b AND x.role = 'requester') AS b_asked
CALL (sa, sb, side_a, side_b, i, parts, a_took, b_took, parties, a_asked, b_asked) {
  // Reasons from the interaction's own participants of neither side.
  UNWIND [x IN parts WHERE NOT x.in_a AND NOT x.in_b] AS n
  UNWIND [
    CASE WHEN n.role = 'mediator' AND ((a_took AND b_took) OR parties) THEN 'mediated'
         WHEN a_took AND b_took THEN
      CASE n.role WHEN 'arranger' THEN 'arranged'
                  WHEN 'host' THEN 'hosted' WHEN 'venue_state' THEN 'hosted' END
    END,
    CASE WHEN ((a_asked AND b_took) OR (b_asked AND a_took))
              AND (n.took_part OR n.role IN ['mediator', 'arranger'])
         THEN 'at_request' END,
    CASE WHEN i.status = 'held' AND n.took_part AND (a_took OR b_took)
              AND i.type IN ['call', 'visit', 'meeting', 'multilateral_meeting',
                             'consultation', 'mediation', 'negotiation']
         THEN 'took_part_with_side' END
  ] AS act
  WITH sa, sb, i, a_took, b_took, n, act
  WHERE act IS NOT NULL
  // What was never held was at most offered (took_part_with_side is held only).
  WITH sa, sb, i, a_took, b_took, n,
    CASE WHEN i.status = 'held' THEN act ELSE 'offered' END AS kind
  RETURN n.actor AS mediator, kind, i AS interaction, null AS about,
    CASE WHEN kind <> 'took_part_with_side' THEN null
         WHEN a_took AND b_took THEN 'both'
         WHEN a_took THEN sa.id ELSE sb.id END AS side
  UNION
  // Reasons from an interaction that arranges one between the sides (a mediation effort,
  // a call that set up a meeting): its participants of neither side on its own dates.
  WITH sa, sb, side_a, side_b, i, a_took, b_took
  WHERE a_took AND b_took
  MATCH (j:Interaction)-[:ARRANGES]->(i)
  MATCH (p:Actor)-[r:PARTICIPATED_IN]->(j)
  WHERE (r.took_part OR r.role IN ['mediator', 'arranger'])
    AND NOT any(e IN side_a + side_b WHERE e.actor = p
                AND (e.earliest IS NULL OR j.latest IS NULL OR e.earliest <= j.latest)
                AND (e.latest IS NULL OR j.earliest IS NULL OR e.latest >= j.earliest))
  RETURN p AS mediator,
    CASE WHEN j.status <> 'held' OR i.status <> 'held' THEN 'offered'
         WHEN r.role = 'mediator' THEN 'mediated' ELSE 'arranged' END AS kind,
    j AS interaction, i AS about, null AS side
}
WITH sa, sb, mediator,
  collect(DISTINCT {kind: kind, interaction: interaction, about: about, side: side}) AS reasons
// Contacts count only for an actor who met both sides.
WITH sa, sb, mediator, reasons,
  any(r IN reasons WHERE r.side IN [sa.id, 'both'])
  AND any(r IN reasons WHERE r.side IN [sb.id, 'both']) AS met_both
WITH mediator, [r IN reasons WHERE r.kind <> 'took_part_with_side' OR met_both] AS reasons
WHERE size(reasons) > 0
WITH mediator, reasons,
  reduce(total = 0, x IN COLLECT {
    UNWIND reasons AS r
    RETURN DISTINCT {kind: r.kind, target: coalesce(r.about, r.interaction).id} AS x
  } | total + CASE x.kind WHEN 'mediated' THEN 3 WHEN 'arranged' THEN 3
                          WHEN 'at_request' THEN 2 WHEN 'offered' THEN 0 ELSE 1 END) AS score
// Dates as ISO text, as the API answers them: the driver then builds no date objects.
RETURN {id: mediator.id, name: mediator.name, kind: mediator.kind} AS actor, score,
  COLLECT {
    UNWIND reasons AS r
    WITH r, r.interaction AS ri
    RETURN {
      kind: r.kind, side: r.side,
      interaction: {id: ri.id, type: ri.type, status: ri.status,
                    date: CASE WHEN ri.precision = 'day' THEN toString(ri.earliest) END,
                    earliest: toString(ri.earliest), latest: toString(ri.latest)},
      about: CASE WHEN r.about IS NULL THEN null
             ELSE {id: r.about.id, type: r.about.type, status: r.about.status} END
    } AS reason
    ORDER BY reason.kind, reason.interaction.id
  } AS reasons,
  COLLECT {
    UNWIND reasons AS r
    WITH DISTINCT r.interaction AS ri
    MATCH (ri)-[e:EVIDENCED_BY]->(s:Source)
    RETURN {interaction: ri.id, source: s.id, quote: e.quote, start: e.start, end: e.end} AS ev
    ORDER BY ev.interaction, ev.source, e.seq
  } AS evidence
ORDER BY score DESC, actor.id;
