package jp.ac.umin.libreclinica.core.crf.template;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Every message key the CRF code uses has English text, and problems read as sentences. */
public class CrfMessagesTest {

  static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource source = new ResourceBundleMessageSource();
    source.setBasenames("i18n/crf");
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    return source;
  }

  @Test
  public void everyKeyInTheCodeHasEnglishText() throws IOException {
    Set<String> keys = new TreeSet<>();
    Pattern literal = Pattern.compile("\"(crf\\.[a-zA-Z.]+[a-zA-Z])\"");
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/jp/ac/umin/libreclinica/core/crf"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String source = Files.readString(f);
        Matcher m = literal.matcher(source);
        while (m.find()) {
          // Audit action names (AuditEvent.of("crf.create", ...)) are not message keys.
          if (!source.substring(Math.max(0, m.start() - 14), m.start()).contains("AuditEvent.of(")
              && !m.group(1).endsWith(".xls")) {
            keys.add(m.group(1));
          }
        }
      }
    }
    assertTrue("no keys found: the scan matched nothing", keys.size() > 50);
    ResourceBundleMessageSource source = messages();
    for (String key : keys) {
      String text = source.getMessage(key, new Object[] {"v", "a", "b", "c"}, null, Locale.ENGLISH);
      assertTrue("no English text for " + key, text != null && !text.isBlank());
    }
  }

  @Test
  public void aProblemReadsWithItsPlace() {
    TemplateProblem p = new TemplateProblem(TemplateProblem.Severity.ERROR, "Items", 12, "DATA_TYPE",
        "INTEGER", "crf.item.dataType.unknown", List.of());
    assertEquals(
        "Items sheet, row 12, column DATA_TYPE: \"INTEGER\" cannot be used. Use one of ST, INT, REAL, DATE, PDATE, FILE.",
        CrfProblemMessages.format(p, messages(), Locale.ENGLISH));
    TemplateProblem file = new TemplateProblem(TemplateProblem.Severity.ERROR, null, null, null, null,
        "crf.file.tooLarge", List.of("10 MB"));
    assertEquals("File: The file is larger than 10 MB. Upload a smaller spreadsheet.",
        CrfProblemMessages.format(file, messages(), Locale.ENGLISH));
    TemplateProblem row = new TemplateProblem(TemplateProblem.Severity.ERROR, "Items", 1234, "ITEM_NAME",
        "AGE", "crf.item.name.duplicate", List.of("1200"));
    assertEquals("Items sheet, row 1234, column ITEM_NAME: The item name \"AGE\" is already used in row 1200."
        + " Item names must be unique within a CRF.", CrfProblemMessages.format(row, messages(), Locale.ENGLISH));
  }
}
