package org.interestsoffice.system.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading parsed YAML (maps, lists, scalars) with messages that say where a shape was wrong. */
final class Maps {

  private Maps() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value, String where) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new AssertionError(where + ": expected a mapping, found " + value);
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value, String where) {
    if (value instanceof List<?> list) {
      return (List<Object>) list;
    }
    throw new AssertionError(where + ": expected a list, found " + value);
  }

  /** The value at a dotted path of keys, if every step exists. */
  static Optional<Object> at(Object root, String path) {
    Object current = root;
    for (String key : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
        return Optional.empty();
      }
      current = map.get(key);
    }
    return Optional.ofNullable(current);
  }

  static Map<String, Object> mapAt(Object root, String path) {
    return map(at(root, path).orElseThrow(() -> new AssertionError("missing " + path)), path);
  }

  static List<Object> listAt(Object root, String path) {
    return at(root, path).map(value -> list(value, path)).orElse(List.of());
  }

  static String string(Object root, String path) {
    return at(root, path).map(String::valueOf).orElse(null);
  }
}
