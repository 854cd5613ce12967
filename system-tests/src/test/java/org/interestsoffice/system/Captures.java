package org.interestsoffice.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What reached the people: the running system's SMTP server and SMS capture, read as a person's inbox. */
final class Captures {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Captures() {}

  /** The emails the SMTP server received for these addresses (other tests share the server). */
  static List<MimeMessage> mailTo(RunningSystem system, Collection<String> addresses) {
    return Arrays.stream(system.smtp.getReceivedMessages()).filter(m -> addresses.contains(recipientOf(m))).toList();
  }

  /** The SMS the capture provider recorded for these numbers, in the order they were sent. */
  static List<JsonNode> smsTo(RunningSystem system, Collection<String> numbers) {
    if (!Files.exists(system.smsCapture)) {
      return List.of();
    }
    try {
      return Files.readAllLines(system.smsCapture, StandardCharsets.UTF_8).stream()
          .map(JSON::readTree)
          .filter(text -> numbers.contains(text.path("to").asString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String recipientOf(MimeMessage message) {
    try {
      return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).findFirst().orElseThrow();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The message's text as a person reads it (its plain-text part, beside a calendar entry). */
  static String textOf(MimeMessage message) {
    return MailText.of(message);
  }

  static String subjectOf(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
