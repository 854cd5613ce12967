package org.interestsoffice.system.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a kustomization the way {@code kustomize build} does, for the features the repository's
 * kustomizations use: resources (files and directories), namespace, images, strategic-merge patches
 * of resources that hold no merge-keyed lists, and secretGenerator from env files. Anything else
 * fails, so that a kustomization cannot quietly outgrow what the checks understand. Generated names
 * carry no hash suffix here; {@code DeployKubernetesTest} compares this build with kubectl's where
 * kubectl is installed.
 */
final class Kustomize {

  private static final Set<String> SUPPORTED = Set.of(
      "apiVersion", "kind", "resources", "namespace", "images", "patches", "secretGenerator");

  /** Kinds whose lists Kubernetes' strategic merge merges by key; patching them is not supported here. */
  private static final Set<String> MERGE_KEYED_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "Pod");

  private Kustomize() {}

  static List<Map<String, Object>> build(Path directory) {
    Path file = directory.resolve("kustomization.yaml");
    Map<String, Object> kustomization = Maps.map(Repository.yaml(file), file.toString());
    for (String key : kustomization.keySet()) {
      if (!SUPPORTED.contains(key)) {
        throw new AssertionError(file + ": '" + key + "' is not supported by the checks' Kustomize build; extend Kustomize.java");
      }
    }
    List<Map<String, Object>> resources = new ArrayList<>();
    for (Object entry : Maps.listAt(kustomization, "resources")) {
      Path resource = directory.resolve(String.valueOf(entry)).normalize();
      if (Files.isDirectory(resource)) {
        resources.addAll(build(resource));
      } else if (Files.isRegularFile(resource)) {
        resources.addAll(Repository.yamlDocuments(resource));
      } else {
        throw new AssertionError(file + ": resource " + entry + " does not exist");
      }
    }
    for (Object entry : Maps.listAt(kustomization, "secretGenerator")) {
      resources.add(secret(directory, Maps.map(entry, file + " secretGenerator")));
    }
    for (Object entry : Maps.listAt(kustomization, "patches")) {
      Map<String, Object> patch = Maps.map(entry, file + " patches");
      if (!patch.keySet().equals(Set.of("path"))) {
        throw new AssertionError(file + ": only patches given by path are supported, not " + patch.keySet());
      }
      Path patchFile = directory.resolve(String.valueOf(patch.get("path")));
      for (Map<String, Object> document : Repository.yamlDocuments(patchFile)) {
        patch(resources, document, patchFile);
      }
    }
    Object namespace = kustomization.get("namespace");
    if (namespace != null) {
      for (Map<String, Object> resource : resources) {
        Maps.mapAt(resource, "metadata").put("namespace", namespace);
      }
    }
    for (Object entry : Maps.listAt(kustomization, "images")) {
      setImage(resources, Maps.map(entry, file + " images"));
    }
    return resources;
  }

  static String kindAndName(Map<String, Object> resource) {
    return resource.get("kind") + "/" + Maps.string(resource, "metadata.name");
  }

  private static Map<String, Object> secret(Path directory, Map<String, Object> generator) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (Object envs : Maps.listAt(generator, "envs")) {
      Repository.envFile(directory.resolve(String.valueOf(envs))).forEach((key, value) ->
          data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", generator.get("name"));
    Map<String, Object> secret = new LinkedHashMap<>();
    secret.put("apiVersion", "v1");
    secret.put("kind", "Secret");
    secret.put("metadata", metadata);
    secret.put("type", generator.getOrDefault("type", "Opaque"));
    secret.put("data", data);
    return secret;
  }

  private static void patch(List<Map<String, Object>> resources, Map<String, Object> patch, Path file) {
    String target = kindAndName(patch);
    if (MERGE_KEYED_KINDS.contains(String.valueOf(patch.get("kind")))) {
      throw new AssertionError(file + ": patching a " + patch.get("kind") + " needs merge keys, not supported by the checks' Kustomize build");
    }
    List<Map<String, Object>> matches = resources.stream().filter(resource -> kindAndName(resource).equals(target)).toList();
    if (matches.size() != 1) {
      throw new AssertionError(file + ": the patch targets " + target + ", which matches " + matches.size() + " resources");
    }
    merge(matches.get(0), patch);
  }

  /** Strategic merge without merge keys: maps merge, null deletes, anything else replaces. */
  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> target, Map<String, Object> patch) {
    patch.forEach((key, value) -> {
      if (value == null) {
        target.remove(key);
      } else if (value instanceof Map<?, ?> map && target.get(key) instanceof Map<?, ?> existing) {
        merge((Map<String, Object>) existing, (Map<String, Object>) map);
      } else {
        target.put(key, value);
      }
    });
  }

  private static void setImage(List<Map<String, Object>> resources, Map<String, Object> image) {
    String name = String.valueOf(image.get("name"));
    for (Map<String, Object> resource : resources) {
      for (String path : List.of("spec.template.spec.containers", "spec.template.spec.initContainers")) {
        for (Object entry : Maps.listAt(resource, path)) {
          Map<String, Object> container = Maps.map(entry, path);
          String current = String.valueOf(container.get("image"));
          String currentName = current.replaceFirst("[:@].*$", "");
          if (currentName.equals(name)) {
            String newName = image.containsKey("newName") ? String.valueOf(image.get("newName")) : currentName;
            // As kustomize: a digest wins over a tag.
            String tag = image.containsKey("digest") ? "@" + image.get("digest")
                : image.containsKey("newTag") ? ":" + image.get("newTag") : current.substring(currentName.length());
            container.put("image", newName + tag);
          }
        }
      }
    }
  }
}
