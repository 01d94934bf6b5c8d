package jp.ac.umin.libreclinica.app.i18n;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Reads every message bundle on the classpath, by language, the way the message source does. */
final class Bundles {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

  private Bundles() {}

  /** key → value for one language ("" for the English base bundles), with the key's file noted. */
  static Map<String, Entry> load(String language) throws IOException {
    String suffix = language.isEmpty() ? "" : "_" + language;
    Map<String, Entry> all = new TreeMap<>();
    for (Resource r :
        new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties")) {
      String name = r.getFilename();
      String base = name.substring(0, name.length() - ".properties".length());
      boolean isBase = !base.contains("_");
      boolean matches = language.isEmpty() ? isBase : base.endsWith(suffix);
      if (!matches) {
        continue;
      }
      Properties p = new Properties();
      try (Reader in = new InputStreamReader(r.getInputStream(), StandardCharsets.UTF_8)) {
        p.load(in);
      }
      for (String key : p.stringPropertyNames()) {
        Entry previous = all.put(key, new Entry(p.getProperty(key), name));
        if (previous != null && !previous.file().equals(name)) {
          throw new IllegalStateException(
              "key " + key + " is defined in both " + previous.file() + " and " + name);
        }
      }
    }
    return all;
  }

  static Set<String> placeholders(String value) {
    Set<String> found = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(value);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  record Entry(String value, String file) {}
}
