package org.interestsoffice.personnel.staff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.interestsoffice.personnel.missions.DeadlineKind;
import org.interestsoffice.platform.paging.KeysetPage;
import org.interestsoffice.platform.paging.Page;
import org.interestsoffice.platform.paging.PageQuery;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class StaffRepository {

  /** Names the cursors this list issues: another list's cursor is refused here. */
  private static final String LIST = "staff";

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

  /** Saves a changed status, departure deadline and departure; fails if changed concurrently since read. */
  public void updateStatus(StaffMember member) {
    int updated =
        jdbc.sql(
                """
                update staff_member
                set status = :status, departure_deadline_id = :deadlineId, departure_deadline_kind = :deadlineKind,
                    departure_deadline_version = :deadlineVersion, departure_due_at = :dueAt, departed_at = :departedAt,
                    version = version + 1
                where id = :id and version = :version
                """)
            .param("status", member.status().name())
            .param("deadlineId", member.departureDeadlineId())
            .param("deadlineKind", member.departureDeadlineKind() == null ? null : member.departureDeadlineKind().name())
            .param("deadlineVersion", member.departureDeadlineVersion())
            .param("dueAt", timestamp(member.departureDueAt()))
            .param("departedAt", timestamp(member.departedAt()))
            .param("id", member.id())
            .param("version", member.version())
            .update();
    if (updated != 1) {
      throw new OptimisticLockingFailureException("Staff member " + member.id() + " was changed concurrently");
    }
  }

  /** Saves changed contact details; fails if changed concurrently since read. */
  public void updateContact(StaffMember member) {
    int updated =
        jdbc.sql(
                """
                update staff_member
                set full_name = :fullName, email = :email, phone = :phone, preferred_language = :language,
                    version = version + 1
                where id = :id and version = :version
                """)
            .param("fullName", member.fullName())
            .param("email", member.email())
            .param("phone", member.phone())
            .param("language", member.preferredLanguage())
            .param("id", member.id())
            .param("version", member.version())
            .update();
    if (updated != 1) {
      throw new OptimisticLockingFailureException("Staff member " + member.id() + " was changed concurrently");
    }
  }

  /** The person, locked until the end of the transaction. */
  public Optional<StaffMember> findForUpdate(UUID id) {
    return jdbc.sql("select * from staff_member where id = :id for update").param("id", id).query(StaffRepository::map).optional();
  }

  /** These people, locked in a stable order (so that two transactions never deadlock on them). */
  public List<StaffMember> findAllForUpdate(Collection<UUID> ids) {
    return jdbc.sql("select * from staff_member where id = any(:ids) order by id for update")
        .param("ids", ids.toArray(UUID[]::new))
        .query(StaffRepository::map)
        .list();
  }

  /** The mission's staff in that status, locked. */
  public List<StaffMember> ofMissionForUpdate(UUID missionId, StaffStatus status) {
    return jdbc.sql("select * from staff_member where mission_id = :missionId and status = :status order by id for update")
        .param("missionId", missionId)
        .param("status", status.name())
        .query(StaffRepository::map)
        .list();
  }

  /**
   * Those ordered out (or overdue) on any deadline of the lineage with an older version than the
   * given one, locked: the people a newer version of the deadline applies to.
   */
  public List<StaffMember> onLineageBelowVersionForUpdate(UUID lineageId, int version) {
    return jdbc.sql(
            """
            select * from staff_member
            where departure_deadline_id in (select deadline_id from known_deadline where lineage_id = :lineage)
              and departure_deadline_version < :version
              and status in ('DEPARTURE_ORDERED', 'OVERDUE')
            order by id for update
            """)
        .param("lineage", lineageId)
        .param("version", version)
        .query(StaffRepository::map)
        .list();
  }

  /** Those still ordered out on that deadline, at that version or an older one, locked. */
  public List<StaffMember> orderedOutOnForUpdate(UUID deadlineId, int upToVersion) {
    return jdbc.sql(
            """
            select * from staff_member
            where departure_deadline_id = :deadlineId and departure_deadline_version <= :version
              and status = 'DEPARTURE_ORDERED'
            order by id for update
            """)
        .param("deadlineId", deadlineId)
        .param("version", upToVersion)
        .query(StaffRepository::map)
        .list();
  }

  /** How many of the mission's staff are designated to remain. */
  public int countRemaining(UUID missionId) {
    return jdbc.sql("select count(*) from staff_member where mission_id = :missionId and status = 'REMAINING'")
        .param("missionId", missionId)
        .query(Integer.class)
        .single();
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  public Optional<StaffMember> find(UUID id) {
    return jdbc.sql("select * from staff_member where id = :id").param("id", id).query(StaffRepository::map).optional();
  }

  /** The mission's staff, as they are (not locked). */
  public List<StaffMember> ofMission(UUID missionId) {
    return jdbc.sql("select * from staff_member where mission_id = :missionId order by id")
        .param("missionId", missionId)
        .query(StaffRepository::map)
        .list();
  }

  /** The mission's staff, locked for update so that concurrent orders see each other's changes. */
  public List<StaffMember> ofMissionForUpdate(UUID missionId) {
    return jdbc.sql("select * from staff_member where mission_id = :missionId order by id for update")
        .param("missionId", missionId)
        .query(StaffRepository::map)
        .list();
  }

  /** The whole staff of a mission by name, for the mission's accountability view. */
  public List<StaffMember> ofMissionByName(UUID missionId) {
    return jdbc.sql("select * from staff_member where mission_id = :missionId order by full_name, id")
        .param("missionId", missionId)
        .query(StaffRepository::map)
        .list();
  }

  /**
   * A page of the staff matching the filters (a null mission or status matches all), by name (id
   * breaks ties), after the cursor's member; within the given offices when there is an office
   * filter: the scope is part of the query itself.
   */
  public Page<StaffMember> search(UUID missionId, StaffStatus status, Optional<Set<String>> offices, PageQuery page) {
    KeysetPage keyset = KeysetPage.byText(page, LIST, "full_name");
    List<StaffMember> rows =
        keyset
            .bind(
                jdbc.sql(
                    """
                    select * from staff_member
                    where (cast(:missionId as uuid) is null or mission_id = :missionId)
                      and (cast(:status as text) is null or status = :status)
                      and (cast(:filtered as boolean) = false or office_code = any(:offices))
                    """
                        + keyset.orderAndLimit()))
            .param("missionId", missionId)
            .param("status", status == null ? null : status.name())
            .param("filtered", offices.isPresent())
            .param("offices", offices.orElse(Set.of()).toArray(String[]::new))
            .query(StaffRepository::map)
            .list();
    return keyset.page(rows, StaffMember::fullName, StaffMember::id);
  }

  private static StaffMember map(ResultSet rs, int row) throws SQLException {
    Timestamp dueAt = rs.getTimestamp("departure_due_at");
    Timestamp departedAt = rs.getTimestamp("departed_at");
    String kind = rs.getString("departure_deadline_kind");
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
        kind == null ? null : DeadlineKind.valueOf(kind),
        rs.getObject("departure_deadline_version", Integer.class),
        dueAt == null ? null : dueAt.toInstant(),
        departedAt == null ? null : departedAt.toInstant(),
        rs.getLong("version"));
  }
}
