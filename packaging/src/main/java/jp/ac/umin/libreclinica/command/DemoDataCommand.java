package jp.ac.umin.libreclinica.command;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.demo.DemoDataException;
import jp.ac.umin.libreclinica.core.demo.DemoDataGenerator;
import jp.ac.umin.libreclinica.core.demo.DemoDataRequest;
import jp.ac.umin.libreclinica.core.demo.DemoDataSummary;
import jp.ac.umin.libreclinica.core.shared.MessageKeyException;
import jp.ac.umin.libreclinica.web.i18n.MessageSourceConfiguration;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * {@code java -jar umin-libreclinica.war demo-data --subjects N --events E --crfs C}: generates a
 * demo study with data into the configured database (see {@link DemoDataGenerator}), printing
 * progress and a summary. Starts {@code core} without the web server (the schema is migrated as
 * at a normal start); exits with 0 (generated), 1 (refused: bad arguments, the study exists) or
 * 2 (failed).
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration(
    exclude = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
@ComponentScan(
    basePackages = "jp.ac.umin.libreclinica.core",
    excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = DemoDataCommand.NoTestComponents.class))
@Import(MessageSourceConfiguration.class)
public class DemoDataCommand {

  /** The command-line argument that selects this command. */
  public static final String NAME = "demo-data";

  public static final int GENERATED = 0;
  public static final int REFUSED = 1;
  public static final int FAILED = 2;

  /** Whether the first argument that is not an option names this command. */
  public static boolean isRequested(String[] args) {
    return Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().filter(NAME::equals).isPresent();
  }

  /** Runs the command with the system's streams, in English (the usage and messages of operators). */
  public static int run(String[] args) {
    return run(args, System.out, System.err, Locale.ENGLISH);
  }

  /** Runs the command; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err, Locale locale) {
    MessageSource messages = bundles();
    Parsed parsed;
    try {
      parsed = parse(args);
    } catch (DemoDataException e) {
      err.println(messages.getMessage(e.messageKey(), e.arguments(), locale));
      err.println(messages.getMessage("demo.usage", null, locale));
      return REFUSED;
    }
    if (parsed.help) {
      out.println(messages.getMessage("demo.usage", null, locale));
      return GENERATED;
    }
    String[] forced =
        Stream.concat(parsed.springArgs.stream(), Stream.of("--spring.main.web-application-type=none"))
            .toArray(String[]::new);
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(DemoDataCommand.class)
            .web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            // the command prints its own progress; the initial administrator's one-time password
            // (on an empty database) is still logged
            .properties(
                "logging.level.root=WARN",
                "logging.level.org.hibernate=ERROR",
                "spring.jpa.open-in-view=false",
                "spring.quartz.auto-startup=false")
            .run(forced)) {
      DemoDataGenerator generator = context.getBean(DemoDataGenerator.class);
      DemoDataRequest request = parsed.request;
      generator.check(request);
      out.println(messages.getMessage(request.fast() ? "demo.mode.fast" : "demo.mode.services", null, locale));
      DemoDataSummary s = generator.generate(request, (done, total, millis) ->
          out.println(messages.getMessage("demo.progress", new Object[] {done, total, seconds(millis)}, locale)));
      out.println(messages.getMessage("demo.summary", new Object[] {
          request.studyName(), s.studyOid(), seconds(s.millis()), s.sites(), s.eventDefinitions(), s.crfs(),
          s.subjects(), s.events(), s.eventCrfs(), s.itemValues(), s.files()}, locale));
      return GENERATED;
    } catch (DemoDataException e) {
      err.println(messages.getMessage(e.messageKey(), e.arguments(), locale));
      return REFUSED;
    } catch (MessageKeyException e) {
      err.println(messages.getMessage("demo.failed",
          new Object[] {messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(), locale)}, locale));
      return FAILED;
    } catch (PermissionDeniedException e) {
      err.println(messages.getMessage("demo.failed",
          new Object[] {messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale)}, locale));
      return FAILED;
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
      err.println(messages.getMessage("demo.failed", new Object[] {reason}, locale));
      return FAILED;
    }
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
  }

  /** The messages without starting the application (for usage and argument errors). */
  private static MessageSource bundles() {
    try {
      ResourceBundleMessageSource source = new ResourceBundleMessageSource();
      source.setBasenames(MessageSourceConfiguration.findBasenames());
      source.setDefaultEncoding("UTF-8");
      source.setFallbackToSystemLocale(false);
      return source;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private record Parsed(DemoDataRequest request, List<String> springArgs, boolean help) {}

  /** The command's own options; {@code --name=value} options are passed on to Spring. */
  static Parsed parse(String[] args) {
    Integer subjects = null;
    Integer events = null;
    Integer crfs = null;
    int sites = 3;
    String studyName = "DEMO";
    String actor = "admin";
    boolean fast = false;
    boolean help = false;
    boolean named = false;
    List<String> spring = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case NAME -> {
          if (named) {
            throw new DemoDataException("demo.argument.unknown", a);
          }
          named = true;
        }
        case "--subjects" -> subjects = number(a, value(args, ++i, a));
        case "--events" -> events = number(a, value(args, ++i, a));
        case "--crfs" -> crfs = number(a, value(args, ++i, a));
        case "--sites" -> sites = number(a, value(args, ++i, a));
        case "--study-name" -> studyName = value(args, ++i, a);
        case "--as" -> actor = value(args, ++i, a);
        case "--fast" -> fast = true;
        case "--help", "-h" -> help = true;
        default -> {
          if (a.startsWith("--") && a.contains("=")) {
            spring.add(a);
          } else {
            throw new DemoDataException("demo.argument.unknown", a);
          }
        }
      }
    }
    if (!help) {
      if (subjects == null) {
        throw new DemoDataException("demo.argument.required", "--subjects");
      }
      if (events == null) {
        throw new DemoDataException("demo.argument.required", "--events");
      }
      if (crfs == null) {
        throw new DemoDataException("demo.argument.required", "--crfs");
      }
    }
    DemoDataRequest request = help ? null
        : new DemoDataRequest(studyName, subjects, events, crfs, sites, fast, actor);
    return new Parsed(request, spring, help);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new DemoDataException("demo.argument.missing", option);
    }
    return args[i];
  }

  private static int number(String option, String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new DemoDataException("demo.argument.notNumber", option, value);
    }
  }

  /**
   * Leaves out test configurations ({@code @TestConfiguration}, {@code @TestComponent}): none are
   * on the WAR's class path, but the tests run this command with {@code core}'s test classes on
   * theirs, where Spring Boot's own test filter does not reach a context started by the command.
   */
  public static final class NoTestComponents implements TypeFilter {
    private static final String TEST_COMPONENT = "org.springframework.boot.test.context.TestComponent";

    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
      var annotations = reader.getAnnotationMetadata();
      return annotations.hasAnnotation(TEST_COMPONENT) || annotations.hasMetaAnnotation(TEST_COMPONENT);
    }
  }
}
