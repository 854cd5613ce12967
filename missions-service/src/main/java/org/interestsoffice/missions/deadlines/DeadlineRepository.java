package org.interestsoffice.missions.deadlines;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
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
            insert into deadline (id, mission_id, kind, note_reference, anchored_at, duration, due_at, status, version)
            values (:id, :missionId, :kind, :note, :anchoredAt, :duration, :dueAt, :status, :version)
            """)
        .param("id", deadline.id())
        .param("missionId", deadline.missionId())
        .param("kind", deadline.kind().name())
        .param("note", deadline.noteReference())
        .param("anchoredAt", Timestamp.from(deadline.anchoredAt()))
        .param("duration", deadline.duration().toString())
        .param("dueAt", Timestamp.from(deadline.dueAt()))
        .param("status", deadline.status().name())
        .param("version", deadline.version())
        .update();
  }

  public List<Deadline> ofMission(UUID missionId) {
    return jdbc.sql("select * from deadline where mission_id = :missionId order by anchored_at, kind")
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
        rs.getInt("version"));
  }
}
