package org.interestsoffice.personnel.groups;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.interestsoffice.platform.paging.KeysetPage;
import org.interestsoffice.platform.paging.Page;
import org.interestsoffice.platform.paging.PageQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DepartureGroups {

  /** Names the cursors this list issues: another list's cursor is refused here. */
  private static final String LIST = "departure-groups";

  private final JdbcClient jdbc;

  DepartureGroups(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void add(DepartureGroup group) {
    jdbc.sql(
            """
            insert into departure_group (id, mission_id, office_code, name, scheduled_at, transport)
            values (:id, :missionId, :office, :name, :scheduledAt, :transport)
            """)
        .param("id", group.id())
        .param("missionId", group.missionId())
        .param("office", group.officeCode())
        .param("name", group.name())
        .param("scheduledAt", Timestamp.from(group.scheduledAt()))
        .param("transport", group.transport().name())
        .update();
  }

  void addMembers(UUID groupId, Collection<UUID> staffIds) {
    jdbc.sql("insert into departure_group_member (group_id, staff_id) select :group, unnest(:staff) on conflict do nothing")
        .param("group", groupId)
        .param("staff", staffIds.toArray(UUID[]::new))
        .update();
  }

  /** For each of these people already in a group: that group. */
  Map<UUID, UUID> groupsOf(Collection<UUID> staffIds) {
    return jdbc.sql("select staff_id, group_id from departure_group_member where staff_id = any(:ids)")
        .param("ids", staffIds.toArray(UUID[]::new))
        .query((rs, row) -> Map.entry(rs.getObject("staff_id", UUID.class), rs.getObject("group_id", UUID.class)))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  void markDeparted(UUID groupId, Instant departedAt) {
    jdbc.sql("update departure_group set departed_at = :at, version = version + 1 where id = :id")
        .param("at", Timestamp.from(departedAt))
        .param("id", groupId)
        .update();
  }

  Optional<DepartureGroup> find(UUID id) {
    return jdbc.sql("select * from departure_group where id = :id")
        .param("id", id)
        .query(DepartureGroups::map)
        .optional()
        .map(this::withMembers);
  }

  /** The group, locked until the end of the transaction. */
  Optional<DepartureGroup> findForUpdate(UUID id) {
    return jdbc.sql("select * from departure_group where id = :id for update")
        .param("id", id)
        .query(DepartureGroups::map)
        .optional()
        .map(this::withMembers);
  }

  /**
   * A page of the groups of the mission (or of all missions), by scheduled time (id breaks ties),
   * after the cursor's group; within the given offices when there is an office filter. The members
   * of the whole page are read in one query.
   */
  Page<DepartureGroup> search(UUID missionId, Optional<Set<String>> offices, PageQuery page) {
    KeysetPage keyset = KeysetPage.byInstant(page, LIST, "scheduled_at");
    List<DepartureGroup> rows =
        keyset
            .bind(
                jdbc.sql(
                    """
                    select * from departure_group
                    where (cast(:missionId as uuid) is null or mission_id = :missionId)
                      and (cast(:filtered as boolean) = false or office_code = any(:offices))
                    """
                        + keyset.orderAndLimit()))
            .param("missionId", missionId)
            .param("filtered", offices.isPresent())
            .param("offices", offices.orElse(Set.of()).toArray(String[]::new))
            .query(DepartureGroups::map)
            .list();
    Map<UUID, List<UUID>> members = membersOf(rows.stream().map(DepartureGroup::id).toList());
    return keyset.page(rows, DepartureGroup::scheduledAt, DepartureGroup::id)
        .map(group -> group.withMembers(members.getOrDefault(group.id(), List.of())));
  }

  private DepartureGroup withMembers(DepartureGroup group) {
    return group.withMembers(membersOf(List.of(group.id())).getOrDefault(group.id(), List.of()));
  }

  /** The members of each of these groups, in one query. */
  private Map<UUID, List<UUID>> membersOf(List<UUID> groupIds) {
    return jdbc.sql("select group_id, staff_id from departure_group_member where group_id = any(:ids) order by group_id, staff_id")
        .param("ids", groupIds.toArray(UUID[]::new))
        .query((rs, row) -> Map.entry(rs.getObject("group_id", UUID.class), rs.getObject("staff_id", UUID.class)))
        .list()
        .stream()
        .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
  }

  /** The group's row, without its members. */
  private static DepartureGroup map(ResultSet rs, int row) throws SQLException {
    Timestamp departedAt = rs.getTimestamp("departed_at");
    return new DepartureGroup(
        rs.getObject("id", UUID.class),
        rs.getObject("mission_id", UUID.class),
        rs.getString("office_code"),
        rs.getString("name"),
        rs.getTimestamp("scheduled_at").toInstant(),
        Transport.valueOf(rs.getString("transport")),
        departedAt == null ? null : departedAt.toInstant(),
        List.of());
  }
}
