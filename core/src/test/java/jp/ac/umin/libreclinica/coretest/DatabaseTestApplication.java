package jp.ac.umin.libreclinica.coretest;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import jp.ac.umin.libreclinica.core.database.DatabaseConnectionCheck;
import jp.ac.umin.libreclinica.core.database.EmbeddedDatabaseConfiguration;

/**
 * The smallest application that has what core's database settings give: the embedded or
 * external data source, Flyway and JPA. Started for real by the startup tests of
 * {@code core.database}. It lives outside {@code jp.ac.umin.libreclinica.core} so that
 * applications scanning that package do not pick it up.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({EmbeddedDatabaseConfiguration.class, DatabaseConnectionCheck.class})
public class DatabaseTestApplication {

  /** Starts it with {@code --key=value} settings, never on the shared test database. */
  public static ConfigurableApplicationContext start(String... settings) {
    List<String> args = new ArrayList<>(List.of(settings));
    args.add("--lc.test.shared-db=false");
    args.add("--spring.jmx.enabled=false");
    return new SpringApplicationBuilder(DatabaseTestApplication.class)
        .web(WebApplicationType.NONE)
        .run(args.toArray(String[]::new));
  }
}
