package org.interestsoffice.notifications.delivery;

/**
 * The {@code Content-Transfer-Encoding} of an email's text, chosen by Jakarta Mail's own rule
 * ({@code MimeUtility.getEncoding}): {@code 7bit} for US-ASCII in lines of at most 998 octets,
 * {@code quoted-printable} while the text is mostly ASCII, {@code base64} otherwise. Read from the
 * string rather than by Jakarta Mail, which writes every text part through its encoders once to
 * choose and once to send: the rupture benchmark's profile found a tenth of the email threads'
 * time in that first pass.
 */
final class TextEncoding {

  private static final int MAX_LINE_OCTETS = 998;

  private TextEncoding() {}

  /** @return the encoding Jakarta Mail would choose for the text as UTF-8 */
  static String of(String text) {
    long ascii = 0;
    long nonAscii = 0;
    int lineOctets = 0;
    boolean longLine = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n') {
        lineOctets = 0;
        ascii++;
        continue;
      }
      // A surrogate is half of a four-octet character: two octets each.
      int octets = c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
      lineOctets += octets;
      longLine |= lineOctets > MAX_LINE_OCTETS;
      if (c >= 0x7F || (c < 0x20 && c != '\t')) {
        nonAscii += octets;
      } else {
        ascii++;
      }
    }
    if (nonAscii == 0) {
      return longLine ? "quoted-printable" : "7bit";
    }
    return ascii > nonAscii ? "quoted-printable" : "base64";
  }
}
