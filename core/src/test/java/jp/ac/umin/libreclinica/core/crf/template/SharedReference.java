package jp.ac.umin.libreclinica.core.crf.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared reference files (CRF templates and examples), found through {@code lc.shared.dir}. */
public final class SharedReference {

  private SharedReference() {}

  public static Path dir() {
    String dir = System.getProperty("lc.shared.dir", "../../shared");
    return Path.of(dir);
  }

  public static Path template(String fileName) {
    return dir().resolve("reference/crf-templates").resolve(fileName);
  }

  public static Path example(String fileName) {
    return dir().resolve("reference/crf-examples").resolve(fileName);
  }

  public static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "reference file not found: " + file.toAbsolutePath() + " (set -Dlc.shared.dir)", e);
    }
  }
}
