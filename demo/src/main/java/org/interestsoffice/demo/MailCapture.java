package org.interestsoffice.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The email the local SMTP capture (GreenMail) received, read through its REST API: one mailbox per
 * recipient, each message as sent. Messages are decoded as a mail client would.
 */
final class MailCapture {

  /** One captured email; {@code alertHeaders} holds its {@code X-...} headers, if any. */
  record Mail(String recipient, String subject, String text, String messageId, List<String> alertHeaders) {}

  private final Endpoints endpoints;
  private final HttpClient http;
  private final JsonMapper json;

  MailCapture(Endpoints endpoints, HttpClient http, JsonMapper json) {
    this.endpoints = endpoints;
    this.http = http;
    this.json = json;
  }

  /** Every recipient that received at least one message. */
  List<String> recipients() {
    List<String> recipients = new ArrayList<>();
    get("/api/user").forEach(user -> recipients.add(user.path("email").asString()));
    return recipients;
  }

  List<Mail> to(String recipient) {
    List<Mail> mails = new ArrayList<>();
    get("/api/user/" + URLEncoder.encode(recipient, StandardCharsets.UTF_8).replace("%40", "@") + "/messages/")
        .forEach(message -> mails.add(decode(recipient, message.path("mimeMessage").asString())));
    return mails;
  }

  List<Mail> all() {
    List<Mail> mails = new ArrayList<>();
    recipients().forEach(recipient -> mails.addAll(to(recipient)));
    return mails;
  }

  static Mail decode(String recipient, String rawMessage) {
    try {
      MimeMessage message =
          new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(rawMessage.getBytes(StandardCharsets.UTF_8)));
      List<String> alertHeaders = new ArrayList<>();
      message.getAllHeaderLines().asIterator().forEachRemaining(line -> {
        if (line.regionMatches(true, 0, "X-", 0, 2)) {
          alertHeaders.add(line);
        }
      });
      String to =
          message.getRecipients(Message.RecipientType.TO) == null
              ? recipient
              : Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).findFirst().orElse(recipient);
      return new Mail(to, message.getSubject(), text(message.getContent()), message.getMessageID(), List.copyOf(alertHeaders));
    } catch (MessagingException | IOException e) {
      return new Mail(recipient, "(unreadable message: " + e.getMessage() + ")", rawMessage, null, List.of());
    }
  }

  private static String text(Object content) throws MessagingException, IOException {
    if (content instanceof String text) {
      return text;
    }
    if (content instanceof Multipart multipart) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart part = multipart.getBodyPart(i);
        if (part.isMimeType("text/plain") || part.isMimeType("multipart/*")) {
          text.append(text(part.getContent()));
        }
      }
      return text.toString();
    }
    return String.valueOf(content);
  }

  private JsonNode get(String path) {
    URI uri = URI.create(endpoints.mailApi() + path);
    try {
      HttpResponse<String> response =
          http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw new DemoFailure("The SMTP capture answered " + response.statusCode() + " at " + uri + ": " + response.body());
      }
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new DemoFailure("The SMTP capture's API does not answer at " + endpoints.mailApi() + " (" + e + "): is the local system running?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoFailure("Interrupted while reading the SMTP capture", e);
    }
  }
}
