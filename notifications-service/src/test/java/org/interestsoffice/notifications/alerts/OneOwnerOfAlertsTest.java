package org.interestsoffice.notifications.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The rule that keeps alerts with one owner: no class but {@link AlertRepository} has SQL on the
 * {@code alert} table or its delivery log; the others call the owner ({@link Alerts}, {@link
 * AlertQueue}).
 */
class OneOwnerOfAlertsTest {

  private static final Pattern SQL_ON_ALERTS =
      Pattern.compile("(?i)\\b(from|update|into|join|exists\\s*\\(\\s*select\\s+1\\s+from)\\s+(alert|delivery_attempt|earlier_ack_link)\\b");

  @Test
  void onlyTheRepositoryHasSqlOnAlerts() throws IOException {
    Path sources = Path.of("src/main/java");
    assertThat(sources).isDirectory();
    List<String> writers;
    try (Stream<Path> files = Files.walk(sources)) {
      writers =
          files.filter(file -> file.toString().endsWith(".java"))
              .filter(file -> SQL_ON_ALERTS.matcher(read(file)).find())
              .map(file -> file.getFileName().toString())
              .toList();
    }
    assertThat(writers).containsExactly("AlertRepository.java");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
