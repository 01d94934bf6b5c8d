package jp.ac.umin.libreclinica.umin.sso;

import static jp.ac.umin.libreclinica.ssotest.HttpSession.location;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.Map;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.identity.ExternalIdentityRepository;
import jp.ac.umin.libreclinica.core.identity.IdentityService;
import jp.ac.umin.libreclinica.ssotest.HttpSession;
import jp.ac.umin.libreclinica.ssotest.SsoTestApplication;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * The same headers from an address that is not a configured proxy (here the proxy is
 * 192.0.2.10 and the test connects from 127.0.0.1, also with an X-Forwarded-For claiming the
 * proxy): ignored, audited with the address, no session.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = SsoTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "lc.sso.mode=sso",
      "lc.sso.trusted-header.enabled=true",
      "lc.sso.trusted-header.trusted-proxies=192.0.2.10"
    })
public class SpoofedHeaderTest {

  @LocalServerPort private int port;
  @Autowired private IdentityService identities;
  @Autowired private ExternalIdentityRepository identityRepository;
  @Autowired private UserAccountRepository accounts;
  @Autowired private PasswordHistoryRepository history;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;

  @Test
  public void headersFromAnAddressThatIsNoProxyAreIgnoredAndAudited() throws Exception {
    AccountFixtures fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    TestAccount admin = fixtures.businessAdmin();
    TestAccount victim = fixtures.user();
    String id = TrustedHeaderSignInTest.uminId();
    identities.preRegister(admin.userName(), victim.id(), "umin", id);

    HttpSession attacker = new HttpSession(port);
    var r =
        attacker.get(
            "/sso/header",
            "persistent-id", TrustedHeaderSignInTest.subject(),
            "uid", id,
            "X-Forwarded-For", "192.0.2.10");
    assertThat(location(r), endsWith("/login?problem=untrusted-proxy"));
    assertThat(attacker.get("/login?problem=untrusted-proxy").body(), containsString("did not come through"));
    assertThat(location(attacker.get("/")), endsWith("/login"));
    // Nothing bound: the pre-registration still waits for its holder.
    assertNull(identityRepository.findByAccountIdOrderByIdAsc(victim.id()).get(0).getSubject());
    Map<String, Object> audit =
        jdbc.queryForMap(
            "select * from audit_log where action = 'login.failure' and actor = ? order by id desc limit 1", id);
    assertEquals("sso:umin:untrusted-proxy", audit.get("reason"));
    assertEquals("127.0.0.1", audit.get("client_address"));
  }
}
