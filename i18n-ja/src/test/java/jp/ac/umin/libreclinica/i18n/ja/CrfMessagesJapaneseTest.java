package jp.ac.umin.libreclinica.i18n.ja;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import jp.ac.umin.libreclinica.core.crf.template.CrfProblemMessages;
import jp.ac.umin.libreclinica.core.crf.template.TemplateProblem;
import org.junit.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** CRF upload problems read in Japanese as the glossary's example does. */
public class CrfMessagesJapaneseTest {

  private static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource source = new ResourceBundleMessageSource();
    source.setBasenames("i18n/crf");
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    return source;
  }

  @Test
  public void unknownDataTypeReadsAsTheGlossarySays() {
    TemplateProblem p = new TemplateProblem(TemplateProblem.Severity.ERROR, "Items", 12, "DATA_TYPE",
        "INTEGER", "crf.item.dataType.unknown", List.of());
    assertEquals(
        "Itemsシート 12行目 DATA_TYPE列: \"INTEGER\" は使用できません。ST, INT, REAL, DATE, PDATE, FILE のいずれかを指定してください。",
        CrfProblemMessages.format(p, messages(), Locale.JAPANESE));
  }

  @Test
  public void everyCrfKeyHasJapaneseText() throws IOException {
    Properties english = new Properties();
    try (Reader in = new InputStreamReader(
        getClass().getResourceAsStream("/i18n/crf.properties"), StandardCharsets.UTF_8)) {
      english.load(in);
    }
    assertTrue(english.size() > 50);
    ResourceBundleMessageSource source = messages();
    Object[] args = {"v", "a", "b", "c"};
    for (String key : english.stringPropertyNames()) {
      String en = source.getMessage(key, args, Locale.ENGLISH);
      String ja = source.getMessage(key, args, Locale.JAPANESE);
      assertNotEquals("not translated: " + key, en, ja);
      assertTrue("no Japanese script in " + key + ": " + ja, ja.codePoints().anyMatch(c ->
          Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA
              || Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA
              || Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
    }
  }
}
