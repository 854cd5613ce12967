package org.interestsoffice.system.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The services' image build file, read instruction by instruction (continuation lines joined). */
final class Dockerfile {

  static final String PATH = "deploy/docker/Dockerfile";

  record Instruction(String keyword, String arguments) {}

  final List<Instruction> instructions = new ArrayList<>();

  Dockerfile(Path file) {
    StringBuilder current = new StringBuilder();
    for (String line : Repository.read(file).split("\n")) {
      String trimmed = line.strip();
      if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
        continue;
      }
      if (!current.isEmpty() && trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      String text = current.toString();
      int space = text.indexOf(' ');
      instructions.add(new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()));
      current.setLength(0);
    }
  }

  static Dockerfile read() {
    return new Dockerfile(Repository.file(PATH));
  }

  /**
   * The image each stage starts from, by stage name (the final stage under "final"), with the
   * build arguments declared before the first FROM replaced by their defaults: the public images.
   */
  Map<String, String> baseImages() {
    Map<String, String> defaults = new LinkedHashMap<>();
    Map<String, String> images = new LinkedHashMap<>();
    boolean beforeFirstStage = true;
    for (Instruction instruction : instructions) {
      if (beforeFirstStage && instruction.keyword().equals("ARG") && instruction.arguments().contains("=")) {
        String[] nameAndDefault = instruction.arguments().split("=", 2);
        defaults.put(nameAndDefault[0].strip(), nameAndDefault[1].strip());
      }
      if (instruction.keyword().equals("FROM")) {
        beforeFirstStage = false;
        String[] words = instruction.arguments().split("\\s+");
        String image = words[0];
        for (var entry : defaults.entrySet()) {
          image = image.replace("${" + entry.getKey() + "}", entry.getValue());
        }
        images.remove("final");
        images.put(words.length == 3 && words[1].equalsIgnoreCase("AS") ? words[2] : "final", image);
      }
    }
    return images;
  }

  List<Instruction> all(String keyword) {
    return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword)).toList();
  }

  /** The instructions of the last stage: what the image is made of. */
  List<Instruction> finalStage() {
    int last = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).keyword().equals("FROM")) {
        last = i;
      }
    }
    return instructions.subList(last, instructions.size());
  }

  /** The Java feature release of an eclipse-temurin image, such as 21 for eclipse-temurin:21.0.8_9-jre-noble. */
  static Optional<Integer> javaVersion(String image) {
    Matcher matcher = Pattern.compile("^eclipse-temurin:(\\d+)").matcher(image);
    return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
  }

  /** The heap's share of the memory limit the entrypoint gives the JVM, in percent. */
  double maxRamPercentage() {
    Instruction entrypoint = finalStage().stream().filter(i -> i.keyword().equals("ENTRYPOINT")).findFirst()
        .orElseThrow(() -> new AssertionError(PATH + " has no ENTRYPOINT in its final stage"));
    Matcher matcher = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)").matcher(entrypoint.arguments());
    if (!matcher.find()) {
      throw new AssertionError(PATH + ": the entrypoint sets no -XX:MaxRAMPercentage, so the heap ignores the memory limit's size");
    }
    return Double.parseDouble(matcher.group(1));
  }
}
