package org.interestsoffice.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import org.interestsoffice.system.deploy.NetworkPolicies.BuiltPod;
import org.interestsoffice.system.deploy.NetworkPolicies.Direction;
import org.interestsoffice.system.deploy.NetworkPolicies.InNamespace;
import org.interestsoffice.system.deploy.NetworkPolicies.Outside;
import org.interestsoffice.system.deploy.NetworkPolicies.Peer;
import org.interestsoffice.system.deploy.NetworkPolicies.Pod;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kubernetes manifests, built with Kustomize (base and the example overlay), checked against the
 * Kubernetes API's schema and for what a cluster would only reveal at run time: probes on the
 * actuator groups, resources that fit the JVM, replicas, Services and disruption budgets that select
 * their pods, references to ConfigMaps and Secrets that exist, and each service's configuration as
 * Spring Boot would resolve it in its pod; a base that holds only what every environment shares,
 * network policies that let through what each pod needs and no more, and TLS to the database, the
 * broker and the Ingress.
 */
class DeployKubernetesTest {

  static final Path BASE = Repository.ROOT.resolve("deploy/k8s/base");
  static final Path OVERLAY = Repository.ROOT.resolve("deploy/k8s/overlays/example");
  static final String OVERLAY_SECRETS = "deploy/k8s/overlays/example/secrets.dev-only.env";

  /**
   * The schema of each kind the manifests use: the official Kubernetes Java client's models, which
   * are generated from the Kubernetes API's OpenAPI schema and refuse unknown fields, missing
   * required fields and values of the wrong type (quantities included) when reading JSON.
   */
  interface ApiSchema {
    void validate(String json) throws IOException;
  }

  static final Map<String, ApiSchema> SCHEMAS = Map.of(
      "apps/v1 Deployment", V1Deployment::fromJson,
      "v1 Service", V1Service::fromJson,
      "v1 ConfigMap", V1ConfigMap::fromJson,
      "v1 Secret", V1Secret::fromJson,
      "policy/v1 PodDisruptionBudget", V1PodDisruptionBudget::fromJson,
      "networking.k8s.io/v1 Ingress", V1Ingress::fromJson,
      "networking.k8s.io/v1 NetworkPolicy", V1NetworkPolicy::fromJson);

  private final List<Map<String, Object>> overlay = Kustomize.build(OVERLAY);

  @Test
  void everyResourceFollowsTheKubernetesApiSchema() {
    List<String> problems = new ArrayList<>();
    problems.addAll(schemaProblems(Kustomize.build(BASE)));
    problems.addAll(schemaProblems(overlay));
    assertThat(problems).isEmpty();
  }

  @Test
  void theSchemaCheckRefusesWhatTheApiServerRefuses() {
    Map<String, Object> misspelt = resource("Deployment", "gateway");
    container(misspelt).put("readinesProbe", container(misspelt).get("readinessProbe"));
    assertThat(schemaProblems(List.of(misspelt))).anySatisfy(problem -> assertThat(problem).contains("readinesProbe"));
    Map<String, Object> badQuantity = resource("Deployment", "gateway");
    Maps.mapAt(container(badQuantity), "resources.limits").put("memory", "768MB");
    assertThat(schemaProblems(List.of(badQuantity))).as("768MB is no Kubernetes quantity (768Mi is)").isNotEmpty();
    Map<String, Object> missingRequired = resource("Deployment", "gateway");
    container(missingRequired).remove("name");
    assertThat(schemaProblems(List.of(missingRequired))).anySatisfy(problem -> assertThat(problem).contains("name"));
  }

  @Test
  void theSchemaCheckRefusesANetworkPolicyTheApiServerRefuses() {
    Map<String, Object> misspelt = resource("NetworkPolicy", "gateway-to-services");
    Maps.mapAt(misspelt, "spec").put("egres", Maps.mapAt(misspelt, "spec").remove("egress"));
    assertThat(schemaProblems(List.of(misspelt))).anySatisfy(problem -> assertThat(problem).contains("egres"));
    Map<String, Object> badPeer = resource("NetworkPolicy", "services-from-gateway");
    Maps.map(Maps.listAt(Maps.listAt(badPeer, "spec.ingress").get(0), "from").get(0), "peer").put("pods", Map.of("app", "gateway"));
    assertThat(schemaProblems(List.of(badPeer))).anySatisfy(problem -> assertThat(problem).contains("pods"));
  }

  @Test
  void theBaseHoldsOnlyWhatIsTheSameInEveryEnvironment() {
    assertThat(environmentValues(Kustomize.build(BASE))).isEmpty();
  }

