package org.interestsoffice.system;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the reactor's modules and their build output are. */
final class Modules {

  static final String VERSION = System.getProperty("iop.version", "0.1.0-SNAPSHOT");
  private static final Path ROOT = Path.of(System.getProperty("iop.modules", "..")).toAbsolutePath().normalize();

  private Modules() {}

  static Path classes(String module) {
    return existing(ROOT.resolve(module).resolve("target/classes"), "compiled classes");
  }

  static Path jar(String module) {
    return existing(ROOT.resolve(module).resolve("target/" + module + "-" + VERSION + ".jar"), "packaged jar");
  }

  private static Path existing(Path path, String what) {
    if (!Files.exists(path)) {
      throw new IllegalStateException(
          "No " + what + " at " + path + ": build the whole reactor (./mvnw verify), not this module alone");
    }
    return path;
  }
}
