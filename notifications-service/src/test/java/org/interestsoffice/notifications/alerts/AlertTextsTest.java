package org.interestsoffice.notifications.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.interestsoffice.notifications.alerts.AlertTexts.Content;
import org.interestsoffice.notifications.alerts.AlertTexts.Kind;
import org.interestsoffice.notifications.alerts.AlertTexts.Rendered;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The words of every alert: the person's language, the deadline in UTC and in local time, SMS within its length. */
class AlertTextsTest {

  private static final ZoneId CARACAS = ZoneId.of("America/Caracas");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  // The 72 hours given to US diplomats in Caracas on 23 January 2019.
  private static final Instant DUE_IN_CARACAS = Instant.parse("2019-01-26T20:00:00Z");
  private static final String LINK = "https://alerts.interests-office.example/ack/" + "x".repeat(43);

  @Test
  void anEnglishSpeakerReadsTheOrderWithTheDeadlineInUtcAndInTheMissionsLocalTime() {
    Rendered email = render(order("Embassy of the United States in Caracas", DUE_IN_CARACAS, CARACAS), Channel.EMAIL, "en", "Jane Doe");

    assertThat(email.subject()).isEqualTo("Departure order: leave by 2019-01-26 20:00 UTC");
    assertThat(email.text())
        .startsWith("Dear Jane Doe,")
        .contains("Mission: Embassy of the United States in Caracas")
        .contains("Deadline: 2019-01-26 20:00 UTC")
        .contains("Local time: 2019-01-26 16:00 (America/Caracas)")
        .contains("Confirm that you have received this order: " + LINK)
        .doesNotContain("Plazo");
  }

  @Test
  void aSpanishSpeakerReadsSpanishWithTheSameInstantsOnBothChannels() {
    Content order = order("Embajada de los Estados Unidos en Caracas", DUE_IN_CARACAS, CARACAS);
    Rendered email = render(order, Channel.EMAIL, "es", "José Peña");
    Rendered sms = render(order, Channel.SMS, "es", "José Peña");

    assertThat(email.subject()).isEqualTo("Orden de salida: debe salir antes del 2019-01-26 20:00 UTC");
    assertThat(email.text())
        .startsWith("Estimado/a José Peña:")
        .contains("Misión: Embajada de los Estados Unidos en Caracas")
        .contains("Plazo: 2019-01-26 20:00 UTC")
        .contains("Hora local: 2019-01-26 16:00 (America/Caracas)")
        .contains("Confirme que ha recibido esta orden: " + LINK)
        .doesNotContain("Deadline");
    assertThat(sms.subject()).isNull();
    assertThat(sms.text())
        .isEqualTo(
            "Orden de salida (Embajada de los Estados Unidos en Caracas): debe salir antes del 2019-01-26 20:00 UTC, "
                + "hora local 2019-01-26 16:00 (America/Caracas). Confirme la recepción: " + LINK);
  }

  @Test
  void anOrderSaysWhyThePersonMustLeaveInTheirLanguage() {
    String mission = "Embassy of the United States in Havana";
    Instant due = Instant.parse("1961-01-04T23:59:00Z");
    Rendered reduction = render(order(mission, due, CARACAS, "REDUCTION"), Channel.EMAIL, "en", "Jane Doe");
    Rendered reduccion = render(order(mission, due, CARACAS, "REDUCTION"), Channel.SMS, "es", "José Peña");
    Rendered personal = render(order(mission, due, CARACAS, "PERSONAL"), Channel.EMAIL, "en", "Jane Doe");
    Rendered personalSms = render(order(mission, due, CARACAS, "PERSONAL"), Channel.SMS, "en", "Jane Doe");
    Rendered personalInSpanish = render(order(mission, due, CARACAS, "PERSONAL"), Channel.EMAIL, "es", "José Peña");

    assertThat(reduction.subject()).isEqualTo("Mission reduced, departure order: leave by 1961-01-04 23:59 UTC");
    assertThat(reduction.text())
        .contains("The host state has reduced the mission's size: you must leave by 1961-01-04 23:59 UTC.")
        .doesNotContain("severed");
    assertThat(reduccion.text()).startsWith("Reducción de la misión, orden de salida (" + mission + "): debe salir antes del 1961-01-04 23:59 UTC");
    assertThat(personal.subject()).isEqualTo("Persona non grata, departure order: leave by 1961-01-04 23:59 UTC");
    assertThat(personal.text())
        .contains("You have been declared persona non grata: you must leave by 1961-01-04 23:59 UTC.")
        .doesNotContain("severed");
    assertThat(personalSms.text()).startsWith("Persona non grata, departure order (" + mission + "): leave by 1961-01-04 23:59 UTC");
    assertThat(personalInSpanish.subject()).isEqualTo("Persona non grata, orden de salida: debe salir antes del 1961-01-04 23:59 UTC");
    assertThat(personalInSpanish.text()).contains("Ha sido declarado/a persona non grata: debe salir antes del 1961-01-04 23:59 UTC.");
  }