  @Test
  void theBaseCheckFindsAnEnvironmentsValue() {
    List<Map<String, Object>> issuer = Kustomize.build(BASE);
    configMap(issuer, "identity-config").put("PLATFORM_SECURITY_ISSUER", "https://id.example.org/realms/interests-office");
    assertThat(environmentValues(issuer)).anySatisfy(problem -> assertThat(problem).contains("PLATFORM_SECURITY_ISSUER", "id.example.org"));
    List<Map<String, Object>> broker = Kustomize.build(BASE);
    configMap(broker, "broker-config").put("SPRING_RABBITMQ_HOST", "rabbitmq");
    assertThat(environmentValues(broker)).anySatisfy(problem -> assertThat(problem).contains("SPRING_RABBITMQ_HOST"));
    List<Map<String, Object>> sender = Kustomize.build(BASE);
    configMap(sender, "notifications-service-config").put("NOTIFICATIONS_EMAIL_FROM", "alerts@iop.example.org");
    assertThat(environmentValues(sender)).anySatisfy(problem -> assertThat(problem).contains("iop.example.org"));
    List<Map<String, Object>> host = Kustomize.build(BASE);
    Maps.map(Maps.listAt(find(host, "Ingress", "gateway").orElseThrow(), "spec.rules").get(0), "rule").put("host", "iop.example.org");
    assertThat(environmentValues(host)).anySatisfy(problem -> assertThat(problem).contains("Ingress", "iop.example.org"));
  }

  @Test
  void networkPoliciesLetThroughWhatEachPodNeedsAndNoMore() {
    assertThat(new NetworkPolicies(overlay).all()).as("network policies").isNotEmpty();
    assertThat(networkProblems(overlay)).isEmpty();
  }

  @Test
  void theNetworkCheckRefusesPoliciesThatBlockTooMuchOrOpenTooMuch() {
    List<Map<String, Object>> wrongPort = Kustomize.build(OVERLAY);
    portOfFirstRule(wrongPort, "gateway-to-services", "egress").put("port", 8080);
    assertThat(networkProblems(wrongPort)).anySatisfy(problem -> assertThat(problem).contains("gateway", "missions-service"));
    List<Map<String, Object>> plainBroker = Kustomize.build(OVERLAY);
    Maps.map(Maps.listAt(Maps.listAt(find(plainBroker, "NetworkPolicy", "services-to-postgres-and-rabbitmq").orElseThrow(), "spec.egress").get(1), "ports").get(0), "port")
        .put("port", 5672);
    assertThat(networkProblems(plainBroker)).anySatisfy(problem -> assertThat(problem).contains("rabbitmq:5671"));
    List<Map<String, Object>> noDns = Kustomize.build(OVERLAY);
    noDns.remove(find(noDns, "NetworkPolicy", "dns").orElseThrow());
    assertThat(networkProblems(noDns)).anySatisfy(problem -> assertThat(problem).contains("DNS"));
    List<Map<String, Object>> gatewayOpen = Kustomize.build(OVERLAY);
    gatewayOpen.removeIf(resource -> "NetworkPolicy".equals(resource.get("kind"))
        && List.of("default-deny", "gateway-from-ingress-controller", "gateway-metrics-from-prometheus").contains(Maps.string(resource, "metadata.name")));
    assertThat(networkProblems(gatewayOpen)).anySatisfy(problem -> assertThat(problem).contains("gateway is open to all Ingress traffic"));
    List<Map<String, Object>> openToAll = Kustomize.build(OVERLAY);
    Maps.map(Maps.listAt(find(openToAll, "NetworkPolicy", "services-from-gateway").orElseThrow(), "spec.ingress").get(0), "rule").remove("from");
    assertThat(networkProblems(openToAll)).anySatisfy(problem -> assertThat(problem).contains("services-from-gateway", "every"));
    List<Map<String, Object>> metricsPublic = Kustomize.build(OVERLAY);
    Maps.listAt(Maps.listAt(find(metricsPublic, "NetworkPolicy", "gateway-from-ingress-controller").orElseThrow(), "spec.ingress").get(0), "ports")
        .add(new LinkedHashMap<>(Map.of("protocol", "TCP", "port", "management")));
    assertThat(networkProblems(metricsPublic)).anySatisfy(problem -> assertThat(problem).contains("management port"));
  }

