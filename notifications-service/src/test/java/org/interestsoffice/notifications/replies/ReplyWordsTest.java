package org.interestsoffice.notifications.replies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyWordsTest {

  @ParameterizedTest
  @ValueSource(strings = {"OK", "ok", "Ok", "SI", "si", "Si", "SÍ", "sí", "Sí", "SI\u0301", "si\u0301", "YES", "yes", "Yes", "1", "  si ", "\tOK\n", " 1 "})
  void theAcknowledgingAnswersInAnyCaseWithSpacesAround(String reply) {
    assertThat(ReplyWords.acknowledges(reply)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "no", "NO", "okay", "si señor", "yes!", "11", "0", "s i", "o k", "2", "¿qué?", "ack"})
  void anythingElseIsNotUnderstood(String reply) {
    assertThat(ReplyWords.acknowledges(reply)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "+582125550100, +582125550100",
    "582125550100, +582125550100",
    "00582125550100, +582125550100",
    "+1 202-555-0100, +12025550100",
    "(202) 555 0100, +2025550100"
  })
  void theSendersNumberIsReadAsContactsAreKept(String from, String e164) {
    assertThat(ReplyWords.e164(from)).contains(e164);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "INFO", "12", "+0123456789", "+12345678901234567"})
  void aShortCodeOrANameIsNoPhoneNumber(String from) {
    assertThat(ReplyWords.e164(from)).isEqualTo(Optional.empty());
  }
}