  @Test
  void anOrderOfARuptureOrOfUnknownKindReadsAsBefore() {
    Instant due = DUE_IN_CARACAS;
    assertThat(render(order("Embassy", due, CARACAS, "DEPARTURE"), Channel.EMAIL, "en", "J").text())
        .isEqualTo(render(order("Embassy", due, CARACAS), Channel.EMAIL, "en", "J").text())
        .contains("Diplomatic relations have been severed and you are ordered to leave the receiving state.");
    assertThat(render(order("Embassy", due, CARACAS, "FINAL_DEPARTURE"), Channel.EMAIL, "es", "J").text())
        .contains("La misión ha cesado sus actividades");
    assertThat(render(order("Embassy", due, CARACAS, "SOMETHING_NEW"), Channel.EMAIL, "en", "J").text())
        .contains("You are ordered to leave the receiving state.")
        .doesNotContain("severed");
    assertThat(render(order("Embassy", due, CARACAS, "SOMETHING_NEW"), Channel.SMS, "en", "J").text()).startsWith("Departure order (Embassy)");
  }

  @Test
  void localTimeFollowsDaylightSavingTime() {
    // New York is UTC-5 in January (EST) and UTC-4 in July (EDT).
    assertThat(render(order("Embassy", Instant.parse("2019-01-26T20:00:00Z"), NEW_YORK), Channel.EMAIL, "en", "J").text())
        .contains("Local time: 2019-01-26 15:00 (America/New_York)");
    assertThat(render(order("Embassy", Instant.parse("2019-07-26T20:00:00Z"), NEW_YORK), Channel.EMAIL, "es", "J").text())
        .contains("Hora local: 2019-07-26 16:00 (America/New_York)");
  }

  @Test
  void aDeadlineJustAfterMidnightUtcFallsOnThePreviousLocalDay() {
    Rendered text = render(order("Embassy in Caracas", Instant.parse("2019-03-15T02:30:00Z"), CARACAS), Channel.EMAIL, "en", "Jane Doe");

    assertThat(text.subject()).isEqualTo("Departure order: leave by 2019-03-15 02:30 UTC");
    assertThat(text.text()).contains("Local time: 2019-03-14 22:30 (America/Caracas)");
  }

  @Test
  void aChangedDeadlineSaysHowItChangedAndThatEarlierRemindersNoLongerApply() {
    Instant extended = Instant.parse("2019-01-28T20:00:00Z");
    Rendered english = render(changed("EXTENDED", extended), Channel.EMAIL, "en", "Jane Doe");
    Rendered spanish = render(changed("REISSUED", extended), Channel.SMS, "es", "José Peña");

    assertThat(english.subject()).isEqualTo("Departure deadline changed: leave by 2019-01-28 20:00 UTC");
    assertThat(english.text())
        .contains("Your departure deadline has been extended. Earlier reminders no longer apply.")
        .contains("New deadline: 2019-01-28 20:00 UTC")
        .contains("Local time: 2019-01-28 16:00 (America/Caracas)");
    assertThat(spanish.text()).startsWith("Se ha fijado un nuevo plazo para su salida.").contains("antes del 2019-01-28 20:00 UTC");
  }

  @Test
  void aSuspendedDeadlineSaysSoAndStatesNoInstant() {
    Content suspended = new Content(Kind.SUSPENDED, "SUSPENDED", "Embassy in Caracas", CARACAS, null, null, null, "CCS");

    Rendered email = render(suspended, Channel.EMAIL, "en", "Jane Doe");
    Rendered sms = render(suspended, Channel.SMS, "es", "José Peña");

    assertThat(email.subject()).isEqualTo("Departure deadline suspended");
    assertThat(email.text()).contains("has been suspended").contains("receive no reminders").doesNotContain("UTC");
    assertThat(sms.text()).startsWith("Se ha suspendido el plazo de su salida").contains(LINK);
  }

  @ParameterizedTest
  @CsvSource({
    "PT48H, en, 48 hours",
    "PT1H, en, 1 hour",
    "PT90M, en, 90 minutes",
    "PT24H, es, 24 horas",
    "PT1H, es, 1 hora",
    "PT30M, es, 30 minutos"
  })
  void aReminderSaysHowLongIsLeftInThePersonsLanguage(Duration before, String language, String said) {
    Content reminder = new Content(Kind.REMINDER, null, "Embassy in Caracas", CARACAS, DUE_IN_CARACAS, before, null, "CCS");

    assertThat(render(reminder, Channel.EMAIL, language, "Jane Doe").subject()).contains(said);
    assertThat(render(reminder, Channel.SMS, language, "Jane Doe").text()).contains(said);
  }

