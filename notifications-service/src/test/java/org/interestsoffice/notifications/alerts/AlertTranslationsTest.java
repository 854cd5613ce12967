package org.interestsoffice.notifications.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * A missing translation fails the build, not a person's message. Each language's file is read on
 * its own: through the bundle, a missing Spanish key would quietly fall back to English.
 */
class AlertTranslationsTest {

  private static final Pattern ARGUMENT = Pattern.compile("%(\\d+)\\$s");

  @Test
  void everyKeyIsInBothLanguagesWithTheSameArguments() throws IOException {
    Properties english = load("/alerts/messages.properties");
    Properties spanish = load("/alerts/messages_es.properties");

    assertThat(english.stringPropertyNames()).isNotEmpty().containsExactlyInAnyOrderElementsOf(spanish.stringPropertyNames());
    for (String key : english.stringPropertyNames()) {
      assertThat(english.getProperty(key)).as("en %s", key).isNotBlank();
      assertThat(spanish.getProperty(key)).as("es %s", key).isNotBlank().isNotEqualTo(english.getProperty(key));
      assertThat(arguments(spanish.getProperty(key))).as("arguments of %s", key).isEqualTo(arguments(english.getProperty(key)));
    }
  }

  @Test
  void everyMessageToAPersonCarriesTheAcknowledgementLinkOnBothChannels() throws IOException {
    Properties english = load("/alerts/messages.properties");
    for (String kind : new String[] {"order", "changed", "suspended", "reminder"}) {
      assertThat(arguments(english.getProperty(kind + ".email"))).as(kind + ".email").contains("5");
      assertThat(arguments(english.getProperty(kind + ".sms"))).as(kind + ".sms").contains("5");
    }
    // An escalation goes to an office head, who has nothing to acknowledge.
    assertThat(arguments(english.getProperty("escalation.email"))).doesNotContain("5");
  }

  @Test
  void everyLanguageAPersonCanChooseHasItsOwnFile() {
    // Personnel accepts "es" and "en"; English is the base file.
    assertThat(AlertTexts.LANGUAGES).containsExactlyInAnyOrder("en", "es");
    assertThat(getClass().getResource("/alerts/messages_es.properties")).isNotNull();
    assertThat(AlertTexts.bundle("es").getString("order.title.DEPARTURE")).startsWith("Orden de salida");
    assertThat(AlertTexts.bundle("en").getString("order.title.DEPARTURE")).startsWith("Departure order");
    assertThat(AlertTexts.bundle("fr").getString("order.title.DEPARTURE")).as("an unknown language reads English").startsWith("Departure order");
  }

  private static Properties load(String path) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = AlertTranslationsTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }

  private static Set<String> arguments(String text) {
    Set<String> found = new TreeSet<>();
    Matcher matcher = ARGUMENT.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }
}
