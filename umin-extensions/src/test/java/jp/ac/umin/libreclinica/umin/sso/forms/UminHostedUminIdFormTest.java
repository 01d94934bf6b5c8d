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

/** Form 1: UMIN's server, UMIN IDs only; a break-glass administrator keeps a password. */
@TestPropertySource(locations = "file:../docs/sso-examples/umin-hosted-umin-id.properties")
public class UminHostedUminIdFormTest extends DeploymentFormTestBase {

  @Test
  public void theSignInPageOffersOnlyTheUminIdButton() throws Exception {
    HttpSession browser = new HttpSession(port);
    String page = browser.get("/login").body();
    assertThat(page, containsString("Sign in with UMIN ID"));
    assertThat(page, not(containsString("name=\"password\"")));
  }

  @Test
  public void aUminIdSignsIn() throws Exception {
    TestAccount user = fixtures.user();
    String id = withUminId(user);
    HttpSession browser = new HttpSession(port);
    throughShibboleth(browser, id);
    signedInAs(browser, user);
  }

  @Test
  public void anOrdinaryAccountsPasswordIsRefusedButTheBreakGlassAdministratorsIsNot() throws Exception {
    TestAccount user = fixtures.user();
    HttpSession browser = new HttpSession(port);
    assertThat(location(withPassword(browser, user, "/login?local")), endsWith("/login?error"));
    notSignedIn(browser);

    TestAccount root = breakGlassAdmin();
    HttpSession door = new HttpSession(port);
    assertThat(door.get("/login?local").body(), containsString("name=\"password\""));
    assertThat(location(withPassword(door, root, "/login?local")), not(containsString("error")));
    signedInAs(door, root);
  }
}
