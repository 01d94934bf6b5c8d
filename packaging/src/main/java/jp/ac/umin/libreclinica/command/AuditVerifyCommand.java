package jp.ac.umin.libreclinica.command;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import jp.ac.umin.libreclinica.core.audit.AuditChainVerifier;
import jp.ac.umin.libreclinica.core.audit.AuditVerification;
import jp.ac.umin.libreclinica.core.database.EmbeddedDatabaseConfiguration;
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
import org.springframework.context.annotation.Import;

/**
 * {@code java -jar umin-libreclinica.war audit-verify}: verifies the audit chain and exits with
 * 0 (intact), 1 (broken; the first broken record is printed) or 2 (could not verify). Starts only
 * the database and the audit trail, no web server, and changes nothing: no schema migration, no
 * record of its own. It lives outside the application's scanned packages on purpose.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration(
    exclude = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
@ComponentScan(basePackageClasses = {AuditChainVerifier.class, EmbeddedDatabaseConfiguration.class})
@Import(MessageSourceConfiguration.class)
public class AuditVerifyCommand {

  /** The command-line argument that selects this command. */
  public static final String NAME = "audit-verify";

  public static final int INTACT = 0;
  public static final int BROKEN = 1;
  public static final int FAILED = 2;

  private static final String UNDEFINED_TABLE = "42P01";

  /** Whether the first argument that is not an option ({@code --x=y}) names this command. */
  public static boolean isRequested(String[] args) {
    return Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst()
        .filter(NAME::equals).isPresent();
  }

  /** Runs the command with the system's language and streams; returns the exit code. */
  public static int run(String[] args) {
    return run(args, System.out, System.err, Locale.getDefault());
  }

  /** Runs the command; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err, Locale locale) {
    String[] forced =
        Stream.concat(
                Arrays.stream(args),
                Stream.of("--spring.flyway.enabled=false", "--spring.main.web-application-type=none"))
            .toArray(String[]::new);
    MessageSource messages = null;
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(AuditVerifyCommand.class)
            .web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            // the command prints its own outcome; --logging.level.root=INFO shows the rest
            .properties("logging.level.root=OFF", "spring.jpa.open-in-view=false")
            .run(forced)) {
      messages = context.getBean(MessageSource.class);
      AuditVerification result = context.getBean(AuditChainVerifier.class).verify();
      String text = messages.getMessage(result.messageKey(), result.messageArgs(), locale);
      if (result.intact()) {
        out.println(text);
        return INTACT;
      }
      err.println(text);
      return BROKEN;
    } catch (RuntimeException e) {
      if (messages != null && isMissingTable(e)) {
        err.println(messages.getMessage("audit.verify.noTable", null, locale));
        return FAILED;
      }
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
      err.println(
          messages == null
              ? "Could not verify the audit trail: " + reason
              : messages.getMessage("audit.verify.failed", new Object[] {reason}, locale));
      return FAILED;
    }
  }

  private static boolean isMissingTable(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql && UNDEFINED_TABLE.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
