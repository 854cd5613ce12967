package org.interestsoffice.demo;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which alert slot (the departure order, each reminder, a change of deadline) a captured message
 * belongs to. Each message names the alert it was sent for — an email in its Message-ID
 * ({@code <alert-ID@interests-office>}), an SMS in its reference — and the alerts API gives that
 * alert's slot. A message sent twice for one alert thus counts twice in its slot, and a second
 * alert for a slot would too: what is counted is what arrived.
 */
final class Slots {

  private static final Pattern ALERT_MESSAGE_ID = Pattern.compile("<alert-([0-9a-f-]{36})@");

  /** Alert id to its slot, as the alerts API shows them. */
  private final Map<String, String> slotByAlert;

  Slots(Map<String, String> slotByAlert) {
    this.slotByAlert = Map.copyOf(slotByAlert);
  }

  String of(MailCapture.Mail mail) {
    return alertOf(mail).map(this::slotOfAlert).orElseGet(() -> fromHeaders(mail));
  }

  String of(SmsCapture.Sms sms) {
    return sms.reference().isBlank() ? "SMS without reference: " + sms.text() : slotOfAlert(sms.reference());
  }

  private String slotOfAlert(String alertId) {
    return slotByAlert.getOrDefault(alertId, "unknown alert " + alertId);
  }

  static Optional<String> alertOf(MailCapture.Mail mail) {
    if (mail.messageId() == null) {
      return Optional.empty();
    }
    Matcher matcher = ALERT_MESSAGE_ID.matcher(mail.messageId());
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** For an email that names no alert: an X-Alert-Slot header if it has one, else its subject. */
  static String fromHeaders(MailCapture.Mail mail) {
    return mail.alertHeaders().stream()
        .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("x-alert-slot:"))
        .map(line -> line.substring(line.indexOf(':') + 1).trim())
        .findFirst()
        .orElse(mail.subject());
  }
}
