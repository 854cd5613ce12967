package org.interestsoffice.notifications.contacts;

import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.notifications.events.StaffRegistered;
import org.interestsoffice.platform.events.EventEnvelope;
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

  public void onStaffRegistered(StaffRegistered event, EventEnvelope envelope) {
    jdbc.sql(
            """
            insert into staff_contact (staff_id, mission_id, office_code, full_name, email, phone, language)
            values (:staffId, :missionId, :office, :fullName, :email, :phone, :language)
            on conflict (staff_id) do update set full_name = excluded.full_name, email = excluded.email,
                                                 phone = excluded.phone, language = excluded.language
            """)
        .param("staffId", event.staffId())
        .param("missionId", event.missionId())
        .param("office", event.officeCode())
        .param("fullName", event.fullName())
        .param("email", event.email())
        .param("phone", event.phone())
        .param("language", event.preferredLanguage())
        .update();
  }

  public Optional<Contact> find(UUID staffId) {
    return jdbc.sql("select * from staff_contact where staff_id = :staffId")
        .param("staffId", staffId)
        .query(
            (rs, row) ->
                new Contact(
                    rs.getObject("staff_id", UUID.class),
                    rs.getObject("mission_id", UUID.class),
                    rs.getString("office_code"),
                    rs.getString("full_name"),
                    rs.getString("email"),
                    rs.getString("phone"),
                    rs.getString("language")))
        .optional();
  }
}
