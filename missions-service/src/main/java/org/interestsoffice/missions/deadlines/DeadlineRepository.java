package org.interestsoffice.missions.deadlines;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class DeadlineRepository {

  private final JdbcClient jdbc;

  DeadlineRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void add(Deadline deadline) {
    jdbc.sql(
            """
            insert into deadline (id, mission_id, kind, note_reference, anchored_at, duration, due_at, status, version, supersedes, staff_id)
            values (:id, :missionId, :kind, :note, :anchoredAt, :duration, :dueAt, :status, :version, :supersedes, :staffId)
            """)
        .param("id", deadline.id())
        .param("missionId", deadline.missionId())
        .param("kind", deadline.kind().name())
        .param("note", deadline.noteReference(), Types.VARCHAR)
        .param("anchoredAt", Timestamp.from(deadline.anchoredAt()))
        .param("duration", deadline.duration().toString())
        .param("dueAt", Timestamp.from(deadline.dueAt()))
        .param("status", deadline.status().name())
        .param("version", deadline.version())
        .param("supersedes", deadline.supersedes(), Types.OTHER)
        .param("staffId", deadline.staffId(), Types.OTHER)
        .update();
  }

  /** Saves a change of status, due instant or version of a deadline read with a lock. */
  public void update(Deadline deadline) {
    jdbc.sql("update deadline set status = :status, due_at = :dueAt, version = :version where id = :id")
        .param("status", deadline.status().name())
        .param("dueAt", Timestamp.from(deadline.dueAt()))
        .param("version", deadline.version())
        .param("id", deadline.id())
        .update();
  }

  /** Reads the deadline of the mission and locks it until the transaction ends. */
  public Optional<Deadline> lock(UUID missionId, UUID id) {
    return jdbc.sql("select * from deadline where id = :id and mission_id = :missionId for update")
        .param("id", id)
        .param("missionId", missionId)
        .query(DeadlineRepository::map)
        .optional();
  }

  /** The mission's running or suspended deadlines of a kind, locked until the transaction ends. */
  public List<Deadline> lockOpen(UUID missionId, DeadlineKind kind) {
    return jdbc.sql(
            """
            select * from deadline
            where mission_id = :missionId and kind = :kind and status in ('RUNNING', 'SUSPENDED')
            order by anchored_at
            for update
            """)
        .param("missionId", missionId)
        .param("kind", kind.name())
        .query(DeadlineRepository::map)
        .list();
  }

  /**
   * Claims running deadlines due at the given instant. A deadline another transaction holds is
   * skipped, and one that another transaction has just expired no longer matches once its lock is
   * released (PostgreSQL re-checks the condition on the newest row), so each due deadline is
   * claimed by exactly one scheduler.
   */
  public List<Deadline> claimDue(Instant now, int limit) {
    // Exercises are left out: their deadlines fire when their case clock is advanced.
    return jdbc.sql(
            """
            select d.* from deadline d join mission m on m.id = d.mission_id
            where d.status = 'RUNNING' and d.due_at <= :now and m.exercise_starts_at is null
            order by d.due_at
            limit :limit
            for update of d skip locked
            """)
        .param("now", Timestamp.from(now))
        .param("limit", limit)
        .query(DeadlineRepository::map)
        .list();
  }

  /** The mission's earliest running deadline due by the given instant, locked until the transaction ends. */
  public Optional<Deadline> lockEarliestDue(UUID missionId, Instant upTo) {
    return jdbc.sql(
            """
            select * from deadline
            where mission_id = :missionId and status = 'RUNNING' and due_at <= :upTo
            order by due_at, anchored_at, id
            limit 1
            for update
            """)
        .param("missionId", missionId)
        .param("upTo", Timestamp.from(upTo))
        .query(DeadlineRepository::map)
        .optional();
  }

  /** The person's running or suspended personal deadlines, locked until the transaction ends. */
  public List<Deadline> lockOpenPersonal(UUID missionId, UUID staffId) {
    return jdbc.sql(
            """
            select * from deadline
            where mission_id = :missionId and kind = 'PERSONAL' and staff_id = :staffId and status in ('RUNNING', 'SUSPENDED')
            for update
            """)
        .param("missionId", missionId)
        .param("staffId", staffId)
        .query(DeadlineRepository::map)
        .list();
  }

  public List<Deadline> ofMission(UUID missionId) {
    return jdbc.sql("select * from deadline where mission_id = :missionId order by anchored_at, kind, version")
        .param("missionId", missionId)
        .query(DeadlineRepository::map)
        .list();
  }

  private static Deadline map(ResultSet rs, int row) throws SQLException {
    return new Deadline(
        rs.getObject("id", UUID.class),
        rs.getObject("mission_id", UUID.class),
        DeadlineKind.valueOf(rs.getString("kind")),
        rs.getString("note_reference"),
        rs.getTimestamp("anchored_at").toInstant(),
        Duration.parse(rs.getString("duration")),
        rs.getTimestamp("due_at").toInstant(),
        DeadlineStatus.valueOf(rs.getString("status")),
        rs.getInt("version"),
        rs.getObject("supersedes", UUID.class),
        rs.getObject("staff_id", UUID.class));
  }
}
