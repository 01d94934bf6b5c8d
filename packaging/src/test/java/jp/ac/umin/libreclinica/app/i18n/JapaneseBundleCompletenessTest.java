package jp.ac.umin.libreclinica.app.i18n;

import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Keeps Japanese complete: every English key has a Japanese value, no Japanese value is just
 * the English text, placeholders agree, and Japanese has no key English lacks.
 */
public class JapaneseBundleCompletenessTest {

  /** Words that are the same in Japanese text: names, codes and CDISC terms (GLOSSARY-ja.md). */
  public static final Set<String> SAME_IN_JAPANESE =
      Set.of(
          "UMIN", "LibreClinica", "OpenClinica", "ODM", "CRF", "OID", "SDV", "CSV", "SPSS", "SAS",
          "XML", "PDF", "API", "ID", "URL", "JSON", "REST", "SOAP", "WSDL", "SSO", "SAML", "OIDC",
          "HTTP", "HTTPS", "UTF", "BOM", "Shift_JIS", "English", "E", "Mail", "e", "mail",
          "OpenAPI", "CDISC", "Authorization", "Bearer", "api", "PostgreSQL", "Tomcat", "JST", "UTC", "ISO", "GCP", "IdP", "SP",
          "Excel", "xls", "xlsx", "MB", "zip", "SHA", "Web", "Windows",
          // the glossary's Japanese name of the Clinical Research Coordinator keeps the acronym
          "CRC");

  private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z_]*");

  private static Map<String, Bundles.Entry> english;
  private static Map<String, Bundles.Entry> japanese;

  @BeforeClass
  public static void load() throws Exception {
    english = Bundles.load("");
    japanese = Bundles.load("ja");
  }

  @Test
  public void bundlesAreFound() {
    assertTrue("no English bundles found on the classpath", english.size() > 10);
    assertTrue("no Japanese bundles found on the classpath", japanese.size() > 10);
  }

  @Test
  public void everyEnglishKeyHasAJapaneseValue() {
    List<String> missing = new ArrayList<>();
    english.forEach(
        (key, entry) -> {
          Bundles.Entry ja = japanese.get(key);
          if (ja == null || ja.value().isBlank()) {
            missing.add(key + " (" + entry.file() + ")");
          }
        });
    assertTrue("keys without Japanese: " + missing, missing.isEmpty());
  }

  @Test
  public void noJapaneseKeyIsUnknownInEnglish() {
    List<String> stale = new ArrayList<>();
    japanese.forEach(
        (key, entry) -> {
          if (!english.containsKey(key)) {
            stale.add(key + " (" + entry.file() + ")");
          }
        });
    assertTrue("Japanese keys that English does not have: " + stale, stale.isEmpty());
  }

  @Test
  public void noJapaneseValueIsJustTheEnglishText() {
    List<String> untranslated = new ArrayList<>();
    english.forEach(
        (key, entry) -> {
          Bundles.Entry ja = japanese.get(key);
          if (ja != null && ja.value().equals(entry.value()) && !onlySameWords(ja.value())) {
            untranslated.add(key + "=" + ja.value());
          }
        });
    assertTrue("Japanese values that are the English text: " + untranslated, untranslated.isEmpty());
  }

  @Test
  public void placeholdersAgree() {
    List<String> differ = new ArrayList<>();
    english.forEach(
        (key, entry) -> {
          Bundles.Entry ja = japanese.get(key);
          if (ja != null
              && !Bundles.placeholders(entry.value()).equals(Bundles.placeholders(ja.value()))) {
            differ.add(key + ": " + entry.value() + " | " + ja.value());
          }
        });
    assertTrue("placeholders differ: " + differ, differ.isEmpty());
  }

  static boolean onlySameWords(String value) {
    Matcher m = WORD.matcher(value);
    while (m.find()) {
      if (!SAME_IN_JAPANESE.contains(m.group())) {
        return false;
      }
    }
    return true;
  }
}
