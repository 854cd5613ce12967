package org.interestsoffice.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README and docs/ stay true where the build can tell: every link between them leads to a file
 * that exists and, with an anchor, to a heading it has; the README's prerequisites are the ones the
 * build and the scripts really need; CI runs the README's test command.
 */
class DocumentationTest {

  private static final Path ROOT = Path.of(System.getProperty("iop.modules", "..")).toAbsolutePath().normalize();
  private static final Pattern LINK = Pattern.compile("!?\\[(?:[^\\]\\[]|\\[[^\\]]*])*]\\(([^)\\s]+)\\)");

  @Test
  void everyLinkOfTheDocumentationLeadsToAFileAndAHeadingThatExist() {
    List<String> broken = new ArrayList<>();
    for (Path document : documents()) {
      broken.addAll(brokenLinks(document, read(document)));
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void theLinkCheckFindsAMissingFileAndAMissingHeading() {
    Path readme = ROOT.resolve("README.md");
    assertThat(brokenLinks(readme, "[a](docs/no-such-file.md) [b](docs/alerts.md#no-such-heading) [c](docs/alerts.md#smpp)"))
        .hasSize(2).anySatisfy(problem -> assertThat(problem).contains("no-such-file.md"))
        .anySatisfy(problem -> assertThat(problem).contains("no-such-heading"));
  }

  @Test
  void theReadmeNamesTheNodeTheConsolesBuildNeeds() {
    Map<?, ?> pkg = JsonMapper.builder().build().readValue(read(ROOT.resolve("console/package.json")), Map.class);
    String node = String.valueOf(((Map<?, ?>) pkg.get("engines")).get("node"));
    // What the console's build tools accept: the package must not promise less than they need.
    Map<?, ?> lock = JsonMapper.builder().build().readValue(read(ROOT.resolve("console/package-lock.json")), Map.class);
    Map<?, ?> vite = (Map<?, ?>) ((Map<?, ?>) lock.get("packages")).get("node_modules/vite");
    assertThat(node).as("console/package.json engines.node").isEqualTo(String.valueOf(((Map<?, ?>) vite.get("engines")).get("node")));
    assertThat(read(ROOT.resolve("README.md"))).as("the README's Node.js prerequisite").contains("`" + node + "`");
  }

  @Test
  void theReadmeNamesTheJavaTheBuildAndKeycloakNeed() {
    Matcher javaVersion = Pattern.compile("<java.version>(\\d+)</java.version>").matcher(read(ROOT.resolve("pom.xml")));
    assertThat(javaVersion.find()).isTrue();
    Matcher keycloakJava = Pattern.compile("\"\\$best_major\" -lt (\\d+)").matcher(read(ROOT.resolve("bin/keycloak")));
    assertThat(keycloakJava.find()).as("bin/keycloak's check of its Java").isTrue();
    String readme = read(ROOT.resolve("README.md"));
    assertThat(readme).contains("a JDK " + javaVersion.group(1) + " or newer, for the build and the services")
        .contains("a Java " + keycloakJava.group(1) + " or newer for Keycloak");
  }

  @Test
  void ciRunsTheReadmesTestCommand() {
    assertThat(read(ROOT.resolve("README.md"))).contains("\n./mvnw verify     # run every test");
    assertThat(read(ROOT.resolve(".ci/run")).lines()).contains("./mvnw verify");
  }

  private static List<Path> documents() {
    List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("deploy/images/README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  /** Links to files of the repository that do not exist, or to headings their target does not have. */
  private static List<String> brokenLinks(Path document, String text) {
    List<String> broken = new ArrayList<>();
    String name = ROOT.relativize(document).toString();
    Matcher link = LINK.matcher(withoutCode(text));
    while (link.find()) {
      String target = link.group(1);
      if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
        continue;  // an address outside the repository (http:, mailto:)
      }
      int hash = target.indexOf('#');
      String file = hash < 0 ? target : target.substring(0, hash);
      Path resolved = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
      if (!resolved.startsWith(ROOT)) {
        continue;  // beside the repository (../shared/DESIGN.md): not the build's to check
      }
      if (!Files.exists(resolved)) {
        broken.add(name + ": " + target + " (no such file)");
      } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
        broken.add(name + ": " + target + " (no such heading in " + ROOT.relativize(resolved) + ")");
      }
    }
    return broken;
  }

  /** GitHub's anchors: each heading lower-cased, punctuation dropped, spaces as hyphens; repeats numbered. */
  private static Set<String> anchors(Path markdown) {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : withoutCode(read(markdown)).split("\n")) {
      Matcher heading = Pattern.compile("^#{1,6} (.+?)\\s*#*$").matcher(line);
      if (heading.matches()) {
        String slug = heading.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
        int count = seen.merge(slug, 1, Integer::sum);
        anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
      }
    }
    return anchors;
  }

  /** The text without fenced code blocks, whose lines are neither headings nor links. */
  private static String withoutCode(String markdown) {
    StringBuilder text = new StringBuilder();
    boolean fenced = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (!fenced) {
        text.append(line).append('\n');
      }
    }
    return text.toString();
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
