package org.interestsoffice.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

/** The repository's files as the deployment descriptors see them: YAML, env files, Maven poms. */
final class Repository {

  static final Path ROOT = Path.of(System.getProperty("iop.modules", "..")).toAbsolutePath().normalize();

  /** The deployable modules, each one image and one Deployment. */
  static final List<String> SERVICES = List.of("missions-service", "personnel-service", "notifications-service", "gateway");

  private Repository() {}

  static Path file(String relative) {
    Path path = ROOT.resolve(relative);
    if (!Files.isRegularFile(path)) {
      throw new AssertionError("Missing file " + relative + " (looked for " + path + ")");
    }
    return path;
  }

  static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** YAML 1.1 as Docker Compose and kubectl read it, merge keys ({@code <<}) included. */
  static Object yaml(Path path) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(read(path));
  }

  static List<Map<String, Object>> yamlDocuments(Path path) {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(path))) {
      if (document != null) {
        documents.add(Maps.map(document, path + " document " + documents.size()));
      }
    }
    return documents;
  }

  /** KEY=VALUE lines, as docker compose --env-file and Kustomize's generators read them. */
  static Map<String, String> envFile(Path path) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : read(path).split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      if (equals <= 0) {
        throw new AssertionError(path + ": not a KEY=VALUE line: " + line);
      }
      values.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
    }
    return values;
  }

  /** The Keycloak realm the repository imports: its name and its clients' secrets. */
  static Map<String, Object> realm() {
    return Maps.map(JsonMapper.builder().build().readValue(read(file("keycloak/interests-office-realm.json")), Map.class), "realm");
  }

  static Pom rootPom() {
    return Pom.read(file("pom.xml"));
  }

  static Pom pom(String module) {
    return Pom.read(file(module + "/pom.xml"));
  }

  /** A module's pom: what Maven names the jar after, and the root's properties. */
  record Pom(String artifactId, String version, Map<String, String> properties, boolean hasFinalName) {

    static Pom read(Path path) {
      try {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        Document document = factory.newDocumentBuilder().parse(path.toFile());
        Element project = document.getDocumentElement();
        String artifactId = child(project, "artifactId");
        String version = child(project, "version");
        if (version == null) {
          Element parent = childElement(project, "parent");
          version = parent == null ? null : child(parent, "version");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        Element propertiesElement = childElement(project, "properties");
        if (propertiesElement != null) {
          for (Node node = propertiesElement.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
              properties.put(element.getTagName(), element.getTextContent().strip());
            }
          }
        }
        Element build = childElement(project, "build");
        boolean hasFinalName = build != null && childElement(build, "finalName") != null;
        return new Pom(artifactId, version, properties, hasFinalName);
      } catch (Exception e) {
        throw new IllegalStateException("Cannot read " + path, e);
      }
    }

    String property(String name) {
      String value = properties.get(name);
      if (value == null) {
        throw new AssertionError("pom.xml has no property " + name);
      }
      return value;
    }

    private static Element childElement(Element parent, String name) {
      for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
        if (node instanceof Element element && element.getTagName().equals(name)) {
          return element;
        }
      }
      return null;
    }

    private static String child(Element parent, String name) {
      Element element = childElement(parent, name);
      return element == null ? null : element.getTextContent().strip();
    }
  }

  /** The images the test harness runs PostgreSQL, RabbitMQ and Redis from: compose runs the same. */
  static List<String> testHarnessImages() {
    String source = read(file("test-support/src/main/java/org/interestsoffice/testing/TestInfrastructure.java"))
        + read(file("test-support/src/main/java/org/interestsoffice/testing/TestRedis.java"));
    Matcher matcher = Pattern.compile("static final String \\w+_IMAGE = \"([^\"]+)\";").matcher(source);
    List<String> images = new ArrayList<>();
    while (matcher.find()) {
      images.add(matcher.group(1));
    }
    return images;
  }
}
