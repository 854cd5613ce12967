package org.interestsoffice.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Consumers keep their own copy of the events they read (STYLE: services are released
 * independently); this keeps the copies honest. Every event record of every service must be in
 * the catalogue (docs/events.md), and every member a consumer's copy reads must exist in the
 * producer's record with a type that carries the same JSON (a String may be read as an enum, a
 * number boxed or not).
 */
class EventContractTest {

  private static final String ANNOTATION = "org.interestsoffice.platform.events.IntegrationEvent";
  private static final Map<String, String> SERVICE_PACKAGES =
      Map.of("missions", "org.interestsoffice.missions", "personnel", "org.interestsoffice.personnel", "notifications",
          "org.interestsoffice.notifications");
  /** A catalogue row: | `Type` | version | producer (`exchange`) | ... */
  private static final Pattern CATALOGUE_ROW = Pattern.compile("^\\| `(\\w+)` \\| \\d+ \\| (missions|personnel|notifications) \\(", Pattern.MULTILINE);

  private static JavaClasses everything;
  private static Map<String, String> producers;

  @BeforeAll
  static void importServicesAndReadTheCatalogue() throws IOException {
    everything =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPaths(Modules.classes("missions-service"), Modules.classes("personnel-service"), Modules.classes("notifications-service"));
    producers = new LinkedHashMap<>();
    Matcher row = CATALOGUE_ROW.matcher(Files.readString(Path.of(System.getProperty("iop.modules", "..")).resolve("docs/events.md")));
    while (row.find()) {
      producers.putIfAbsent(row.group(1), row.group(2));
    }
  }

  @Test
  void everyEventAServicePublishesOrReadsIsInTheCatalogue() {
    assertThat(producers).as("the catalogue's rows").isNotEmpty();
    List<String> missing = new ArrayList<>();
    for (JavaClass event : events()) {
      if (!producers.containsKey(typeOf(event))) {
        missing.add(typeOf(event) + " (" + event.getName() + ")");
      }
    }
    assertThat(missing).as("event records not in docs/events.md's catalogue").isEmpty();
  }

  @Test
  void everyConsumersCopyReadsOnlyWhatTheProducerSends() {
    List<String> problems = new ArrayList<>();
    int copies = 0;
    for (JavaClass copy : events()) {
      String type = typeOf(copy);
      String producer = producers.get(type);
      if (producer == null || copy.getPackageName().startsWith(SERVICE_PACKAGES.get(producer))) {
        continue;
      }
      List<JavaClass> originals =
          events().stream().filter(e -> typeOf(e).equals(type) && e.getPackageName().startsWith(SERVICE_PACKAGES.get(producer))).toList();
      if (originals.size() != 1) {
        problems.add(type + ": " + originals.size() + " records in the producer " + producer + ", expected one");
        continue;
      }
      copies++;
      compare(copy, originals.get(0), producer, problems);
    }
    assertThat(copies).as("consumers' copies checked").isGreaterThan(5);
    assertThat(problems).isEmpty();
  }

  /** Every member the copy reads exists in the original with the same JSON; nested records member by member. */
  private static void compare(JavaClass copy, JavaClass original, String producer, List<String> problems) {
    Map<String, JavaField> sent = members(original);
    members(copy).forEach((name, field) -> {
      JavaField sentField = sent.get(name);
      if (sentField == null) {
        problems.add(copy.getName() + "." + name + ": " + producer + " does not send it");
      } else if (isRecord(field.getRawType()) && isRecord(sentField.getRawType())) {
        compare(field.getRawType(), sentField.getRawType(), producer, problems);
      } else if (!sameJson(field.getRawType(), sentField.getRawType())) {
        problems.add(copy.getName() + "." + name + ": read as " + field.getRawType().getName() + ", sent as " + sentField.getRawType().getName());
      }
    });
  }

  private static boolean isRecord(JavaClass type) {
    return type.getRawSuperclass().map(superclass -> superclass.getName().equals("java.lang.Record")).orElse(false);
  }

  private static List<JavaClass> events() {
    return everything.stream().filter(c -> c.isAnnotatedWith(ANNOTATION)).toList();
  }

  private static String typeOf(JavaClass event) {
    return (String) event.getAnnotationOfType(ANNOTATION).get("type").orElseThrow();
  }

  private static Map<String, JavaField> members(JavaClass record) {
    Map<String, JavaField> members = new LinkedHashMap<>();
    for (JavaField field : record.getFields()) {
      if (!field.getModifiers().contains(JavaModifier.STATIC)) {
        members.put(field.getName(), field);
      }
    }
    return members;
  }

  private static final Map<String, String> BOXED =
      Map.of("int", "java.lang.Integer", "long", "java.lang.Long", "boolean", "java.lang.Boolean", "double", "java.lang.Double");
  private static final Set<String> TEXT = Set.of("java.lang.String");

  private static boolean sameJson(JavaClass read, JavaClass sent) {
    String a = BOXED.getOrDefault(read.getName(), read.getName());
    String b = BOXED.getOrDefault(sent.getName(), sent.getName());
    if (a.equals(b)) {
      return true;
    }
    // An enum travels as its name: a String on one side reads the same JSON.
    return (TEXT.contains(a) && sent.isEnum()) || (TEXT.contains(b) && read.isEnum()) || (read.isEnum() && sent.isEnum());
  }
}
