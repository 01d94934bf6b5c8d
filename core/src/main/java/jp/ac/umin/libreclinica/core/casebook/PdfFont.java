package jp.ac.umin.libreclinica.core.casebook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Finds the font that PDFs embed for Japanese text. No Japanese TrueType font comes through Maven
 * Central, so it is found at run time: the path set in {@code lc.pdf.font} (environment {@code
 * LC_PDF_FONT}) if set, else the usual places of Debian's {@code fonts-ipaexfont-gothic} (IPAex
 * Gothic, IPA Font License) and {@code fonts-noto-cjk} packages. Without one a PDF request fails
 * with a message naming the setting, instead of printing empty boxes.
 */
@Component
public class PdfFont {

  /** Where Debian's fonts-ipaexfont-gothic and fonts-noto-cjk put their fonts. */
  static final List<String> SYSTEM_LOCATIONS =
      List.of(
          "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
          "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
          "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");

  private final String configured;

  public PdfFont(@Value("${lc.pdf.font:}") String configured) {
    this.configured = configured == null ? "" : configured.strip();
  }

  /**
   * The font file to embed, as OpenPDF names it (a TrueType collection with {@code ,0}).
   *
   * @throws CasebookPdfException when the configured file, or else every usual one, is missing
   */
  public String location() {
    if (!configured.isEmpty()) {
      if (!Files.isReadable(Path.of(configured))) {
        throw new CasebookPdfException("casebook.pdf.fontMissing", configured);
      }
      return named(configured);
    }
    Optional<String> found = SYSTEM_LOCATIONS.stream().filter(p -> Files.isReadable(Path.of(p))).findFirst();
    return named(found.orElseThrow(
        () -> new CasebookPdfException("casebook.pdf.fontMissing", SYSTEM_LOCATIONS.get(0))));
  }

  private static String named(String path) {
    return path.toLowerCase(java.util.Locale.ROOT).endsWith(".ttc") ? path + ",0" : path;
  }
}
