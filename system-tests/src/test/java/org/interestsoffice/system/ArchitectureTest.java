package org.interestsoffice.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Services are released independently: none uses another's code, only events and HTTP. The shared
 * platform knows no service. Rules read the compiled main classes of every module.
 */
class ArchitectureTest {

  private static final List<String> SERVICES = List.of("missions", "personnel", "notifications", "gateway");

  private static JavaClasses everything;

  @BeforeAll
  static void importAllModules() {
    everything =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPaths(
                Modules.classes("platform"),
                Modules.classes("missions-service"),
                Modules.classes("personnel-service"),
                Modules.classes("notifications-service"),
                Modules.classes("gateway"));
  }

  static List<String> services() {
    return SERVICES;
  }

  @ParameterizedTest
  @MethodSource("services")
  void aServiceUsesNoOtherServicesCode(String service) {
    String[] others =
        SERVICES.stream().filter(other -> !other.equals(service)).map(other -> "org.interestsoffice." + other + "..").toArray(String[]::new);
    noClasses()
        .that().resideInAPackage("org.interestsoffice." + service + "..")
        .should().dependOnClassesThat().resideInAnyPackage(others)
        .because("services talk through events and HTTP, never through each other's classes")
        .check(everything);
  }

  @Test
  void thePlatformKnowsNoService() {
    noClasses()
        .that().resideInAPackage("org.interestsoffice.platform..")
        .should().dependOnClassesThat().resideInAnyPackage(SERVICES.stream().map(s -> "org.interestsoffice." + s + "..").toArray(String[]::new))
        .check(everything);
  }

  @Test
  void noProductionCodeUsesTheTestHarness() {
    noClasses()
        .should().dependOnClassesThat().resideInAPackage("org.interestsoffice.testing..")
        .check(everything);
  }

  @Test
  void theGatewayDoesNotReachIntoTheServicesPlatform() {
    // The gateway is reactive and routes requests; it has no database, outbox or inbox.
    noClasses()
        .that().resideInAPackage("org.interestsoffice.gateway..")
        .should().dependOnClassesThat().resideInAPackage("org.interestsoffice.platform..")
        .check(everything);
  }
}
