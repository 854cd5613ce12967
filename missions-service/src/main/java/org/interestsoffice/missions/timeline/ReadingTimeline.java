package org.interestsoffice.missions.timeline;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.missions.mission.Mission;
import org.interestsoffice.missions.mission.MissionRepository;
import org.interestsoffice.platform.security.Callers;
import org.interestsoffice.platform.security.OfficeAccess;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything that happened to a mission, in the order it took effect (a note of 1961 before
 * today's entries, whenever each was recorded): its notes, transitions, deadline changes and the
 * protecting power's mandates. At one instant, a note comes before the transition it caused, and
 * that before the deadline changes that went with it; entries of one kind keep the order in which
 * they were recorded.
 */
@Service
public class ReadingTimeline {

  private final MissionRepository missions;
  private final JdbcClient jdbc;

  ReadingTimeline(MissionRepository missions, JdbcClient jdbc) {
    this.missions = missions;
    this.jdbc = jdbc;
  }

  @Transactional(readOnly = true)
  public List<TimelineEntry> of(UUID missionId) {
    Mission mission = missions.find(missionId).orElseThrow(() -> ProblemException.notFound("Mission", missionId));
    OfficeAccess.requireVisible(Callers.current(), mission.officeCode(), "Mission", missionId);
    return jdbc.sql(
            """
            select * from (
              select 'NOTE' as type, 0 as rank, 0 as seq, noted_at as at, recorded_at, direction as what, recorded_by as actor,
                     reference as note_reference, null as from_status, null as to_status, null as legal_basis,
                     null::uuid as deadline_id, null as deadline_kind, null as deadline_status,
                     null::timestamptz as due_at, null::integer as version, summary, null::uuid as staff_id, null as staff_name
              from diplomatic_note where mission_id = :missionId
              union all
              select 'TRANSITION', 1, id, effective_at, occurred_at, to_status, actor, note_reference, from_status, to_status, legal_basis,
                     null, null, null, null, null, null, null, null
              from mission_transition where mission_id = :missionId
              union all
              select 'DEADLINE', 2, c.id, c.effective_at, c.occurred_at, c.change, c.actor, c.note_reference, null, null, null,
                     c.deadline_id, d.kind, c.status, c.due_at, c.version, null, d.staff_id, ks.full_name
              from deadline_change c join deadline d on d.id = c.deadline_id left join known_staff ks on ks.staff_id = d.staff_id
              where c.mission_id = :missionId
              union all
              select 'PROTECTING_POWER', 3, id, effective_at, recorded_at, change, actor, note_reference, null, null, null,
                     null, null, status, null, null, 'Protecting state ' || protecting_state, null, null
              from protecting_power_change where mission_id = :missionId
            ) timeline
            order by at, rank, recorded_at, seq
            """)
        .param("missionId", missionId)
        .query(
            (rs, row) -> {
              Timestamp due = rs.getTimestamp("due_at");
              Instant effectiveAt = rs.getTimestamp("at").toInstant();
              return new TimelineEntry(
                  rs.getString("type"),
                  effectiveAt,
                  effectiveAt,
                  rs.getTimestamp("recorded_at").toInstant(),
                  rs.getString("what"),
                  rs.getString("actor"),
                  rs.getString("note_reference"),
                  rs.getString("from_status"),
                  rs.getString("to_status"),
                  rs.getString("legal_basis"),
                  rs.getObject("deadline_id", UUID.class),
                  rs.getString("deadline_kind"),
                  rs.getString("deadline_status"),
                  due == null ? null : due.toInstant(),
                  (Integer) rs.getObject("version"),
                  rs.getString("summary"),
                  rs.getObject("staff_id", UUID.class),
                  rs.getString("staff_name"));
            })
        .list();
  }
}
