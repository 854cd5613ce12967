package org.interestsoffice.personnel.staff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class StaffRepository {

  private final JdbcClient jdbc;

  StaffRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void add(StaffMember member) {
    jdbc.sql(
            """
            insert into staff_member (id, mission_id, office_code, full_name, category, principal_id, nationality,
                                      email, phone, preferred_language, status, version)
            values (:id, :missionId, :office, :fullName, :category, :principalId, :nationality,
                    :email, :phone, :language, :status, 0)
            """)
        .param("id", member.id())
        .param("missionId", member.missionId())
        .param("office", member.officeCode())
        .param("fullName", member.fullName())
        .param("category", member.category().name())
        .param("principalId", member.principalId())
        .param("nationality", member.nationality())
        .param("email", member.email())
        .param("phone", member.phone())
        .param("language", member.preferredLanguage())
        .param("status", member.status().name())
        .update();
  }

  /** Saves a changed status and departure deadline; fails if changed concurrently since read. */
  public void updateStatus(StaffMember member) {
    int updated =
        jdbc.sql(
                """
                update staff_member
                set status = :status, departure_deadline_id = :deadlineId, departure_due_at = :dueAt,
                    version = version + 1
                where id = :id and version = :version
                """)
            .param("status", member.status().name())
            .param("deadlineId", member.departureDeadlineId())
            .param("dueAt", member.departureDueAt() == null ? null : Timestamp.from(member.departureDueAt()))
            .param("id", member.id())
            .param("version", member.version())
            .update();
    if (updated != 1) {
      throw new OptimisticLockingFailureException("Staff member " + member.id() + " was changed concurrently");
    }
  }

  public Optional<StaffMember> find(UUID id) {
    return jdbc.sql("select * from staff_member where id = :id").param("id", id).query(StaffRepository::map).optional();
  }

  /** The mission's staff, locked for update so that concurrent orders see each other's changes. */
  public List<StaffMember> ofMissionForUpdate(UUID missionId) {
    return jdbc.sql("select * from staff_member where mission_id = :missionId order by id for update")
        .param("missionId", missionId)
        .query(StaffRepository::map)
        .list();
  }

  /**
   * Staff matching the filters (a null mission or status matches all), within the given offices
   * when there is an office filter: the scope is part of the query itself.
   */
  public List<StaffMember> search(UUID missionId, StaffStatus status, Optional<Set<String>> offices) {
    return jdbc.sql(
            """
            select * from staff_member
            where (cast(:missionId as uuid) is null or mission_id = :missionId)
              and (cast(:status as text) is null or status = :status)
              and (cast(:filtered as boolean) = false or office_code = any(:offices))
            order by full_name, id
            """)
        .param("missionId", missionId)
        .param("status", status == null ? null : status.name())
        .param("filtered", offices.isPresent())
        .param("offices", offices.orElse(Set.of()).toArray(String[]::new))
        .query(StaffRepository::map)
        .list();
  }

  private static StaffMember map(ResultSet rs, int row) throws SQLException {
    Timestamp dueAt = rs.getTimestamp("departure_due_at");
    return new StaffMember(
        rs.getObject("id", UUID.class),
        rs.getObject("mission_id", UUID.class),
        rs.getString("office_code"),
        rs.getString("full_name"),
        StaffCategory.valueOf(rs.getString("category")),
        rs.getObject("principal_id", UUID.class),
        rs.getString("nationality"),
        rs.getString("email"),
        rs.getString("phone"),
        rs.getString("preferred_language"),
        StaffStatus.valueOf(rs.getString("status")),
        rs.getObject("departure_deadline_id", UUID.class),
        dueAt == null ? null : dueAt.toInstant(),
        rs.getLong("version"));
  }
}
