package org.interestsoffice.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SMS notifications "sent" through its capture provider: one JSON object a line
 * ({@code {"to", "text", "reference", "at"}}) appended to a file.
 */
final class SmsCapture {

  record Sms(String to, String text, String reference, String at) {}

  private final Path file;
  private final JsonMapper json;

  SmsCapture(Path file, JsonMapper json) {
    this.file = file;
    this.json = json;
  }

  Path file() {
    return file;
  }

  boolean exists() {
    return Files.exists(file);
  }

  List<Sms> all() {
    if (!exists()) {
      return List.of();
    }
    List<Sms> messages = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        JsonNode sms;
        try {
          sms = json.readTree(lines.get(i));
        } catch (RuntimeException unreadable) {
          if (i == lines.size() - 1) {
            break; // the line being written right now
          }
          throw new DemoFailure("Line " + (i + 1) + " of the SMS capture " + file + " is not JSON: " + lines.get(i));
        }
        messages.add(
            new Sms(sms.path("to").asString(""), sms.path("text").asString(""), sms.path("reference").asString(""), sms.path("at").asString("")));
      }
    } catch (IOException e) {
      throw new DemoFailure("Cannot read the SMS capture " + file + ": " + e.getMessage(), e);
    }
    return messages;
  }
}
