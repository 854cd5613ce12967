package org.interestsoffice.notifications.alerts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The words of a departure order, in the person's language, with the deadline in UTC and in the
 * mission's local time (a person on the ground thinks in local time; the note counts in UTC).
 */
final class DepartureAlertText {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private DepartureAlertText() {}

  record Rendered(String subject, String body) {}

  static Rendered render(String language, String fullName, String missionName, Instant dueAt, ZoneId missionZone) {
    String utc = WHEN.format(dueAt.atZone(ZoneOffset.UTC)) + " UTC";
    String local = WHEN.format(dueAt.atZone(missionZone)) + " (" + missionZone.getId() + ")";
    if ("es".equals(language)) {
      return new Rendered(
          "Orden de salida: debe salir antes del " + utc,
          """
          Estimado/a %s:

          Se han roto las relaciones diplomáticas y se le ordena abandonar el Estado receptor.

          Misión: %s
          Plazo: %s
          Hora local: %s

          Póngase en contacto con el jefe de la misión para organizar su viaje.
          """
              .formatted(fullName, missionName, utc, local));
    }
    return new Rendered(
        "Departure order: leave by " + utc,
        """
        Dear %s,

        Diplomatic relations have been severed and you are ordered to leave the receiving state.

        Mission: %s
        Deadline: %s
        Local time: %s

        Contact the head of mission to arrange your travel.
        """
            .formatted(fullName, missionName, utc, local));
  }
}
