package org.interestsoffice.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailCaptureTest {

  @Test
  void decodesAQuotedPrintableUtf8AlertWithItsHeaders() {
    String raw =
        "From: alerts@example.org\r\n"
            + "To: maria.perez@mail.example.com\r\n"
            + "Subject: =?UTF-8?Q?Orden_de_salida:_salir_antes_del_2019-01-26?=\r\n"
            + "X-Alert-Slot: ORDER\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n"
            + "\r\n"
            + "Estimada Mar=C3=ADa P=C3=A9rez,\r\n";

    MailCapture.Mail mail = MailCapture.decode("maria.perez@mail.example.com", raw);

    assertThat(mail.recipient()).isEqualTo("maria.perez@mail.example.com");
    assertThat(mail.subject()).isEqualTo("Orden de salida: salir antes del 2019-01-26");
    assertThat(mail.text()).contains("Estimada María Pérez,");
    assertThat(mail.alertHeaders()).containsExactly("X-Alert-Slot: ORDER");
    assertThat(Slots.of(mail)).isEqualTo("ORDER");
  }

  @Test
  void withoutASlotHeaderTheSubjectNamesTheSlot() {
    String raw = "To: a@example.org\r\nSubject: Reminder\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nbody\r\n";

    assertThat(Slots.of(MailCapture.decode("a@example.org", raw))).isEqualTo("Reminder");
  }
}
