package jp.ac.umin.libreclinica.core.account;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.ac.umin.libreclinica.core.testsupport.TestDatabase;
import jp.ac.umin.libreclinica.testsupport.account.CoreAccountTestApplication;
import jp.ac.umin.libreclinica.testsupport.account.NoAuditConfiguration;
import org.junit.Rule;
import org.junit.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.OutputCaptureRule;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/** First start on an empty database (each test gets a database of its own). */
public class InitialAdministratorTest {

  private static final Pattern PRINTED = Pattern.compile("Password  : (\\S+)");

  @Rule public OutputCaptureRule output = new OutputCaptureRule();

  private static String freshDatabase() throws SQLException {
    String base = TestDatabase.jdbcUrl();
    String name = "lc_first_start_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(base, "postgres", "postgres")) {
      c.createStatement().execute("CREATE DATABASE " + name);
    }
    return base.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
  }

  private static ConfigurableApplicationContext start(String url, String... extra) {
    String[] props = new String[extra.length + 4];
    props[0] = "spring.datasource.url=" + url;
    props[1] = "spring.datasource.username=postgres";
    props[2] = "spring.datasource.password=postgres";
    props[3] = "spring.jpa.hibernate.ddl-auto=validate";
    System.arraycopy(extra, 0, props, 4, extra.length);
    return new SpringApplicationBuilder(CoreAccountTestApplication.class, NoAuditConfiguration.class)
        .web(WebApplicationType.NONE)
        .properties(props)
        .run();
  }

  private static UserAccount admin(ConfigurableApplicationContext ctx) {
    return ctx.getBean(UserAccountRepository.class).findByUserName("admin").orElseThrow();
  }

  @Test
  public void usesTheConfiguredPasswordAndForcesAChange() throws Exception {
    String url = freshDatabase();
    try (ConfigurableApplicationContext ctx = start(url, "LC_ADMIN_PASSWORD=Chosen-By-Operator-1")) {
      UserAccount admin = admin(ctx);
      assertEquals(UserType.TECH_ADMIN, admin.getUserType());
      assertTrue(admin.isMustChangePassword());
      assertTrue(ctx.getBean(PasswordEncoder.class).matches("Chosen-By-Operator-1", admin.getPasswordHash()));
      assertEquals(
          SignInState.PASSWORD_CHANGE_REQUIRED, ctx.getBean(AccountService.class).signInState("admin"));
    }
    assertFalse(output.getOut().contains("Chosen-By-Operator-1"));
    assertFalse(output.getOut().contains("INITIAL ADMINISTRATOR CREATED"));
  }

  @Test
  public void propertyNameWorksAsWellAsTheEnvironmentVariable() throws Exception {
    String url = freshDatabase();
    try (ConfigurableApplicationContext ctx = start(url, "lc.admin.initial-password=Via-Property-22")) {
      assertTrue(ctx.getBean(PasswordEncoder.class).matches("Via-Property-22", admin(ctx).getPasswordHash()));
    }
  }

  @Test
  public void generatesAStrongPasswordPrintedOnceAndForcesAChange() throws Exception {
    String url = freshDatabase();
    String printed;
    try (ConfigurableApplicationContext ctx = start(url)) {
      Matcher m = PRINTED.matcher(output.getOut());
      assertTrue("the password block is in the log", m.find());
      printed = m.group(1);
      UserAccount admin = admin(ctx);
      assertTrue(admin.isMustChangePassword());
      assertTrue(ctx.getBean(PasswordEncoder.class).matches(printed, admin.getPasswordHash()));
      assertEquals(java.util.List.of(), new PasswordPolicy().check("admin", printed, "pw"));
      assertTrue(printed.length() >= 20);
    }
    // A second start finds the account and neither creates nor prints anything.
    int before = countOccurrences(output.getOut(), "INITIAL ADMINISTRATOR CREATED");
    try (ConfigurableApplicationContext ctx = start(url)) {
      assertEquals(1, ctx.getBean(UserAccountRepository.class).count());
      assertTrue(ctx.getBean(PasswordEncoder.class).matches(printed, admin(ctx).getPasswordHash()));
    }
    assertEquals(before, countOccurrences(output.getOut(), "INITIAL ADMINISTRATOR CREATED"));
    assertEquals(1, countOccurrences(output.getOut(), printed));
  }

  private static int countOccurrences(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