  @Test
  void anEscalationTellsTheOfficeHeadWhoHasNotAcknowledged() {
    Content escalation = new Content(Kind.ESCALATION, null, "Embassy in Caracas", CARACAS, DUE_IN_CARACAS, null, "Jane Doe", "CCS");

    Rendered english = render(escalation, Channel.EMAIL, "en", "ccs.head@state.example");
    Rendered spanish = render(escalation, Channel.EMAIL, "es", "was.head@mppre.example");

    assertThat(english.subject()).isEqualTo("Departure order not acknowledged: Jane Doe");
    assertThat(english.text()).contains("Jane Doe has not confirmed").contains("Mission: Embassy in Caracas (office CCS)");
    assertThat(spanish.subject()).isEqualTo("Orden de salida sin confirmar: Jane Doe");
  }

  @Test
  void everySmsStaysWithinItsLengthEvenForALongMissionNameWithTheWholeLinkAndDeadline() {
    String longName = "Embajada de la República Bolivariana de Venezuela ante el Gobierno de los Estados Unidos de América en Washington D.C.";
    String productionLink = "https://interests-office.ministry.example.org/ack/" + "x".repeat(43);
    Content[] contents = {
      order(longName, DUE_IN_CARACAS, ZoneId.of("America/Argentina/ComodRivadavia")),
      order(longName, DUE_IN_CARACAS, ZoneId.of("America/Argentina/ComodRivadavia"), "REDUCTION"),
      order(longName, DUE_IN_CARACAS, ZoneId.of("America/Argentina/ComodRivadavia"), "PERSONAL"),
      new Content(Kind.CHANGED, "EXTENDED", longName, CARACAS, DUE_IN_CARACAS, null, null, "WAS"),
      new Content(Kind.CHANGED, "SOMETHING_NEW", longName, CARACAS, DUE_IN_CARACAS, null, null, "WAS"),
      new Content(Kind.SUSPENDED, "SUSPENDED", longName, CARACAS, null, null, null, "WAS"),
      new Content(Kind.REMINDER, null, longName, ZoneId.of("America/Argentina/ComodRivadavia"), DUE_IN_CARACAS, Duration.ofMinutes(90), null, "WAS")
    };
    for (Content real : contents) {
      // An exercise's SMS carries its marker too, within the same length.
      for (Content content : List.of(real, real.ofExercise())) {
        for (String language : AlertTexts.LANGUAGES) {
          String sms = AlertTexts.render(content, Channel.SMS, language, "María José de la Santísima Trinidad", productionLink).text();
          assertThat(sms.length()).as("%s in %s: %s", content.kind(), language, sms).isLessThanOrEqualTo(AlertTexts.SMS_MAX_LENGTH);
          assertThat(sms).contains(productionLink).contains("…");
          assertThat(sms.startsWith("EXERCISE: ") || sms.startsWith("EJERCICIO: ")).as(sms).isEqualTo(content.exercise());
        }
      }
    }
  }

  @Test
  void anExercisesMessageSaysSoFirstInTheRecipientsLanguage() {
    Content order = order("Embassy in Caracas", DUE_IN_CARACAS, CARACAS).ofExercise();
    Rendered english = AlertTexts.render(order, Channel.EMAIL, "en", "Jane Doe", LINK);
    Rendered spanish = AlertTexts.render(order, Channel.EMAIL, "es", "Jane Doe", LINK);
    Rendered real = AlertTexts.render(order("Embassy in Caracas", DUE_IN_CARACAS, CARACAS), Channel.EMAIL, "en", "Jane Doe", LINK);

    assertThat(english.subject()).isEqualTo("EXERCISE: " + real.subject());
    assertThat(english.text()).startsWith("EXERCISE: this message is part of a drill").endsWith(real.text());
    assertThat(spanish.subject()).startsWith("EJERCICIO: Orden de salida");
    assertThat(spanish.text().lines().findFirst().orElseThrow()).startsWith("EJERCICIO: ");
    assertThat(real.subject()).doesNotContain("EXERCISE");
  }

  private static Content order(String mission, Instant dueAt, ZoneId zone) {
    return new Content(Kind.ORDER, null, mission, zone, dueAt, null, null, "CCS");
  }

  private static Content order(String mission, Instant dueAt, ZoneId zone, String deadlineKind) {
    return new Content(Kind.ORDER, null, mission, zone, dueAt, null, null, "CCS", deadlineKind);
  }

  private static Content changed(String change, Instant dueAt) {
    return new Content(Kind.CHANGED, change, "Embassy of the United States in Caracas", CARACAS, dueAt, null, null, "CCS");
  }

  private static Rendered render(Content content, Channel channel, String language, String name) {
    return AlertTexts.render(content, channel, language, name, content.kind() == Kind.ESCALATION ? null : LINK);
  }
}
