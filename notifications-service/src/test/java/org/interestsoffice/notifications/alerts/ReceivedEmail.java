package org.interestsoffice.notifications.alerts;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** An email as the SMTP server received it, decoded (subject and text in their declared charset). */
record ReceivedEmail(List<String> to, String subject, String body, String contentType) {

  static ReceivedEmail of(MimeMessage message) {
    try {
      Address[] recipients = message.getRecipients(RecipientType.TO);
      return new ReceivedEmail(
          recipients == null ? List.of() : Arrays.stream(recipients).map(Address::toString).toList(),
          message.getSubject(),
          (String) message.getContent(),
          message.getContentType());
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("Cannot read a received email", e);
    }
  }
}
