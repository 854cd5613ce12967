package org.interestsoffice.demo;

import java.util.Locale;

/**
 * Which alert slot (the departure order, a reminder, a change of deadline) a captured message
 * belongs to, read from the message as its recipient sees it: the alert's {@code X-Alert-Slot}
 * header where the email has one, else its subject; for an SMS, its text.
 */
final class Slots {

  private Slots() {}

  static String of(MailCapture.Mail mail) {
    return mail.alertHeaders().stream()
        .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("x-alert-slot:"))
        .map(line -> line.substring(line.indexOf(':') + 1).trim())
        .findFirst()
        .orElse(mail.subject());
  }

  static String of(SmsCapture.Sms sms) {
    return sms.text();
  }
}
