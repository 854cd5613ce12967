package org.interestsoffice.notifications.replies;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** How a reply to an SMS alert is read: which answers acknowledge, and whose number it came from. */
final class ReplyWords {

  /** "OK", "SI", "SÍ", "YES", "1", in any case, with spaces around. */
  private static final Set<String> ACKNOWLEDGING = Set.of("OK", "SI", "SÍ", "YES", "1");

  private static final Pattern SEPARATORS = Pattern.compile("[\\s().-]");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  private ReplyWords() {}

  static boolean acknowledges(String text) {
    // NFC: "SÍ" typed as S, I and a combining accent is the same word.
    String word = Normalizer.normalize(text, Normalizer.Form.NFC).strip().toUpperCase(Locale.ROOT);
    return ACKNOWLEDGING.contains(word);
  }

  /**
   * The sender's number as contacts are kept (E.164), from the forms providers use: {@code
   * +582125550100}, {@code 582125550100} (SMPP, international type of number), {@code
   * 00582125550100}, with spaces or dashes. Empty if it is no phone number (a short code, a name).
   */
  static Optional<String> e164(String from) {
    if (from == null) {
      return Optional.empty();
    }
    String number = SEPARATORS.matcher(from).replaceAll("");
    if (number.startsWith("00")) {
      number = "+" + number.substring(2);
    } else if (!number.startsWith("+")) {
      number = "+" + number;
    }
    return E164.matcher(number).matches() ? Optional.of(number) : Optional.empty();
  }
}
