package org.interestsoffice.missions.mission;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class MissionRepository {

  private final JdbcClient jdbc;

  MissionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void add(Mission mission) {
    jdbc.sql(
            """
            insert into mission (id, office_code, kind, name, sending_state, receiving_state, city,
                                 time_zone, registered_at, status, consular_posts_closed, remaining_staff_ceiling,
                                 protecting_state, exercise_starts_at, case_now, version)
            values (:id, :office, :kind, :name, :sending, :receiving, :city, :zone, :registeredAt,
                    :status, :consularClosed, :ceiling, :protectingState, :exerciseStartsAt, :caseNow, 0)
            """)
        .param("id", mission.id())
        .param("office", mission.officeCode())
        .param("kind", mission.kind().name())
        .param("name", mission.name())
        .param("sending", mission.sendingState())
        .param("receiving", mission.receivingState())
        .param("city", mission.city())
        .param("zone", mission.timeZone().getId())
        .param("registeredAt", Timestamp.from(mission.registeredAt()))
        .param("status", mission.status().name())
        .param("consularClosed", mission.consularPostsClosed())
        .param("ceiling", mission.remainingStaffCeiling().orElse(null), java.sql.Types.INTEGER)
        .param("protectingState", mission.protectingState().orElse(null), java.sql.Types.CHAR)
        .param("exerciseStartsAt", mission.exercise().map(e -> Timestamp.from(e.startsAt())).orElse(null), java.sql.Types.TIMESTAMP)
        .param("caseNow", mission.exercise().map(e -> Timestamp.from(e.caseNow())).orElse(null), java.sql.Types.TIMESTAMP)
        .update();
  }

  /** Saves a changed status; fails if someone else changed the mission since it was read. */
  public void update(Mission mission) {
    int updated =
        jdbc.sql(
                """
                update mission set status = :status, consular_posts_closed = :consularClosed,
                                   remaining_staff_ceiling = :ceiling, protecting_state = :protectingState,
                                   interests_section_services = :services, kind = :kind,
                                   rupture_initiated_by = :initiatedBy, case_now = :caseNow, version = version + 1
                where id = :id and version = :version
                """)
            .param("status", mission.status().name())
            .param("consularClosed", mission.consularPostsClosed())
            .param("ceiling", mission.remainingStaffCeiling().orElse(null), java.sql.Types.INTEGER)
            .param("protectingState", mission.protectingState().orElse(null), java.sql.Types.CHAR)
            .param("services", mission.interestsSectionServices().toArray(String[]::new))
            .param("kind", mission.kind().name())
            .param("initiatedBy", mission.ruptureInitiatedBy().map(Enum::name).orElse(null), java.sql.Types.VARCHAR)
            .param("caseNow", mission.exercise().map(e -> Timestamp.from(e.caseNow())).orElse(null), java.sql.Types.TIMESTAMP)
            .param("id", mission.id())
            .param("version", mission.version())
            .update();
    if (updated != 1) {
      throw new OptimisticLockingFailureException("Mission " + mission.id() + " was changed concurrently");
    }
  }

  public Optional<Mission> find(UUID id) {
    return jdbc.sql("select * from mission where id = :id").param("id", id).query(MissionRepository::map).optional();
  }

  /**
   * Reads the mission and locks it until the transaction ends, so that changes to one mission
   * (from users and from the deadline scheduler) happen one after the other.
   */
  public Optional<Mission> lock(UUID id) {
    return jdbc.sql("select * from mission where id = :id for update").param("id", id).query(MissionRepository::map).optional();
  }

  /**
   * Locks the mission if nobody else holds it, else answers empty at once: the scheduler never
   * waits for a user's transaction (which may itself wait for a deadline the scheduler holds).
   */
  public Optional<Mission> lockIfFree(UUID id) {
    return jdbc.sql("select * from mission where id = :id for update skip locked")
        .param("id", id)
        .query(MissionRepository::map)
        .optional();
  }

  /** All missions, or those of the given offices: the scope is applied in the query itself. */
  public List<Mission> all(Optional<Set<String>> offices) {
    return jdbc.sql(
            """
            select * from mission
            where cast(:filtered as boolean) = false or office_code = any(:offices)
            order by office_code, name
            """)
        .param("filtered", offices.isPresent())
        .param("offices", offices.orElse(Set.of()).toArray(String[]::new))
        .query(MissionRepository::map)
        .list();
  }

  private static Mission map(ResultSet rs, int row) throws SQLException {
    return new Mission(
        rs.getObject("id", UUID.class),
        rs.getString("office_code"),
        MissionKind.valueOf(rs.getString("kind")),
        rs.getString("name"),
        rs.getString("sending_state"),
        rs.getString("receiving_state"),
        rs.getString("city"),
        ZoneId.of(rs.getString("time_zone")),
        rs.getTimestamp("registered_at").toInstant(),
        MissionStatus.valueOf(rs.getString("status")),
        rs.getBoolean("consular_posts_closed"),
        Optional.ofNullable((Integer) rs.getObject("remaining_staff_ceiling")),
        Optional.ofNullable(rs.getString("protecting_state")),
        services(rs.getArray("interests_section_services")),
        Optional.ofNullable(rs.getString("rupture_initiated_by")).map(RuptureInitiator::valueOf),
        exercise(rs),
        rs.getLong("version"));
  }

  private static Optional<Exercise> exercise(ResultSet rs) throws SQLException {
    Timestamp startsAt = rs.getTimestamp("exercise_starts_at");
    return startsAt == null ? Optional.empty() : Optional.of(new Exercise(startsAt.toInstant(), rs.getTimestamp("case_now").toInstant()));
  }

  private static List<String> services(Array array) throws SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }
}