  @Test
  void theServicesReachTheirDatabaseAndTheBrokerOverVerifiedTls() {
    List<String> problems = new ArrayList<>();
    for (String module : Repository.SERVICES) {
      if (module.equals("gateway")) {
        continue;
      }
      Map<String, Object> deployment = resource("Deployment", module);
      ServiceConfiguration configuration = ServiceConfiguration.of(module, environment(deployment, problems));
      String url = configuration.property("spring.datasource.url");
      Map<String, String> parameters = new LinkedHashMap<>();
      if (url.contains("?")) {
        for (String parameter : url.substring(url.indexOf('?') + 1).split("&")) {
          int equals = parameter.indexOf('=');
          parameters.put(equals < 0 ? parameter : parameter.substring(0, equals), equals < 0 ? "" : parameter.substring(equals + 1));
        }
      }
      if (!"verify-full".equals(parameters.get("sslmode"))) {
        problems.add(module + ": the JDBC URL " + url + " does not check the database's certificate and name (sslmode=verify-full)");
      }
      if (!mountedFromSecret(deployment, parameters.get("sslrootcert"))) {
        problems.add(module + ": the database's CA (sslrootcert=" + parameters.get("sslrootcert") + ") is no file mounted from a Secret");
      }
      if (!"true".equals(configuration.property("spring.rabbitmq.ssl.enabled"))) {
        problems.add(module + ": AMQP without TLS (spring.rabbitmq.ssl.enabled)");
      }
      if ("false".equals(configuration.property("spring.rabbitmq.ssl.verify-hostname"))
          || "false".equals(configuration.property("spring.rabbitmq.ssl.validate-server-certificate"))) {
        problems.add(module + ": the broker's certificate or host name is not checked");
      }
      String bundle = configuration.property("spring.rabbitmq.ssl.bundle");
      String trusted = bundle == null ? null : configuration.property("spring.ssl.bundle.pem." + bundle + ".truststore.certificate");
      if (trusted == null || !mountedFromSecret(deployment, trusted.replaceFirst("^file:", ""))) {
        problems.add(module + ": the broker's CA (bundle " + bundle + ", " + trusted + ") is no file mounted from a Secret");
      }
      if ("5672".equals(configuration.property("spring.rabbitmq.port"))) {
        problems.add(module + ": the broker's plain AMQP port 5672 (AMQPS is 5671)");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theGatewayKeepsTheConsolesSessionsInRedisOverVerifiedTls() {
    // The sessions hold users' access and refresh tokens: as for the database and the broker.
    List<String> problems = new ArrayList<>();
    Map<String, Object> deployment = resource("Deployment", "gateway");
    ServiceConfiguration gateway = ServiceConfiguration.of("gateway", environment(deployment, problems));
    if (!"true".equals(gateway.property("spring.data.redis.ssl.enabled"))) {
      problems.add("gateway: Redis without TLS (spring.data.redis.ssl.enabled)");
    }
    String bundle = gateway.property("spring.data.redis.ssl.bundle");
    String trusted = bundle == null ? null : gateway.property("spring.ssl.bundle.pem." + bundle + ".truststore.certificate");
    if (trusted == null || !mountedFromSecret(deployment, trusted.replaceFirst("^file:", ""))) {
      problems.add("gateway: Redis's CA (bundle " + bundle + ", " + trusted + ") is no file mounted from a Secret");
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theIngressServesEveryHostOverHttps() {
    Map<String, Object> ingress = resource("Ingress", "gateway");
    List<String> secured = new ArrayList<>();
    for (Object tls : Maps.listAt(ingress, "spec.tls")) {
      assertThat(Maps.string(tls, "secretName")).as("the certificate's Secret").isNotBlank();
      Maps.listAt(tls, "hosts").forEach(host -> secured.add(String.valueOf(host)));
    }
    List<String> hosts = Maps.listAt(ingress, "spec.rules").stream().map(rule -> Maps.string(rule, "host")).toList();
    assertThat(hosts).as("the Ingress's hosts").isNotEmpty().doesNotContainNull();
    assertThat(secured).as("hosts with a TLS certificate").containsAll(hosts);
  }

  @Test
  void theChecksBuildTheKustomizationsAsKustomizeDoes() throws Exception {
    Optional<Path> kubectl = onPath("kubectl");
    assumeTrue(kubectl.isPresent(), "kubectl is not installed: the build is not compared with kubectl kustomize");
    for (Path directory : List.of(BASE, OVERLAY)) {
      Process process = new ProcessBuilder(kubectl.get().toString(), "kustomize", directory.toString()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as("kubectl kustomize %s:\n%s", directory, output).isZero();
      Map<String, Object> theirs = new TreeMap<>();
      for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(output)) {
        Map<String, Object> resource = Maps.map(withoutHashSuffixes(document), "kubectl output");
        theirs.put(Kustomize.kindAndName(resource), resource);
      }
      Map<String, Object> ours = new TreeMap<>();
      for (Map<String, Object> resource : Kustomize.build(directory)) {
        ours.put(Kustomize.kindAndName(resource), resource);
      }
      assertThat(ours).as("built from %s", directory).isEqualTo(theirs);
    }
  }

  @Test
  void eachServiceRunsSeveralInstancesWithProbesOnTheActuatorGroups() {
    List<String> problems = new ArrayList<>();
    for (String module : Repository.SERVICES) {
      Map<String, Object> deployment = resource("Deployment", module);
      Object replicas = Maps.at(deployment, "spec.replicas").orElse(1);
      if (((Number) replicas).intValue() < 2) {
        problems.add(module + " runs " + replicas + " replica(s)");
      }
      Map<String, Object> container = container(deployment);
      int port = ServiceConfiguration.of(module, environment(deployment, problems)).port();
      // The gateway's actuator is on its management port; its public port answers /readyz and /livez.
      boolean gateway = module.equals("gateway");
      problems.addAll(probe(module, container, "readinessProbe", gateway ? "/readyz" : "/actuator/health/readiness", port));
      problems.addAll(probe(module, container, "livenessProbe", gateway ? "/livez" : "/actuator/health/liveness", port));
      if (!String.valueOf(container.get("image")).contains("/interests-office/" + module + ":")) {
        problems.add(module + " runs image " + container.get("image"));
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void eachServiceHasResourcesThatFitItsJvm() {
    List<String> problems = new ArrayList<>();
    for (String module : Repository.SERVICES) {
      Map<String, Object> container = container(resource("Deployment", module));
      for (String kind : List.of("requests", "limits")) {
        for (String resource : List.of("cpu", "memory")) {
          if (Maps.at(container, "resources." + kind + "." + resource).isEmpty()) {
            problems.add(module + " has no " + resource + " in resources." + kind);
          }
        }
      }
      Maps.at(container, "resources.limits.memory").ifPresent(limit ->
          problems.addAll(DeployImageTest.memoryProblems("Deployment " + module,
              new Quantity(String.valueOf(limit)).getNumber().longValue())));
      if (!Boolean.TRUE.equals(Maps.at(resource("Deployment", module), "spec.template.spec.securityContext.runAsNonRoot").orElse(false))) {
        problems.add(module + " does not require runAsNonRoot");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void servicesAndDisruptionBudgetsSelectThePodsOfTheirDeployment() {
    List<String> problems = new ArrayList<>();
    for (String module : Repository.SERVICES) {
      Map<String, Object> deployment = resource("Deployment", module);
      Map<String, Object> labels = Maps.mapAt(deployment, "spec.template.metadata.labels");
      Map<String, Object> service = resource("Service", module);
      Map<String, Object> selector = Maps.mapAt(service, "spec.selector");
      if (selector.isEmpty() || !labels.entrySet().containsAll(selector.entrySet())) {
        problems.add("Service " + module + " selects " + selector + ", the pods carry " + labels);
      }
      List<Object> containerPorts = Maps.listAt(container(deployment), "ports");
      for (Object port : Maps.listAt(service, "spec.ports")) {
        Object target = Maps.map(port, "port").get("targetPort");
        boolean found = containerPorts.stream().anyMatch(containerPort -> target.equals(Maps.map(containerPort, "port").get("name"))
            || target.equals(Maps.map(containerPort, "port").get("containerPort")));
        if (!found) {
          problems.add("Service " + module + " targets port " + target + ", which the container does not declare");
        }
      }
      Map<String, Object> budgetSelector = Maps.mapAt(resource("PodDisruptionBudget", module), "spec.selector.matchLabels");
      if (budgetSelector.isEmpty() || !labels.entrySet().containsAll(budgetSelector.entrySet())) {
        problems.add("PodDisruptionBudget " + module + " selects " + budgetSelector + ", the pods carry " + labels);
      }
      if (!Maps.mapAt(deployment, "spec.selector.matchLabels").equals(selector)) {
        problems.add("Deployment " + module + " and its Service select different labels");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyServiceIsConfiguredForTheClusterItRunsIn() {
    List<String> problems = new ArrayList<>();
    String issuer = null;
    for (String module : Repository.SERVICES) {
      Map<String, Object> deployment = resource("Deployment", module);
      ServiceConfiguration configuration = ServiceConfiguration.of(module, environment(deployment, problems));
      problems.addAll(configuration.problems());
      for (var address : configuration.insideAddresses(new ArrayList<>()).entrySet()) {
        URI uri = address.getValue();
        Optional<Map<String, Object>> service = find("Service", uri.getHost());
        if (Repository.SERVICES.contains(uri.getHost()) && service.isEmpty()) {
          problems.add(module + ": " + address.getKey() + " points at " + uri.getHost() + ", which has no Service");
        }
        service.ifPresent(target -> {
          boolean portFound = Maps.listAt(target, "spec.ports").stream()
              .anyMatch(port -> Integer.valueOf(uri.getPort()).equals(Maps.map(port, "port").get("port")));
          if (!portFound) {
            problems.add(module + ": " + address.getKey() + " points at port " + uri.getPort() + " of Service " + uri.getHost());
          }
        });
      }
      String serviceIssuer = configuration.property("spring.security.oauth2.resourceserver.jwt.issuer-uri");
      if (issuer != null && !issuer.equals(serviceIssuer)) {
        problems.add(module + " accepts tokens of " + serviceIssuer + ", another service of " + issuer);
      }
      issuer = serviceIssuer;
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theGatewaysMetricsAreScrapedInTheClusterAndNotExposedThroughTheIngress() {
    List<String> problems = new ArrayList<>();
    Map<String, Object> deployment = resource("Deployment", "gateway");
    ServiceConfiguration gateway = ServiceConfiguration.of("gateway", environment(deployment, problems));
    String management = gateway.property("management.server.port");
    assertThat(management).as("the gateway's management port").isNotBlank().isNotEqualTo(String.valueOf(gateway.port())).isNotEqualTo("0");
    int managementPort = Integer.parseInt(management);
    assertThat(String.valueOf(Maps.mapAt(deployment, "spec.template.metadata.annotations").get("prometheus.io/port")))
        .as("Prometheus scrapes the management port").isEqualTo(management);
    Map<String, Object> service = resource("Service", "gateway");
    List<Object> containerPorts = Maps.listAt(container(deployment), "ports");
    for (Object port : Maps.listAt(service, "spec.ports")) {
      Object target = Maps.map(port, "port").get("targetPort");
      boolean toManagement = Integer.valueOf(managementPort).equals(target)
          || containerPorts.stream().anyMatch(declared -> Integer.valueOf(managementPort).equals(Maps.map(declared, "port").get("containerPort"))
              && Maps.map(declared, "port").get("name").equals(target));
      if (toManagement) {
        problems.add("the gateway's Service exposes its management port " + managementPort + " as " + Maps.map(port, "port").get("name"));
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theGatewayIsExposedWithoutSessionAffinityOnTheHostAlertsLinkTo() {
    Map<String, Object> ingress = resource("Ingress", "gateway");
    Map<String, Object> annotations = Maps.mapAt(ingress, "metadata.annotations");
    // Console sessions are in Redis, shared by every instance: nothing ties a browser to one.
    assertThat(annotations.keySet()).as("no session affinity at the Ingress").noneMatch(key -> key.contains("affinity") || key.contains("session-cookie"));
    List<String> problems = new ArrayList<>();
    ServiceConfiguration gateway = ServiceConfiguration.of("gateway", environment(resource("Deployment", "gateway"), problems));
    assertThat(gateway.property("spring.data.redis.host")).as("the Redis that holds the console's sessions").isNotBlank().isNotIn("localhost", "127.0.0.1");
    assertThat(gateway.property("spring.data.redis.password")).as("Redis's password, from the Secret").isNotBlank();
    assertThat(gateway.property("spring.session.data.redis.namespace")).as("the sessions' namespace").isNotBlank();
    List<String> hosts = new ArrayList<>();
    for (Object rule : Maps.listAt(ingress, "spec.rules")) {
      hosts.add(Maps.string(rule, "host"));
      for (Object path : Maps.listAt(rule, "http.paths")) {
        String service = Maps.string(path, "backend.service.name");
        Object port = Maps.at(path, "backend.service.port.name").orElseGet(() -> Maps.at(path, "backend.service.port.number").orElse(null));
        boolean portFound = find("Service", service).map(target -> Maps.listAt(target, "spec.ports").stream()
            .anyMatch(p -> port != null && (port.equals(Maps.map(p, "port").get("name")) || port.equals(Maps.map(p, "port").get("port"))))).orElse(false);
        if (!"gateway".equals(service) || !portFound) {
          problems.add("the Ingress routes to " + service + ":" + port + ", not to a port of the gateway's Service");
        }
      }
    }
    ServiceConfiguration notifications = ServiceConfiguration.of("notifications-service",
        environment(resource("Deployment", "notifications-service"), problems));
    String links = URI.create(notifications.property("notifications.public-base-url")).getHost();
    if (!hosts.contains(links)) {
      problems.add("acknowledgement links point at " + links + ", the Ingress serves " + hosts);
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void notificationsSendsForRealAndAcceptsItsProvidersReports() {
    // What the service refuses to start with outside development (DevelopmentOnlySettings), read
    // from the overlay as the pod would get it.
    List<String> problems = new ArrayList<>();
    ServiceConfiguration notifications = ServiceConfiguration.of("notifications-service",
        environment(resource("Deployment", "notifications-service"), problems));
    assertThat(notifications.property("notifications.development-mode")).as("development mode in the cluster").isEqualTo("false");
    String provider = notifications.property("notifications.sms.provider");
    assertThat(provider).as("the SMS provider (capture writes SMS to a file)").isIn("http", "smpp");
    if (provider.equals("http")) {
      assertThat(notifications.property("notifications.sms.http.url")).as("the HTTP provider's URL").isNotBlank();
      assertThat(notifications.property("notifications.sms.http.api-key")).as("the HTTP provider's key").isNotBlank();
      assertThat(notifications.property("notifications.sms.delivery-report-key"))
          .as("the key of the provider's delivery reports (without it every report is refused)").isNotBlank();
    }
    assertThat(notifications.property("notifications.email.from")).as("the alerts' sender").doesNotEndWith(".local");
    assertThat(problems).isEmpty();
  }

  @Test
  void theCommittedSecretsAreForDevelopmentOnly() {
    Map<String, String> secrets = Repository.envFile(Repository.file(OVERLAY_SECRETS));
    List<String> problems = new ArrayList<>();
    secrets.forEach((name, value) -> {
      if (!value.startsWith("dev-only-")) {
        problems.add(OVERLAY_SECRETS + ": " + name + " does not start with dev-only-: a real secret must not be committed");
      }
    });
    problems.addAll(DeployComposeTest.matchesRealmClients(secrets, OVERLAY_SECRETS));
    assertThat(problems).isEmpty();
  }

  /**
   * Values in a build that belong to one environment: host names other than the build's own
   * Services (in URLs, in *_HOST variables, in email addresses) and the Ingress's hosts and
   * certificates.
   */
  private static List<String> environmentValues(List<Map<String, Object>> resources) {
    List<String> ownServices = resources.stream().filter(resource -> "Service".equals(resource.get("kind")))
        .map(resource -> Maps.string(resource, "metadata.name")).toList();
    List<String> problems = new ArrayList<>();
    for (Map<String, Object> resource : resources) {
      if ("ConfigMap".equals(resource.get("kind"))) {
        Maps.at(resource, "data").ifPresent(data -> Maps.map(data, "data").forEach((key, value) -> {
          List<String> hosts = new ArrayList<>();
          Matcher url = URL_HOST.matcher(String.valueOf(value));
          while (url.find()) {
            hosts.add(url.group(1));
          }
          Matcher mail = MAIL_DOMAIN.matcher(String.valueOf(value));
          while (mail.find()) {
            hosts.add(mail.group(1));
          }
          if (key.endsWith("_HOST")) {
            hosts.add(String.valueOf(value));
          }
          hosts.stream().filter(host -> !ownServices.contains(host)).forEach(host -> problems.add("ConfigMap "
              + Maps.string(resource, "metadata.name") + ": " + key + " names " + host + ", which is an environment's: set it in the overlay"));
        }));
      }
      if ("Ingress".equals(resource.get("kind"))) {
        for (Object rule : Maps.listAt(resource, "spec.rules")) {
          Maps.at(rule, "host").ifPresent(host -> problems.add("Ingress " + Maps.string(resource, "metadata.name")
              + " serves host " + host + ", which is an environment's: set it in the overlay"));
        }
        if (!Maps.listAt(resource, "spec.tls").isEmpty()) {
          problems.add("Ingress " + Maps.string(resource, "metadata.name") + " names TLS certificates, which are an environment's");
        }
      }
    }
    return problems;
  }

  private static final Pattern URL_HOST = Pattern.compile("[a-z][a-z0-9+.-]*://([^/:?#\\s]+)");
  private static final Pattern MAIL_DOMAIN = Pattern.compile("[^\\s@/]+@([A-Za-z0-9.-]+)");

  /**
   * What the network policies of a build fail to let through, or let through too widely: each pod
   * must be isolated both ways (a default deny), reach the DNS and every address its configuration
   * names (pods of the build on both ends), be scraped by Prometheus on the port it announces, and
   * the gateway take the ingress controller's traffic on its public port only; no rule may be open
   * to every peer or every port, and the services take requests from the gateway only.
   */
  private List<String> networkProblems(List<Map<String, Object>> resources) {
    NetworkPolicies policies = new NetworkPolicies(resources);
    List<String> problems = new ArrayList<>();
    Map<String, Pod> pods = new LinkedHashMap<>();
    for (String module : Repository.SERVICES) {
      pods.put(module, pod(find(resources, "Deployment", module).orElseThrow()));
    }
    for (Pod pod : pods.values()) {
      Map<String, Object> deployment = find(resources, "Deployment", pod.name()).orElseThrow();
      for (Direction direction : Direction.values()) {
        if (policies.selecting(pod, direction).isEmpty()) {
          problems.add(pod.name() + " is open to all " + direction.policyType + " traffic: no policy selects it (default deny)");
        }
      }
      if (!policies.egressAllowed(pod, new InNamespace("kube-system"), 53, "UDP")) {
        problems.add(pod.name() + " cannot reach the cluster's DNS (kube-system, UDP 53)");
      }
      ServiceConfiguration configuration = ServiceConfiguration.of(pod.name(), environment(deployment, problems));
      for (var address : configuration.insideAddresses(problems).entrySet()) {
        URI uri = address.getValue();
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        String target = address.getKey() + " (" + uri.getHost() + ":" + port + ")";
        Optional<Map<String, Object>> service = find(resources, "Service", uri.getHost());
        if (service.isPresent() && pods.containsKey(uri.getHost())) {
          Pod receiver = pods.get(uri.getHost());
          int containerPort = containerPort(service.get(), receiver, port);
          if (!policies.egressAllowed(pod, new BuiltPod(receiver), containerPort, "TCP")) {
            problems.add(pod.name() + " → " + receiver.name() + ":" + containerPort + " for " + target + ": no egress rule lets it out");
          }
          if (!policies.ingressAllowed(receiver, new BuiltPod(pod), containerPort, "TCP")) {
            problems.add(pod.name() + " → " + receiver.name() + ":" + containerPort + " for " + target + ": no ingress rule lets it in");
          }
          continue;
        }
        String host = uri.getHost();
        String[] labels = host.split("\\.");
        Peer peer = host.endsWith(".svc") || host.contains(".svc.") ? new InNamespace(labels[1])
            : labels.length == 1 ? new InNamespace(pod.namespace()) : new Outside();
        if (!policies.egressAllowed(pod, peer, port, "TCP")) {
          problems.add(pod.name() + " cannot reach " + target + " (" + peer + "): no egress rule lets it out");
        }
      }
      Object scraped = Maps.mapAt(deployment, "spec.template.metadata.annotations").get("prometheus.io/port");
      if (scraped != null && !policies.ingressAllowed(pod, new InNamespace(null), Integer.parseInt(String.valueOf(scraped)), "TCP")) {
        problems.add(pod.name() + ": Prometheus cannot scrape port " + scraped + " from its namespace");
      }
    }
    Pod gateway = pods.get("gateway");
    if (!policies.ingressAllowed(gateway, new InNamespace(null), gateway.ports().get("http"), "TCP")) {
      problems.add("the gateway does not take the ingress controller's traffic on its port http");
    }
    for (Map<String, Object> policy : policies.all()) {
      String name = Maps.string(policy, "metadata.name");
      for (Direction direction : Direction.values()) {
        for (Object rule : Maps.listAt(policy, "spec." + direction.rules)) {
          if (Maps.listAt(rule, direction.peers).isEmpty()) {
            problems.add("NetworkPolicy " + name + ": a " + direction.rules + " rule open to every " + (direction == Direction.INGRESS ? "source" : "destination"));
          }
          if (Maps.listAt(rule, "ports").isEmpty()) {
            problems.add("NetworkPolicy " + name + ": a " + direction.rules + " rule open on every port");
          }
          // The ingress controller's peer (admitted to the gateway's public port) must not reach its metrics.
          if (direction == Direction.INGRESS && NetworkPolicies.selects(Maps.mapAt(policy, "spec").get("podSelector"), gateway.labels())
              && Maps.listAt(rule, "ports").stream().anyMatch(port -> "http".equals(Maps.string(port, "port")) || gateway.ports().get("http").equals(Maps.at(port, "port").orElse(null)))
              && Maps.listAt(rule, "ports").stream().anyMatch(port -> "management".equals(Maps.string(port, "port")) || Integer.valueOf(8090).equals(Maps.at(port, "port").orElse(null)))) {
            problems.add("NetworkPolicy " + name + ": the gateway's public port and its management port open to the same peers");
          }
        }
      }
    }
    for (Pod service : pods.values()) {
      for (Pod caller : pods.values()) {
        if (!service.name().equals("gateway") && !caller.name().equals("gateway") && !caller.equals(service)
            && policies.ingressAllowed(service, new BuiltPod(caller), service.ports().get("http"), "TCP")) {
          problems.add(service.name() + " takes requests from " + caller.name() + ": only the gateway calls the services");
        }
      }
    }
    return problems;
  }

  private static Pod pod(Map<String, Object> deployment) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (Object port : Maps.listAt(container(deployment), "ports")) {
      ports.put(Maps.string(port, "name"), ((Number) Maps.map(port, "port").get("containerPort")).intValue());
    }
    return new Pod(Maps.string(deployment, "metadata.name"), Maps.string(deployment, "metadata.namespace"),
        Maps.mapAt(deployment, "spec.template.metadata.labels"), ports);
  }

  /** The container port a Service's port leads to. */
  private static int containerPort(Map<String, Object> service, Pod pod, int servicePort) {
    for (Object port : Maps.listAt(service, "spec.ports")) {
      if (Integer.valueOf(servicePort).equals(Maps.map(port, "port").get("port"))) {
        Object target = Maps.at(port, "targetPort").orElse(servicePort);
        return target instanceof Integer number ? number : pod.ports().getOrDefault(String.valueOf(target), -1);
      }
    }
    return -1;
  }

  private static Map<String, Object> portOfFirstRule(List<Map<String, Object>> resources, String policy, String rules) {
    Object rule = Maps.listAt(find(resources, "NetworkPolicy", policy).orElseThrow(), "spec." + rules).get(0);
    return Maps.map(Maps.listAt(rule, "ports").get(0), "port");
  }

  private static Map<String, Object> configMap(List<Map<String, Object>> resources, String name) {
    Map<String, Object> configMap = find(resources, "ConfigMap", name).orElseThrow();
    if (Maps.at(configMap, "data").isEmpty()) {
      configMap.put("data", new LinkedHashMap<String, Object>());
    }
    return Maps.mapAt(configMap, "data");
  }

  /** Whether the file lies in a volume of the pod that a Secret fills. */
  private static boolean mountedFromSecret(Map<String, Object> deployment, String file) {
    if (file == null) {
      return false;
    }
    for (Object mount : Maps.listAt(container(deployment), "volumeMounts")) {
      String path = Maps.string(mount, "mountPath");
      if (file.startsWith(path.endsWith("/") ? path : path + "/")) {
        String volume = Maps.string(mount, "name");
        return Maps.listAt(deployment, "spec.template.spec.volumes").stream()
            .anyMatch(declared -> volume.equals(Maps.string(declared, "name")) && Maps.at(declared, "secret.secretName").isPresent());
      }
    }
    return false;
  }

  private static Optional<Map<String, Object>> find(List<Map<String, Object>> resources, String kind, String name) {
    return resources.stream().filter(r -> Kustomize.kindAndName(r).equals(kind + "/" + name)).findFirst();
  }

  /**
   * The container's environment as the kubelet builds it: every key of the ConfigMaps it takes whole,
   * then its own entries, values from Secrets and ConfigMaps included. A reference to something that
   * does not exist is a problem (the pod would not start), unless marked optional.
   */
  private Map<String, String> environment(Map<String, Object> deployment, List<String> problems) {
    String name = Maps.string(deployment, "metadata.name");
    Map<String, Object> container = container(deployment);
    Map<String, String> environment = new LinkedHashMap<>();
    for (Object source : Maps.listAt(container, "envFrom")) {
      String configMap = Maps.string(source, "configMapRef.name");
      if (configMap == null) {
        problems.add(name + ": envFrom supports configMapRef only here, found " + source);
        continue;
      }
      find("ConfigMap", configMap).ifPresentOrElse(
          found -> Maps.at(found, "data").ifPresent(data -> Maps.map(data, configMap).forEach((key, value) -> environment.put(key, String.valueOf(value)))),
          () -> problems.add(name + " takes its environment from ConfigMap " + configMap + ", which does not exist"));
    }
    for (Object entry : Maps.listAt(container, "env")) {
      String variable = Maps.string(entry, "name");
      if (Maps.at(entry, "value").isPresent()) {
        environment.put(variable, Maps.string(entry, "value"));
        continue;
      }
      boolean optional = Boolean.TRUE.equals(Maps.at(entry, "valueFrom.secretKeyRef.optional").orElse(false));
      String secret = Maps.string(entry, "valueFrom.secretKeyRef.name");
      String key = Maps.string(entry, "valueFrom.secretKeyRef.key");
      if (secret == null) {
        problems.add(name + ": " + variable + " must have a value or come from a Secret");
        continue;
      }
      Optional<String> value = find("Secret", secret).flatMap(found -> Maps.at(found, "data." + key))
          .map(encoded -> new String(Base64.getDecoder().decode(String.valueOf(encoded)), StandardCharsets.UTF_8));
      if (value.isPresent()) {
        environment.put(variable, value.get());
      } else if (!optional) {
        problems.add(name + ": " + variable + " comes from key " + key + " of Secret " + secret + ", which does not exist");
      }
    }
    return environment;
  }

  private static List<String> probe(String module, Map<String, Object> container, String probe, String path, int port) {
    String actualPath = Maps.string(container, probe + ".httpGet.path");
    Object probePort = Maps.at(container, probe + ".httpGet.port").orElse(null);
    boolean portMatches = Maps.listAt(container, "ports").stream().anyMatch(declared -> Integer.valueOf(port).equals(Maps.map(declared, "port").get("containerPort"))
        && (Integer.valueOf(port).equals(probePort) || Maps.map(declared, "port").get("name").equals(probePort)));
    if (!path.equals(actualPath) || !portMatches) {
      return List.of(module + ": " + probe + " asks " + probePort + actualPath + ", expected " + path + " on the service's port " + port);
    }
    return List.of();
  }

  private Map<String, Object> resource(String kind, String name) {
    // A fresh build, so a test may change what it gets.
    return Kustomize.build(OVERLAY).stream().filter(r -> Kustomize.kindAndName(r).equals(kind + "/" + name)).findFirst()
        .orElseThrow(() -> new AssertionError("the example overlay has no " + kind + " " + name));
  }

  private Optional<Map<String, Object>> find(String kind, String name) {
    return overlay.stream().filter(r -> Kustomize.kindAndName(r).equals(kind + "/" + name)).findFirst();
  }

  private static Map<String, Object> container(Map<String, Object> deployment) {
    List<Object> containers = Maps.listAt(deployment, "spec.template.spec.containers");
    if (containers.size() != 1) {
      throw new AssertionError(Kustomize.kindAndName(deployment) + " has " + containers.size() + " containers, expected one");
    }
    return Maps.map(containers.get(0), "container");
  }

  private static List<String> schemaProblems(List<Map<String, Object>> resources) {
    JsonMapper json = JsonMapper.builder().build();
    List<String> problems = new ArrayList<>();
    for (Map<String, Object> resource : resources) {
      String type = resource.get("apiVersion") + " " + resource.get("kind");
      ApiSchema schema = SCHEMAS.get(type);
      if (schema == null) {
        problems.add(Kustomize.kindAndName(resource) + ": no schema for " + type + "; add its model to SCHEMAS");
        continue;
      }
      try {
        schema.validate(json.writeValueAsString(resource));
      } catch (IOException | RuntimeException e) {
        problems.add(Kustomize.kindAndName(resource) + ": " + e.getMessage());
      }
    }
    return problems;
  }

  /** Kustomize names generated Secrets name-hash; the checks' build does not, so compare without. */
  private static Object withoutHashSuffixes(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> result = new LinkedHashMap<>();
      map.forEach((key, entry) -> result.put(key, withoutHashSuffixes(entry)));
      return result;
    }
    if (value instanceof List<?> list) {
      return new ArrayList<>(list.stream().map(DeployKubernetesTest::withoutHashSuffixes).toList());
    }
    if (value instanceof String text && GENERATED_NAME.matcher(text).matches()) {
      return text.substring(0, text.lastIndexOf('-'));
    }
    return value;
  }

  private static final Pattern GENERATED_NAME = Pattern.compile("iop-secrets-[a-z0-9]{10}");

  private static Optional<Path> onPath(String command) {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, command);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
