package org.interestsoffice.system.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml as Docker Compose reads it: YAML with merge keys, then variables interpolated
 * from the env file (${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, $$), and
 * environment entries without a value taken from the env file or left out.
 */
final class ComposeFile {

  private static final Pattern VARIABLE = Pattern.compile("\\$(\\$|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?})");

  /** The file as written, before interpolation. */
  final Map<String, Object> raw;
  /** The file after interpolation with the env file. */
  final Map<String, Object> model;
  /** Variables that are required but missing from the env file, with their messages. */
  final List<String> missingVariables = new ArrayList<>();
  /** Every variable the file interpolates. */
  final Set<String> variables = new TreeSet<>();

  ComposeFile(Path file, Map<String, String> envFile) {
    this.raw = Maps.map(Repository.yaml(file), file.toString());
    this.model = Maps.map(interpolate(Repository.yaml(file), envFile), file.toString());
    for (var service : services().entrySet()) {
      Object environment = Maps.map(service.getValue(), service.getKey()).get("environment");
      if (environment instanceof Map<?, ?> map) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        map.forEach((name, value) -> {
          if (value != null) {
            resolved.put((String) name, value);
          } else if (envFile.containsKey((String) name)) {
            resolved.put((String) name, envFile.get(name));
          }
        });
        Maps.map(service.getValue(), service.getKey()).put("environment", resolved);
      }
    }
  }

  Map<String, Object> services() {
    return Maps.mapAt(model, "services");
  }

  Map<String, Object> service(String name) {
    return Maps.map(services().get(name), "services." + name);
  }

  Map<String, Object> rawService(String name) {
    return Maps.map(Maps.mapAt(raw, "services").get(name), "services." + name);
  }

  /** A service's environment as strings (numbers and booleans as YAML wrote them). */
  Map<String, String> environment(String name) {
    Map<String, String> environment = new LinkedHashMap<>();
    Maps.at(service(name), "environment").ifPresent(value ->
        Maps.map(value, name + ".environment").forEach((key, entry) -> environment.put(key, String.valueOf(entry))));
    return environment;
  }

  /** Container ports a service declares with expose. */
  Set<Integer> exposedPorts(String name) {
    Set<Integer> ports = new TreeSet<>();
    for (Object port : Maps.listAt(service(name), "expose")) {
      ports.add(Integer.parseInt(String.valueOf(port)));
    }
    return ports;
  }

  /** Published ports of a service: host port to container port. */
  Map<Integer, Integer> publishedPorts(String name) {
    Map<Integer, Integer> ports = new LinkedHashMap<>();
    for (Object port : Maps.listAt(service(name), "ports")) {
      String[] parts = String.valueOf(port).split(":");
      ports.put(Integer.parseInt(parts[parts.length - 2]), Integer.parseInt(parts[parts.length - 1]));
    }
    return ports;
  }

  private Object interpolate(Object value, Map<String, String> envFile) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> result = new LinkedHashMap<>();
      map.forEach((key, entry) -> result.put(key, interpolate(entry, envFile)));
      return result;
    }
    if (value instanceof List<?> list) {
      return new ArrayList<>(list.stream().map(entry -> interpolate(entry, envFile)).toList());
    }
    if (value instanceof String text) {
      Matcher matcher = VARIABLE.matcher(text);
      StringBuilder result = new StringBuilder();
      while (matcher.find()) {
        matcher.appendReplacement(result, Matcher.quoteReplacement(substitute(matcher, envFile)));
      }
      matcher.appendTail(result);
      return result.toString();
    }
    return value;
  }

  private String substitute(Matcher matcher, Map<String, String> envFile) {
    if (matcher.group(1).equals("$")) {
      return "$";
    }
    String name = matcher.group(2);
    String operator = matcher.group(3);
    String argument = matcher.group(4);
    variables.add(name);
    String value = envFile.get(name);
    boolean unset = value == null || (operator != null && operator.startsWith(":") && value.isEmpty());
    if (operator == null) {
      return value == null ? "" : value;
    }
    if (operator.endsWith("-")) {
      return unset ? argument : value;
    }
    if (unset) {
      missingVariables.add(name + " (" + argument + ")");
      return "";
    }
    return value;
  }
}
