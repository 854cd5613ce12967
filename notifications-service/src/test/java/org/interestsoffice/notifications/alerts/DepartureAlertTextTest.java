package org.interestsoffice.notifications.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** The words of a departure order: the person's language, the deadline in UTC and in local time. */
class DepartureAlertTextTest {

  private static final ZoneId CARACAS = ZoneId.of("America/Caracas");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  // The 72 hours given to US diplomats in Caracas on 23 January 2019.
  private static final Instant DUE_IN_CARACAS = Instant.parse("2019-01-26T20:00:00Z");

  @Test
  void anEnglishSpeakerReadsTheDeadlineInUtcAndInTheMissionsLocalTime() {
    DepartureAlertText.Rendered text =
        DepartureAlertText.render("en", "Jane Doe", "Embassy of the United States in Caracas", DUE_IN_CARACAS, CARACAS);

    assertThat(text.subject()).isEqualTo("Departure order: leave by 2019-01-26 20:00 UTC");
    assertThat(text.body())
        .startsWith("Dear Jane Doe,")
        .contains("Mission: Embassy of the United States in Caracas")
        .contains("Deadline: 2019-01-26 20:00 UTC")
        .contains("Local time: 2019-01-26 16:00 (America/Caracas)")
        .contains("Confirm that you have received this order: " + DepartureAlertText.ACK_LINK)
        .doesNotContain("Plazo");
  }

  @Test
  void aSpanishSpeakerReadsSpanishWithTheSameInstants() {
    DepartureAlertText.Rendered text =
        DepartureAlertText.render("es", "José Peña", "Embajada de los Estados Unidos en Caracas", DUE_IN_CARACAS, CARACAS);

    assertThat(text.subject()).isEqualTo("Orden de salida: debe salir antes del 2019-01-26 20:00 UTC");
    assertThat(text.body())
        .startsWith("Estimado/a José Peña:")
        .contains("Misión: Embajada de los Estados Unidos en Caracas")
        .contains("Plazo: 2019-01-26 20:00 UTC")
        .contains("Hora local: 2019-01-26 16:00 (America/Caracas)")
        .contains("Confirme que ha recibido esta orden: " + DepartureAlertText.ACK_LINK)
        .doesNotContain("Deadline");
  }

  @Test
  void localTimeFollowsDaylightSavingTimeInWinter() {
    // New York is UTC-5 in January (EST).
    DepartureAlertText.Rendered english =
        DepartureAlertText.render("en", "Jane Doe", "Embassy in Washington", Instant.parse("2019-01-26T20:00:00Z"), NEW_YORK);
    DepartureAlertText.Rendered spanish =
        DepartureAlertText.render("es", "José Peña", "Embajada en Washington", Instant.parse("2019-01-26T20:00:00Z"), NEW_YORK);

    assertThat(english.body())
        .contains("Deadline: 2019-01-26 20:00 UTC")
        .contains("Local time: 2019-01-26 15:00 (America/New_York)");
    assertThat(spanish.body())
        .contains("Plazo: 2019-01-26 20:00 UTC")
        .contains("Hora local: 2019-01-26 15:00 (America/New_York)");
  }

  @Test
  void localTimeFollowsDaylightSavingTimeInSummer() {
    // New York is UTC-4 in July (EDT): the same UTC hour is an hour later on the local clock.
    DepartureAlertText.Rendered english =
        DepartureAlertText.render("en", "Jane Doe", "Embassy in Washington", Instant.parse("2019-07-26T20:00:00Z"), NEW_YORK);
    DepartureAlertText.Rendered spanish =
        DepartureAlertText.render("es", "José Peña", "Embajada en Washington", Instant.parse("2019-07-26T20:00:00Z"), NEW_YORK);

    assertThat(english.body())
        .contains("Deadline: 2019-07-26 20:00 UTC")
        .contains("Local time: 2019-07-26 16:00 (America/New_York)");
    assertThat(spanish.body())
        .contains("Plazo: 2019-07-26 20:00 UTC")
        .contains("Hora local: 2019-07-26 16:00 (America/New_York)");
  }

  @Test
  void aDeadlineJustAfterMidnightUtcFallsOnThePreviousLocalDay() {
    DepartureAlertText.Rendered text =
        DepartureAlertText.render("en", "Jane Doe", "Embassy in Caracas", Instant.parse("2019-03-15T02:30:00Z"), CARACAS);

    assertThat(text.subject()).isEqualTo("Departure order: leave by 2019-03-15 02:30 UTC");
    assertThat(text.body()).contains("Local time: 2019-03-14 22:30 (America/Caracas)");
  }
}
