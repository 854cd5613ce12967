package org.interestsoffice.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The image build file matches the Maven build: the jar it copies is the one Maven names, the Java
 * runtime runs the bytecode the build targets, the process does not run as root, the JVM's memory
 * fits the limits the deployments give it, and every image any deployment file names is an exact
 * release.
 */
class DeployImageTest {

  /** What a Boot service needs beside its heap: metaspace, code cache, thread stacks, buffers. */
  static final long NON_HEAP_BYTES = 256L * 1024 * 1024;

  private final Dockerfile dockerfile = Dockerfile.read();

  @Test
  void theImageCopiesTheJarMavenBuildsForEachService() {
    Matcher copy = Pattern.compile("--from=build\\s+(\\S+)\\s+(\\S+)").matcher(
        dockerfile.finalStage().stream().filter(i -> i.keyword().equals("COPY")).map(Dockerfile.Instruction::arguments)
            .findFirst().orElseThrow(() -> new AssertionError("the final stage copies nothing from the build stage")));
    assertThat(copy.find()).as("COPY --from=build <jar> <destination>").isTrue();
    String source = copy.group(1);
    List<String> problems = new ArrayList<>();
    for (String module : Repository.SERVICES) {
      Repository.Pom pom = Repository.pom(module);
      String built = "/workspace/" + module + "/target/" + pom.artifactId() + "-" + pom.version() + ".jar";
      String pattern = source.replace("${MODULE}", module).replace("$MODULE", module);
      if (!FileSystems.getDefault().getPathMatcher("glob:" + pattern).matches(Path.of(built))) {
        problems.add(module + ": the image copies " + pattern + " but Maven builds " + built);
      }
      if (!pom.artifactId().equals(module)) {
        problems.add(module + ": artifactId " + pom.artifactId() + " differs from the module's directory, which MODULE names");
      }
      if (pom.hasFinalName()) {
        problems.add(module + ": the pom sets a finalName; the image expects <artifactId>-<version>.jar");
      }
      if (!dockerfile.all("RUN").stream().anyMatch(run -> run.arguments().contains(module + "|") || run.arguments().contains("|" + module + ")"))) {
        problems.add(module + ": the build stage's check of MODULE does not accept " + module);
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * An exact release: a digest, or a tag that names the release down to its patch (three numbers, as
   * 4.0.5 or 21.0.8_9; two for PostgreSQL, whose releases are major.minor since version 10). A tag
   * such as 17-alpine, 21-jre-noble, 4.0 or latest follows whatever its publisher pushes next.
   */
  static boolean pinned(String image) {
    if (image.matches("[^@\\s]+@sha256:[0-9a-f]{64}")) {
      return true;
    }
    Matcher tag = Pattern.compile("^(?:[^/:]+(?::\\d+)?/)?([^:@]+):([^:@/]+)$").matcher(image);
    if (!tag.matches()) {
      return false;
    }
    boolean postgres = tag.group(1).equals("postgres") || tag.group(1).endsWith("/postgres");
    return tag.group(2).matches(postgres ? "\\d+\\.\\d+(?:[-_.].*)?" : "\\d+\\.\\d+\\.\\d+(?:[-_.+].*)?");
  }

  @Test
  void everyImageTheDeploymentsPullIsAnExactRelease() {
    Map<String, String> images = new java.util.LinkedHashMap<>();
    dockerfile.baseImages().forEach((stage, image) -> images.put(Dockerfile.PATH + " stage " + stage, image));
    ComposeFile compose = new ComposeFile(Repository.file("docker-compose.yml"),
        Repository.envFile(Repository.file(DeployComposeTest.ENV_FILE)));
    compose.services().forEach((name, service) -> {
      // A service with a build section names the image it builds, not one it pulls.
      if (Maps.at(service, "build").isEmpty()) {
        images.put("docker-compose.yml service " + name, Maps.string(service, "image"));
      }
      Maps.at(service, "build.args").ifPresent(args -> Maps.map(args, "build.args").forEach((arg, image) -> {
        if (arg.endsWith("_IMAGE")) {
          images.put("docker-compose.yml " + name + " build argument " + arg, String.valueOf(image));
        }
      }));
    });
    Repository.testHarnessImages().forEach(image -> images.put("the test harness", image));
    Matcher engine = Pattern.compile("(?m)^\\s+(IOP_[A-Z_]+_IMAGE)=(\\S+)$").matcher(Repository.read(Repository.file("bin/docker-engine")));
    while (engine.find()) {
      images.put("bin/docker-engine " + engine.group(1), engine.group(2));
    }
    for (Map<String, Object> resource : Kustomize.build(DeployKubernetesTest.OVERLAY)) {
      for (Object container : Maps.listAt(resource, "spec.template.spec.containers")) {
        images.put("Kubernetes " + Kustomize.kindAndName(resource), Maps.string(container, "image"));
      }
    }
    assertThat(images).as("images found").hasSizeGreaterThan(10);
    List<String> floating = new ArrayList<>();
    images.forEach((where, image) -> {
      if (!pinned(image)) {
        floating.add(where + ": " + image);
      }
    });
    assertThat(floating).as("images that are no exact release (docs/deploy.md, \"Image versions\")").isEmpty();
  }

  @Test
  void thePinCheckRefusesFloatingTags() {
    assertThat(List.of("postgres:17.6-alpine", "rabbitmq:4.0.5-management-alpine", "eclipse-temurin:21.0.8_9-jre-noble",
        "quay.io/keycloak/keycloak:26.7.3", "registry.example.org:5000/interests-office/gateway:0.1.0",
        "node@sha256:" + "0123456789abcdef".repeat(4))).allMatch(DeployImageTest::pinned);
    assertThat(List.of("postgres:17-alpine", "rabbitmq:4.0-management", "eclipse-temurin:21-jre-noble", "node:22-bookworm-slim",
        "interests-office/gateway", "interests-office/gateway:latest", "greenmail/standalone:2.1"))
        .noneMatch(DeployImageTest::pinned);
  }

  @Test
  void theImagesRunTheBytecodeTheBuildTargets() {
    int target = Integer.parseInt(Repository.rootPom().property("java.version"));
    // The stage that compiles and the one that runs; the console's stage runs Node, not Java.
    List<String> images = List.of(dockerfile.baseImages().get("build"), dockerfile.baseImages().get("final"));
    assertThat(images).doesNotContainNull().allSatisfy(image -> assertThat(Dockerfile.javaVersion(image))
        .as("Java of %s (the build targets Java %d)", image, target)
        .hasValueSatisfying(version -> assertThat(version).isGreaterThanOrEqualTo(target)));
  }

  @Test
  void theConsoleIsBuiltWithANodeThatViteAccepts() {
    // The gateway's jar holds the console, whose build needs Node, which the JDK image lacks.
    String node = dockerfile.baseImages().get("console");
    assertThat(node).as("the image of the stage that builds the console").isNotNull();
    Matcher version = Pattern.compile("^node:(\\d+)").matcher(node);
    assertThat(version.find()).as("a node image with its major version: " + node).isTrue();
    assertThat(Integer.parseInt(version.group(1))).as("Node's major version (Vite needs 20.19+ or 22.12+)").isGreaterThanOrEqualTo(22);
    assertThat(dockerfile.all("COPY")).as("the build stage takes the console built in the Node stage")
        .anyMatch(copy -> copy.arguments().startsWith("--from=console "));
    String ignore = Repository.read(Repository.file(Dockerfile.PATH + ".dockerignore"));
    assertThat(ignore.lines().map(String::strip)).as("the host's node_modules never enter the context").contains("**/node_modules/");
  }

  @Test
  void theServiceRunsAsAFixedNonRootUser() {
    List<Dockerfile.Instruction> users = dockerfile.finalStage().stream().filter(i -> i.keyword().equals("USER")).toList();
    assertThat(users).as("USER in the final stage").isNotEmpty();
    String user = users.get(users.size() - 1).arguments().split(":")[0];
    assertThat(user).as("a numeric user, so that Kubernetes can verify runAsNonRoot").matches("\\d+");
    assertThat(Integer.parseInt(user)).as("the user id").isPositive();
  }

  @Test
  void theBuildContextLeavesLocalBuildOutputOut() {
    // Without it, jars built on the host would sit beside the ones the image build makes.
    String ignore = Repository.read(Repository.file(Dockerfile.PATH + ".dockerignore"));
    assertThat(ignore.lines().map(String::strip)).contains("**/target/");
  }

  /** The heap the image's JVM takes of a memory limit, plus what it needs beside the heap. */
  static List<String> memoryProblems(String where, long limitBytes) {
    double percentage = Dockerfile.read().maxRamPercentage();
    long heap = (long) (limitBytes * percentage / 100);
    if (heap + NON_HEAP_BYTES > limitBytes) {
      return List.of(where + ": a memory limit of " + limitBytes / (1024 * 1024) + " MiB gives a heap of " + heap / (1024 * 1024)
          + " MiB (MaxRAMPercentage=" + percentage + ") and leaves less than " + NON_HEAP_BYTES / (1024 * 1024) + " MiB for the rest of the JVM");
    }
    if (heap < 128L * 1024 * 1024) {
      return List.of(where + ": a memory limit of " + limitBytes / (1024 * 1024) + " MiB leaves a heap under 128 MiB");
    }
    return List.of();
  }
}
