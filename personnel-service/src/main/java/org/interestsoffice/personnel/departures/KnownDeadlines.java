package org.interestsoffice.personnel.departures;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.personnel.missions.DeadlineKind;
import org.interestsoffice.personnel.missions.DeadlineStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The deadlines personnel has heard of, by lineage. Deadline events can arrive in any order (a
 * retried one after a newer one), so every row keeps the highest version seen, and a reissue that
 * links two deadlines first seen apart merges their lineages. Callers hold the mission's lock.
 */
@Repository
public class KnownDeadlines {

  private final JdbcClient jdbc;

  KnownDeadlines(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records what an event says of a deadline and returns its lineage.
   *
   * @param previousDeadlineId the deadline this one supersedes (on a reissue), else null
   */
  public UUID record(
      UUID missionId, UUID deadlineId, UUID previousDeadlineId, DeadlineKind kind, DeadlineStatus status, Instant dueAt, int version) {
    Optional<UUID> own = lineageOf(deadlineId);
    Optional<UUID> previous = Optional.ofNullable(previousDeadlineId).flatMap(this::lineageOf);
    UUID lineage = previous.or(() -> own).orElse(previousDeadlineId != null ? previousDeadlineId : deadlineId);
    if (previousDeadlineId != null && previous.isEmpty()) {
      // Known only as superseded: version 0, so that its own events, when they come, win.
      upsert(missionId, previousDeadlineId, lineage, kind, null, null, 0);
    }
    upsert(missionId, deadlineId, lineage, kind, status, dueAt, version);
    own.filter(other -> !other.equals(lineage)).ifPresent(other -> merge(other, lineage));
    return lineage;
  }

  /** The deadline (and its whole lineage) was ended by another one, as a rupture ends a reduction. */
  public void supersede(UUID deadlineId) {
    jdbc.sql(
            """
            update known_deadline set status = 'SUPERSEDED'
            where lineage_id = (select lineage_id from known_deadline where deadline_id = :id)
            """)
        .param("id", deadlineId)
        .update();
  }

  /** The newest version of the lineage: the deadline that counts now. */
  public Optional<KnownDeadline> current(UUID lineageId) {
    return jdbc.sql("select * from known_deadline where lineage_id = :lineage order by version desc, due_at desc nulls last limit 1")
        .param("lineage", lineageId)
        .query(KnownDeadlines::map)
        .optional();
  }

  public Optional<KnownDeadline> find(UUID deadlineId) {
    return jdbc.sql("select * from known_deadline where deadline_id = :id").param("id", deadlineId).query(KnownDeadlines::map).optional();
  }

  private Optional<UUID> lineageOf(UUID deadlineId) {
    return jdbc.sql("select lineage_id from known_deadline where deadline_id = :id").param("id", deadlineId).query(UUID.class).optional();
  }

  /** A version never goes back: an older event arriving late changes nothing but the lineage. */
  private void upsert(
      UUID missionId, UUID deadlineId, UUID lineage, DeadlineKind kind, DeadlineStatus status, Instant dueAt, int version) {
    jdbc.sql(
            """
            insert into known_deadline (deadline_id, lineage_id, mission_id, kind, status, due_at, version)
            values (:id, :lineage, :missionId, :kind, :status, :dueAt, :version)
            on conflict (deadline_id) do update
              set kind = excluded.kind, status = excluded.status, due_at = excluded.due_at, version = excluded.version
              where excluded.version >= known_deadline.version
            """)
        .param("id", deadlineId)
        .param("lineage", lineage)
        .param("missionId", missionId)
        .param("kind", kind == null ? null : kind.name())
        .param("status", status == null ? null : status.name())
        .param("dueAt", dueAt == null ? null : Timestamp.from(dueAt))
        .param("version", version)
        .update();
  }

  private void merge(UUID from, UUID into) {
    jdbc.sql("update known_deadline set lineage_id = :into where lineage_id = :from").param("into", into).param("from", from).update();
    jdbc.sql("update known_mission set departure_lineage_id = :into where departure_lineage_id = :from")
        .param("into", into)
        .param("from", from)
        .update();
    jdbc.sql("update known_mission set reduction_lineage_id = :into where reduction_lineage_id = :from")
        .param("into", into)
        .param("from", from)
        .update();
  }

  private static KnownDeadline map(ResultSet rs, int row) throws SQLException {
    Timestamp dueAt = rs.getTimestamp("due_at");
    String kind = rs.getString("kind");
    String status = rs.getString("status");
    return new KnownDeadline(
        rs.getObject("deadline_id", UUID.class),
        rs.getObject("lineage_id", UUID.class),
        rs.getObject("mission_id", UUID.class),
        kind == null ? null : DeadlineKind.valueOf(kind),
        status == null ? null : DeadlineStatus.valueOf(status),
        dueAt == null ? null : dueAt.toInstant(),
        rs.getInt("version"));
  }
}
