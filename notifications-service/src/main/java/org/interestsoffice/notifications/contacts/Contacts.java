package org.interestsoffice.notifications.contacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Notifications' own copy of the contact details it needs, kept from personnel's events, so that
 * sending an alert never waits on another service.
 */
@Repository
public class Contacts {

  private final JdbcClient jdbc;

  Contacts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records the details as personnel reported them (registration or change), unless the copy holds
   * a newer version already: personnel's events may arrive in any order (several consumer threads,
   * redeliveries), and an older correction must not overwrite a newer one. An event without a
   * version (published before personnel numbered them) is recorded as it comes.
   *
   * @return whether the copy changed
   */
  public boolean save(Contact contact, Long contactVersion) {
    return jdbc.sql(
            """
            insert into staff_contact (staff_id, mission_id, office_code, full_name, email, phone, language, contact_version)
            values (:staffId, :missionId, :office, :fullName, :email, :phone, :language, :version)
            on conflict (staff_id) do update set full_name = excluded.full_name, email = excluded.email,
                                                 phone = excluded.phone, language = excluded.language,
                                                 contact_version = excluded.contact_version
            where excluded.contact_version is null or staff_contact.contact_version is null
               or staff_contact.contact_version < excluded.contact_version
            """)
        .param("staffId", contact.staffId())
        .param("missionId", contact.missionId())
        .param("office", contact.officeCode())
        .param("fullName", contact.fullName())
        .param("email", contact.email())
        .param("phone", contact.phone())
        .param("language", contact.language())
        .param("version", contactVersion)
        .update() == 1;
  }

  /**
   * Takes, until the caller's transaction ends, the person's lock that orders the recording of their
   * contact details and the queuing of their alerts. Without it, a registration and an order of the
   * same person consumed at the same moment (personnel publishes both in one transaction; four
   * consumer threads take them) can each miss the other: the registration wakes the person's
   * waiting alerts before the order's alert is committed, and a dispatcher looks at that alert
   * before the registration's details are, so the alert waits a whole contact wait (a minute) for
   * nothing. Serialized per person, whichever commits second sees the first.
   */
  public void lockPerson(UUID staffId) {
    jdbc.sql("select pg_advisory_xact_lock(:key)")
        .param("key", staffId.getMostSignificantBits() ^ staffId.getLeastSignificantBits())
        .query((RowCallbackHandler) row -> {});
  }

  public Optional<Contact> find(UUID staffId) {
    return jdbc.sql("select * from staff_contact where staff_id = :staffId").param("staffId", staffId).query(Contacts::contact).optional();
  }

  /** The people reachable at this phone number (E.164): one, or several sharing a phone (a family). */
  public List<Contact> findByPhone(String phone) {
    return jdbc.sql("select * from staff_contact where phone = :phone order by staff_id").param("phone", phone).query(Contacts::contact).list();
  }

  private static Contact contact(ResultSet rs, int row) throws SQLException {
    return new Contact(
        rs.getObject("staff_id", UUID.class),
        rs.getObject("mission_id", UUID.class),
        rs.getString("office_code"),
        rs.getString("full_name"),
        rs.getString("email"),
        rs.getString("phone"),
        rs.getString("language"));
  }
}
