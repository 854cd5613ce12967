package org.interestsoffice.missions.deadlines;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every start, change and end of each deadline, with the note it rests on and who acted. */
@Repository
public class DeadlineHistory {

  private final JdbcClient jdbc;

  DeadlineHistory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One entry of a deadline's history, as the API shows it. */
  public record Entry(
      DeadlineChange change,
      DeadlineStatus status,
      Instant dueAt,
      int version,
      String noteReference,
      UUID previousDeadlineId,
      String actor,
      Instant at,
      Instant effectiveAt) {}

  /** Records what just happened to the deadline (given in its new state), taking effect as it is recorded. */
  public void record(Deadline deadline, DeadlineChange change, String noteReference, String actor, Instant at) {
    record(deadline, change, noteReference, actor, at, at);
  }

  /**
   * Records what happened to the deadline (given in its new state).
   *
   * @param recordedAt when it was entered
   * @param effectiveAt when it took effect: the note's instant, the due instant of an expiry
   */
  public void record(
      Deadline deadline, DeadlineChange change, String noteReference, String actor, Instant recordedAt, Instant effectiveAt) {
    jdbc.sql(
            """
            insert into deadline_change (deadline_id, mission_id, change, status, due_at, version, note_reference,
                                         previous_deadline_id, actor, occurred_at, effective_at)
            values (:deadlineId, :missionId, :change, :status, :dueAt, :version, :note, :previous, :actor, :at, :effectiveAt)
            """)
        .param("deadlineId", deadline.id())
        .param("missionId", deadline.missionId())
        .param("change", change.name())
        .param("status", deadline.status().name())
        .param("dueAt", Timestamp.from(deadline.dueAt()))
        .param("version", deadline.version())
        .param("note", noteReference, Types.VARCHAR)
        .param("previous", change == DeadlineChange.REISSUED ? deadline.supersedes() : null, Types.OTHER)
        .param("actor", actor)
        .param("at", Timestamp.from(recordedAt))
        .param("effectiveAt", Timestamp.from(effectiveAt))
        .update();
  }

  public List<Entry> of(UUID deadlineId) {
    return jdbc.sql("select * from deadline_change where deadline_id = :id order by id")
        .param("id", deadlineId)
        .query(
            (rs, row) ->
                new Entry(
                    DeadlineChange.valueOf(rs.getString("change")),
                    DeadlineStatus.valueOf(rs.getString("status")),
                    rs.getTimestamp("due_at").toInstant(),
                    rs.getInt("version"),
                    rs.getString("note_reference"),
                    rs.getObject("previous_deadline_id", UUID.class),
                    rs.getString("actor"),
                    rs.getTimestamp("occurred_at").toInstant(),
                    rs.getTimestamp("effective_at").toInstant()))
        .list();
  }
}
