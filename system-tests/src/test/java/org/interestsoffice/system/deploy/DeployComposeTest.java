package org.interestsoffice.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * docker-compose.yml cannot run here (no Docker engine), so it is checked for what would break on a
 * Docker host: the Compose Specification's schema, health-gated start order, memory limits, the
 * image build, and every service's configuration as Spring Boot would resolve it in its container.
 */
class DeployComposeTest {

  static final String ENV_FILE = "deploy/compose/dev-only.env";
  private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|_PASS|SECRET|API_KEY|_TOKEN)$");

  private final Map<String, String> envFile = Repository.envFile(Repository.file(ENV_FILE));
  private final ComposeFile compose = new ComposeFile(Repository.file("docker-compose.yml"), envFile);

  @Test
  void theFileFollowsTheComposeSpecification() {
    assertThat(schemaErrors(compose.model)).isEmpty();
  }

  @Test
  void theSchemaCheckRejectsWhatComposeRejects() {
    // The schema is strict enough to catch a misspelt key or a wrong type, not just any YAML.
    Map<String, Object> misspelt = new ComposeFile(Repository.file("docker-compose.yml"), envFile).model;
    Maps.map(Maps.mapAt(misspelt, "services").get("gateway"), "gateway").put("helthcheck", Map.of("test", List.of("NONE")));
    assertThat(schemaErrors(misspelt)).anySatisfy(error -> assertThat(error).contains("helthcheck"));
  }

  @Test
  void everyVariableTheFileRequiresIsInTheDevelopmentEnvFile() {
    assertThat(compose.missingVariables).as("required variables missing from " + ENV_FILE).isEmpty();
  }

  @Test
  void servicesStartOnlyOnceWhatTheyDependOnIsHealthy() {
    List<String> problems = new ArrayList<>();
    for (var entry : compose.services().entrySet()) {
      Object dependsOn = Maps.map(entry.getValue(), entry.getKey()).get("depends_on");
      if (dependsOn == null) {
        continue;
      }
      if (!(dependsOn instanceof Map<?, ?>)) {
        problems.add(entry.getKey() + ": depends_on is a list; give each dependency condition: service_healthy");
        continue;
      }
      Maps.map(dependsOn, entry.getKey()).forEach((dependency, settings) -> {
        if (!"service_healthy".equals(Maps.string(settings, "condition"))) {
          problems.add(entry.getKey() + " depends on " + dependency + " without condition: service_healthy");
        }
        if (!compose.services().containsKey(dependency)) {
          problems.add(entry.getKey() + " depends on " + dependency + ", which is not a service");
        } else if (!hasHealthcheck(dependency)) {
          problems.add(entry.getKey() + " waits for " + dependency + " to be healthy, but " + dependency + " has no health check");
        }
      });
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyServiceHasAHealthCheckAndAMemoryLimit() {
    List<String> problems = new ArrayList<>();
    for (String service : compose.services().keySet()) {
      if (!hasHealthcheck(service)) {
        problems.add(service + " has no health check");
      }
      if (Maps.at(compose.service(service), "deploy.resources.limits.memory").isEmpty()) {
        problems.add(service + " has no memory limit (deploy.resources.limits.memory)");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theServicesAreBuiltFromTheRepositoryWithTheSharedImageBuild() {
    List<String> problems = new ArrayList<>();
    for (String module : Repository.SERVICES) {
      if (!compose.services().containsKey(module)) {
        problems.add("no compose service " + module);
        continue;
      }
      Map<String, Object> service = compose.service(module);
      expect(problems, module + " build.context", Maps.string(service, "build.context"), ".");
      expect(problems, module + " build.dockerfile", Maps.string(service, "build.dockerfile"), Dockerfile.PATH);
      expect(problems, module + " build.args.MODULE", Maps.string(service, "build.args.MODULE"), module);
      expect(problems, module + " image", Maps.string(service, "image"), "interests-office/" + module);
      Maps.at(service, "deploy.resources.limits.memory").ifPresent(limit ->
          problems.addAll(DeployImageTest.memoryProblems("compose service " + module, bytes(String.valueOf(limit)))));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void eachServiceIsGivenTimeToFinishItsWorkWhenStopped() {
    // The dispatchers and relays wait up to 30 s for a batch in flight (ChannelDispatcher); Compose
    // kills after 10 s unless told otherwise, and a kill mid-batch sends again.
    List<String> problems = new ArrayList<>();
    for (String module : Repository.SERVICES) {
      Object grace = compose.service(module).get("stop_grace_period");
      if (grace == null || seconds(String.valueOf(grace)) < 35) {
        problems.add(module + ": stop_grace_period " + grace + " is not above the 30 s its workers may take to stop");
      }
    }
    assertThat(problems).isEmpty();
  }

  private static long seconds(String duration) {
    Matcher matcher = Pattern.compile("(?:(\\d+)m)?(?:(\\d+)s)?").matcher(duration);
    if (!matcher.matches()) {
      throw new AssertionError("not a duration of minutes and seconds: " + duration);
    }
    return (matcher.group(1) == null ? 0 : Long.parseLong(matcher.group(1)) * 60)
        + (matcher.group(2) == null ? 0 : Long.parseLong(matcher.group(2)));
  }

  @Test
  void theInfrastructureRunsTheVersionsTheBuildAndTheTestsUse() {
    String keycloak = Repository.rootPom().property("keycloak.version");
    assertThat(Maps.string(compose.service("keycloak"), "image")).isEqualTo("quay.io/keycloak/keycloak:" + keycloak);
    assertThat(Repository.testHarnessImages()).as("images of the test harness")
        .contains(Maps.string(compose.service("postgres"), "image"), Maps.string(compose.service("rabbitmq"), "image"),
            Maps.string(compose.service("redis"), "image"));
  }

  @Test
  void eachServiceIsHealthyWhenItsReadinessGroupIsUp() {
    List<String> problems = new ArrayList<>();
    for (String module : Repository.SERVICES) {
      int port = ServiceConfiguration.of(module, compose.environment(module)).port();
      String test = String.join(" ", Maps.listAt(compose.service(module), "healthcheck.test").stream().map(String::valueOf).toList());
      // The gateway's actuator is on its management port; its public port answers /readyz.
      String readiness = module.equals("gateway") ? "/readyz" : "/actuator/health/readiness";
      expect(problems, module + " health check", test.contains("http://127.0.0.1:" + port + readiness), true);
      if (!compose.exposedPorts(module).contains(port)) {
        problems.add(module + " listens on " + port + " but exposes " + compose.exposedPorts(module));
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyServiceIsConfiguredForTheNetworkItRunsIn() {
    List<String> problems = new ArrayList<>();
    for (String module : Repository.SERVICES) {
      ServiceConfiguration configuration = ServiceConfiguration.of(module, compose.environment(module));
      problems.addAll(configuration.problems());
      for (var address : configuration.insideAddresses(new ArrayList<>()).entrySet()) {
        URI uri = address.getValue();
        if (!compose.services().containsKey(uri.getHost())) {
          problems.add(module + ": " + address.getKey() + " points at " + uri.getHost() + ", which is no compose service");
        } else if (!compose.exposedPorts(uri.getHost()).contains(uri.getPort())) {
          problems.add(module + ": " + address.getKey() + " points at port " + uri.getPort() + " of " + uri.getHost()
              + ", which exposes " + compose.exposedPorts(uri.getHost()));
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void eachBusinessServiceUsesItsOwnDatabaseAndRole() {
    String script = Repository.read(Repository.file("deploy/compose/postgres-init.sh"));
    String mounts = String.join("\n", Maps.listAt(compose.service("postgres"), "volumes").stream().map(String::valueOf).toList());
    assertThat(mounts).contains("./deploy/compose/postgres-init.sh:/docker-entrypoint-initdb.d/");
    List<String> problems = new ArrayList<>();
    for (String module : List.of("missions-service", "personnel-service", "notifications-service")) {
      ServiceConfiguration configuration = ServiceConfiguration.of(module, compose.environment(module));
      String database = URI.create(configuration.property("spring.datasource.url").substring("jdbc:".length())).getPath().substring(1);
      String role = configuration.property("spring.datasource.username");
      Matcher created = Pattern.compile("create_service_database " + database + " " + role + " \"\\$\\{(\\w+)").matcher(script);
      if (!created.find()) {
        problems.add(module + " connects to " + database + " as " + role + ", which postgres-init.sh does not create");
      } else if (!("${" + created.group(1)).equals(rawVariable(module, "SPRING_DATASOURCE_PASSWORD"))) {
        problems.add(module + "'s password is not the " + created.group(1) + " that postgres-init.sh gives role " + role);
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void tokensCarryTheIssuerTheServicesExpect() {
    Map<String, Object> keycloak = compose.service("keycloak");
    String realm = String.valueOf(Repository.realm().get("realm"));
    String hostname = Maps.string(keycloak, "environment.KC_HOSTNAME");
    String issuer = hostname + "/realms/" + realm;
    URI outside = URI.create(hostname);
    int keycloakPort = Integer.parseInt(Maps.string(keycloak, "environment.KC_HTTP_PORT"));
    assertThat(compose.publishedPorts("keycloak")).as("Keycloak's published ports").containsEntry(outside.getPort(), keycloakPort);
    assertThat(Maps.listAt(keycloak, "command")).contains("start-dev", "--import-realm");
    assertThat(Maps.string(keycloak, "environment.KC_HEALTH_ENABLED")).isEqualTo("true");
    assertThat(String.join(" ", Maps.listAt(keycloak, "volumes").stream().map(String::valueOf).toList()))
        .contains("./keycloak/interests-office-realm.json:/opt/keycloak/data/import/");
    List<String> problems = new ArrayList<>();
    for (String module : Repository.SERVICES) {
      ServiceConfiguration configuration = ServiceConfiguration.of(module, compose.environment(module));
      expect(problems, module + " issuer", configuration.property("spring.security.oauth2.resourceserver.jwt.issuer-uri"), issuer);
      String keys = configuration.property("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
      expect(problems, module + " keys", keys, "http://keycloak:" + keycloakPort + "/realms/" + realm + "/protocol/openid-connect/certs");
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void addressesForBrowsersArePublishedOnTheHost() {
    ServiceConfiguration notifications = ServiceConfiguration.of("notifications-service", compose.environment("notifications-service"));
    URI links = URI.create(notifications.property("notifications.public-base-url"));
    int gatewayPort = ServiceConfiguration.of("gateway", compose.environment("gateway")).port();
    assertThat(links.getHost()).isEqualTo("localhost");
    assertThat(compose.publishedPorts("gateway")).as("the gateway's published ports").containsEntry(links.getPort(), gatewayPort);
    List<String> problems = new ArrayList<>();
    compose.services().forEach((name, service) -> {
      for (Object port : Maps.listAt(service, "ports")) {
        if (!String.valueOf(port).startsWith("127.0.0.1:")) {
          problems.add(name + " publishes " + port + " beyond the loopback interface");
        }
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void secretsComeFromTheEnvFileAndTheCommittedOnesAreForDevelopmentOnly() {
    List<String> problems = new ArrayList<>();
    for (var service : Maps.mapAt(compose.raw, "services").entrySet()) {
      Maps.at(service.getValue(), "environment").ifPresent(environment -> Maps.map(environment, service.getKey()).forEach((name, value) -> {
        if (SECRET_NAME.matcher(name).matches() && value != null && !String.valueOf(value).matches("\\$\\{\\w+:?\\?[^}]*}")) {
          problems.add(service.getKey() + ": " + name + " must come from the env file (${" + name + ":?...}), not " + value);
        }
      }));
    }
    envFile.forEach((name, value) -> {
      if (SECRET_NAME.matcher(name).matches() && !value.startsWith("dev-only-")) {
        problems.add(ENV_FILE + ": " + name + " does not start with dev-only-: a real secret must not be committed");
      }
    });
    problems.addAll(matchesRealmClients(envFile, ENV_FILE));
    assertThat(problems).isEmpty();
  }

  /** Client secrets in an env file that the realm's clients must share, or sign-in fails. */
  static List<String> matchesRealmClients(Map<String, String> values, String where) {
    Map<String, String> variableOfClient = Map.of("gateway", "GATEWAY_CLIENT_SECRET", "notifications-service", "NOTIFICATIONS_KEYCLOAK_CLIENT_SECRET");
    List<String> problems = new ArrayList<>();
    for (Object client : Maps.listAt(Repository.realm(), "clients")) {
      String clientId = Maps.string(client, "clientId");
      String secret = Maps.string(client, "secret");
      String variable = variableOfClient.get(clientId);
      if (variable != null && secret != null && !secret.equals(values.get(variable))) {
        problems.add(where + ": " + variable + " is not the secret of the realm's client " + clientId);
      }
    }
    return problems;
  }

  private String rawVariable(String module, String name) {
    String value = Maps.string(compose.rawService(module), "environment." + name);
    return value == null ? null : value.replaceFirst("[:?}].*$", "");
  }

  private boolean hasHealthcheck(String service) {
    List<Object> test = Maps.listAt(compose.service(service), "healthcheck.test");
    return !test.isEmpty() && !"NONE".equals(String.valueOf(test.get(0)))
        && !Boolean.TRUE.equals(Maps.at(compose.service(service), "healthcheck.disable").orElse(false));
  }

  private static void expect(List<String> problems, String what, Object actual, Object expected) {
    if (!expected.equals(actual)) {
      problems.add(what + " is " + actual + ", expected " + expected);
    }
  }

  /** Compose's byte values: 512M, 1G, 768m, 1024k, plain bytes. */
  static long bytes(String value) {
    Matcher matcher = Pattern.compile("(?i)^(\\d+)([kmg]?)b?$").matcher(value == null ? "" : value.strip());
    if (!matcher.matches()) {
      throw new AssertionError("not a byte value: " + value);
    }
    long number = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2).toLowerCase()) {
      case "k" -> number * 1024;
      case "m" -> number * 1024 * 1024;
      case "g" -> number * 1024 * 1024 * 1024;
      default -> number;
    };
  }

  private static List<String> schemaErrors(Map<String, Object> model) {
    JsonMapper json = JsonMapper.builder().build();
    try (InputStream in = DeployComposeTest.class.getResourceAsStream("/deploy/compose-spec.json")) {
      ObjectNode schemaNode = (ObjectNode) json.readTree(in);
      // Its $schema names draft 7 by an address the validator would try to fetch; say it directly.
      schemaNode.remove("$schema");
      Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
          .getSchema(SchemaLocation.of("classpath:deploy/compose-spec.json"), schemaNode);
      JsonNode document = json.valueToTree(model);
      return schema.validate(document).stream().map(Error::toString).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
