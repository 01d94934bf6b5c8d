package jp.ac.umin.libreclinica.umin.sso.forms;

import static jp.ac.umin.libreclinica.ssotest.HttpSession.location;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.ssotest.HttpSession;
import org.junit.Test;
import org.springframework.test.context.TestPropertySource;

/** Form 3: a contractor's server, UMIN IDs through its own Shibboleth SP registered with UMIN's IdP. */
@TestPropertySource(locations = "file:../docs/sso-examples/contractor-umin-id.properties")
public class ContractorUminIdFormTest extends DeploymentFormTestBase {

  @Test
  public void aUminIdSignsInAndAnUnknownOneIsToldWhomToAsk() throws Exception {
    TestAccount user = fixtures.user();
    String id = withUminId(user);
    HttpSession browser = new HttpSession(port);
    throughShibboleth(browser, id);
    signedInAs(browser, user);

    HttpSession stranger = new HttpSession(port);
    String to = location(throughShibboleth(stranger, "nobody-" + id));
    assertThat(to, endsWith("/login?problem=unknown-identity"));
    assertThat(stranger.get("/login?problem=unknown-identity").body(), containsString("dc@contractor.example"));
    notSignedIn(stranger);
  }

  @Test
  public void theLocalFormIsHidden() throws Exception {
    assertThat(new HttpSession(port).get("/login").body(), not(containsString("name=\"password\"")));
  }
}
