package org.interestsoffice.notifications.alerts;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;

/** What the real SMTP server has received, per recipient. */
final class Mailbox {

  private final GreenMailExtension smtp;

  Mailbox(GreenMailExtension smtp) {
    this.smtp = smtp;
  }

  List<ReceivedEmail> emailsTo(String address) {
    return Arrays.stream(smtp.getReceivedMessages())
        .map(ReceivedEmail::of)
        .filter(email -> email.to().contains(address))
        .toList();
  }

  /** Waits for a first email to the address and returns it. */
  ReceivedEmail awaitEmailTo(String address) {
    return awaitEmailsTo(address, 1).get(0);
  }

  /** Waits until the address has received this many emails. */
  List<ReceivedEmail> awaitEmailsTo(String address, int count) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> emailsTo(address), emails -> emails.size() >= count);
  }
}
