package org.interestsoffice.notifications.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Settings that only make sense on a developer's machine, refused anywhere else: the service fails
 * to start rather than write every SMS to a file (the capture provider), send email from a
 * {@code .local} address no receiving server accepts, or refuse every delivery report of an HTTP
 * provider for want of their key. {@code notifications.development-mode}
 * ({@code NOTIFICATIONS_DEVELOPMENT_MODE=true}: the local run, Compose's dev-only env file, the
 * tests) allows them.
 */
@Component
class DevelopmentOnlySettings {

  DevelopmentOnlySettings(
      SmsSettings sms, EmailSettings email, @Value("${notifications.development-mode:false}") boolean developmentMode) {
    List<String> problems = problems(sms, email, developmentMode);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems)
          + ". Outside development these are refused; NOTIFICATIONS_DEVELOPMENT_MODE=true allows them on a developer's machine");
    }
  }

  static List<String> problems(SmsSettings sms, EmailSettings email, boolean developmentMode) {
    List<String> problems = new ArrayList<>();
    if (developmentMode) {
      return problems;
    }
    if (sms.provider().equals("capture")) {
      problems.add("notifications.sms.provider=capture (NOTIFICATIONS_SMS_PROVIDER) writes every SMS to a file"
          + " instead of sending it: choose http or smpp");
    }
    if (sms.provider().equals("http") && sms.deliveryReportKey().isBlank()) {
      problems.add("notifications.sms.delivery-report-key (NOTIFICATIONS_SMS_DELIVERY_REPORT_KEY) is empty:"
          + " every delivery report and reply of the HTTP provider would be refused");
    }
    if (email.from().toLowerCase(Locale.ROOT).endsWith(".local")) {
      problems.add("notifications.email.from (NOTIFICATIONS_EMAIL_FROM) is " + email.from()
          + ", a .local address that receiving servers refuse or mark as spam");
    }
    return problems;
  }
}
