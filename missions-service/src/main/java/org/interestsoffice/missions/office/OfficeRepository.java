package org.interestsoffice.missions.office;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OfficeRepository {

  private final JdbcClient jdbc;

  OfficeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds the office; a code already taken fails with a duplicate key (answered 409). */
  void add(Office office) {
    jdbc.sql(
            """
            insert into office (code, capital, sending_state, receiving_state, time_zone, created_at)
            values (:code, :capital, :sending, :receiving, :zone, :createdAt)
            """)
        .param("code", office.code())
        .param("capital", office.capital())
        .param("sending", office.sendingState())
        .param("receiving", office.receivingState())
        .param("zone", office.timeZone().getId())
        .param("createdAt", Timestamp.from(office.createdAt()))
        .update();
  }

  Optional<Office> find(String code) {
    return jdbc.sql("select * from office where code = :code").param("code", code).query(OfficeRepository::map).optional();
  }

  /** All offices, or only the given ones: the scope is applied in the query itself. */
  List<Office> all(Optional<Set<String>> offices) {
    return jdbc.sql(
            """
            select * from office
            where cast(:filtered as boolean) = false or code = any(:offices)
            order by code
            """)
        .param("filtered", offices.isPresent())
        .param("offices", offices.orElse(Set.of()).toArray(String[]::new))
        .query(OfficeRepository::map)
        .list();
  }

  private static Office map(ResultSet rs, int row) throws SQLException {
    return new Office(
        rs.getString("code"),
        rs.getString("capital"),
        rs.getString("sending_state"),
        rs.getString("receiving_state"),
        ZoneId.of(rs.getString("time_zone")),
        rs.getTimestamp("created_at").toInstant());
  }
}
