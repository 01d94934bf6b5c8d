package jp.ac.umin.libreclinica.core.database;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.Map;
import org.junit.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

public class DatabaseSettingsPostProcessorTest {

  private static StandardEnvironment process(Map<String, Object> given) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("given", given));
    new DatabaseSettingsPostProcessor().postProcessEnvironment(env, null);
    return env;
  }

  @Test
  public void nothingConfiguredMeansEmbedded() {
    StandardEnvironment env = process(Map.of());
    assertEquals("embedded", env.getProperty("lc.db.mode"));
    assertNull(env.getProperty("spring.datasource.url"));
  }

  @Test
  public void shortNamesBecomeTheStandardSettings() {
    StandardEnvironment env =
        process(
            Map.of(
                "LC_DB_URL", "jdbc:postgresql://db:5432/lc",
                "LC_DB_USER", "lc",
                "LC_DB_PASSWORD", "pw"));
    assertEquals("external", env.getProperty("lc.db.mode"));
    assertEquals("jdbc:postgresql://db:5432/lc", env.getProperty("spring.datasource.url"));
    assertEquals("lc", env.getProperty("spring.datasource.username"));
    assertEquals("pw", env.getProperty("spring.datasource.password"));
    assertEquals("org.postgresql.Driver", env.getProperty("spring.datasource.driver-class-name"));
  }

  @Test
  public void standardSettingsWinOverShortNames() {
    StandardEnvironment env =
        process(
            Map.of(
                "LC_DB_URL", "jdbc:postgresql://short/lc",
                "spring.datasource.url", "jdbc:postgresql://standard/lc"));
    assertEquals("external", env.getProperty("lc.db.mode"));
    assertEquals("jdbc:postgresql://standard/lc", env.getProperty("spring.datasource.url"));
  }

  @Test
  public void jndiDataSourceIsExternal() {
    StandardEnvironment env = process(Map.of("spring.datasource.jndi-name", "java:comp/env/jdbc/lc"));
    assertEquals("external", env.getProperty("lc.db.mode"));
    assertNull(env.getProperty("spring.datasource.driver-class-name"));
  }

  @Test
  public void explicitModeIsKept() {
    StandardEnvironment env =
        process(Map.of("lc.db.mode", "embedded", "spring.datasource.url", "jdbc:postgresql://x/y"));
    assertEquals("embedded", env.getProperty("lc.db.mode"));
  }
}
