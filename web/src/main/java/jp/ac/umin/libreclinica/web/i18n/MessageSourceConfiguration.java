package jp.ac.umin.libreclinica.web.i18n;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.TreeSet;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Messages are split by area into {@code i18n/<area>.properties} (English, in {@code web} and
 * in other modules) with translations beside them ({@code i18n/<area>_ja.properties} in
 * {@code i18n-ja}). Every bundle found on the classpath is used, so a module adds its
 * messages by shipping files, and dropping the Japanese jar leaves a complete English UI.
 */
@Configuration(proxyBeanMethods = false)
public class MessageSourceConfiguration {

  /** Where message bundles live on the classpath. */
  public static final String BUNDLE_PATTERN = "classpath*:i18n/*.properties";

  @Bean
  public MessageSource messageSource() throws IOException {
    ResourceBundleMessageSource source = new ResourceBundleMessageSource();
    source.setBasenames(findBasenames());
    source.setDefaultEncoding("UTF-8");
    // English is the base bundle, never the server's own locale.
    source.setFallbackToSystemLocale(false);
    source.setUseCodeAsDefaultMessage(false);
    return source;
  }

  /** The base names (without locale suffix) of all bundles on the classpath, sorted. */
  public static String[] findBasenames() throws IOException {
    Resource[] resources = new PathMatchingResourcePatternResolver().getResources(BUNDLE_PATTERN);
    TreeSet<String> names = new TreeSet<>();
    Arrays.stream(resources)
        .map(Resource::getFilename)
        .filter(Objects::nonNull)
        .map(n -> n.substring(0, n.length() - ".properties".length()))
        .filter(n -> !n.contains("_"))
        .forEach(n -> names.add("i18n/" + n));
    return names.toArray(String[]::new);
  }
}
