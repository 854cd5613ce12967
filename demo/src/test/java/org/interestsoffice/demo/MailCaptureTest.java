package org.interestsoffice.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class MailCaptureTest {

  private static final String ALERT = "0b6f3c9e-2a41-4c55-9d7e-3f1d2a7b8c90";

  @Test
  void decodesAQuotedPrintableUtf8AlertAndTheAlertItWasSentFor() {
    String raw =
        "From: alerts@example.org\r\n"
            + "To: maria.perez@mail.example.com\r\n"
            + "Message-ID: <alert-" + ALERT + "@interests-office>\r\n"
            + "Subject: =?UTF-8?Q?Orden_de_salida:_salir_antes_del_2019-01-26?=\r\n"
            + "X-Mailer: test\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n"
            + "\r\n"
            + "Estimada Mar=C3=ADa P=C3=A9rez,\r\n";

    MailCapture.Mail mail = MailCapture.decode("maria.perez@mail.example.com", raw);

    assertThat(mail.recipient()).isEqualTo("maria.perez@mail.example.com");
    assertThat(mail.subject()).isEqualTo("Orden de salida: salir antes del 2019-01-26");
    assertThat(mail.text()).contains("Estimada María Pérez,");
    assertThat(mail.alertHeaders()).containsExactly("X-Mailer: test");
    assertThat(Slots.alertOf(mail)).contains(ALERT);
    assertThat(new Slots(Map.of(ALERT, "ORDER")).of(mail)).isEqualTo("ORDER");
  }

  @Test
  void anAlertTheApiDoesNotKnowIsASlotOfItsOwn() {
    String raw = "To: a@example.org\r\nMessage-ID: <alert-" + ALERT + "@interests-office>\r\nSubject: Reminder\r\n\r\nbody\r\n";

    assertThat(new Slots(Map.of()).of(MailCapture.decode("a@example.org", raw))).isEqualTo("unknown alert " + ALERT);
  }

  @Test
  void withoutAnAlertIdTheSubjectNamesTheSlot() {
    String raw = "To: a@example.org\r\nSubject: Reminder\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nbody\r\n";

    assertThat(new Slots(Map.of()).of(MailCapture.decode("a@example.org", raw))).isEqualTo("Reminder");
  }

  @Test
  void anSmsNamesItsAlertInItsReference() {
    SmsCapture.Sms sms = new SmsCapture.Sms("+15550001", "Leave by ...", ALERT, "2026-01-01T00:00:00Z");

    assertThat(new Slots(Map.of(ALERT, "REMINDER_1M")).of(sms)).isEqualTo("REMINDER_1M");
  }
}
