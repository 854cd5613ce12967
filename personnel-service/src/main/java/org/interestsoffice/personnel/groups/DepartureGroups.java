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

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DepartureGroups {

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
    for (UUID staffId : staffIds) {
      jdbc.sql("insert into departure_group_member (group_id, staff_id) values (:group, :staff) on conflict do nothing")
          .param("group", groupId)
          .param("staff", staffId)
          .update();
    }
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
    return jdbc.sql("select * from departure_group where id = :id").param("id", id).query(this::map).optional();
  }

  /** The group, locked until the end of the transaction. */
  Optional<DepartureGroup> findForUpdate(UUID id) {
    return jdbc.sql("select * from departure_group where id = :id for update").param("id", id).query(this::map).optional();
  }

  /** Groups of the mission (or of all missions), within the given offices when there is an office filter. */
  List<DepartureGroup> search(UUID missionId, Optional<Set<String>> offices) {
    return jdbc.sql(
            """
            select * from departure_group
            where (cast(:missionId as uuid) is null or mission_id = :missionId)
              and (cast(:filtered as boolean) = false or office_code = any(:offices))
            order by scheduled_at, id
            """)
        .param("missionId", missionId)
        .param("filtered", offices.isPresent())
        .param("offices", offices.orElse(Set.of()).toArray(String[]::new))
        .query(this::map)
        .list();
  }

  private DepartureGroup map(ResultSet rs, int row) throws SQLException {
    UUID id = rs.getObject("id", UUID.class);
    Timestamp departedAt = rs.getTimestamp("departed_at");
    List<UUID> members =
        jdbc.sql("select staff_id from departure_group_member where group_id = :id order by staff_id")
            .param("id", id)
            .query(UUID.class)
            .list();
    return new DepartureGroup(
        id,
        rs.getObject("mission_id", UUID.class),
        rs.getString("office_code"),
        rs.getString("name"),
        rs.getTimestamp("scheduled_at").toInstant(),
        Transport.valueOf(rs.getString("transport")),
        departedAt == null ? null : departedAt.toInstant(),
        members);
  }
}
