package org.interestsoffice.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.activation.DataHandler;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;

import org.junit.jupiter.api.Test;

/** The text's transfer encoding is the one Jakarta Mail itself would choose, for every kind of text an alert has. */
class TextEncodingTest {

  @Test
  void theChoiceIsJakartaMailsForAsciiAccentedNonLatinLongLinedAndControlText() throws Exception {
    List<String> texts =
        List.of(
            "You must leave before 26 January, Jane.\r\nAcknowledge: https://alerts.example/ack/abc",
            "Debe salir antes del 26 de enero, María. Cancillería: oficina de intereses.",
            "يجب عليك المغادرة قبل 26 يناير",
            "Вы должны покинуть страну до 26 января",
            "Departure 出发 🇻🇪 now",
            "x".repeat(998),
            "x".repeat(999),
            "a line\u0007with a bell and a tab\t",
            "");
    for (String text : texts) {
      DataHandler asJakartaSeesIt = new DataHandler(new ByteArrayDataSource(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8"));
      assertThat(TextEncoding.of(text)).as(text.length() > 40 ? text.substring(0, 40) + "..." : text).isEqualTo(MimeUtility.getEncoding(asJakartaSeesIt));
    }
  }
}
