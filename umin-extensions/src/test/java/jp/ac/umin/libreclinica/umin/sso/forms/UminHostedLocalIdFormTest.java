package jp.ac.umin.libreclinica.umin.sso.forms;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;

import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.ssotest.HttpSession;
import org.junit.Test;
import org.springframework.test.context.TestPropertySource;

/** Form 2: UMIN's server with local IDs beside UMIN IDs, both on one sign-in page. */
@TestPropertySource(locations = "file:../docs/sso-examples/umin-hosted-local-id.properties")
public class UminHostedLocalIdFormTest extends DeploymentFormTestBase {

  @Test
  public void theSignInPageOffersBothWays() throws Exception {
    String page = new HttpSession(port).get("/login").body();
    assertThat(page, containsString("Sign in with UMIN ID"));
    assertThat(page, containsString("name=\"password\""));
  }

  @Test
  public void aLocalIdSignsInWithItsPasswordAndAUminIdThroughTheIdp() throws Exception {
    TestAccount staff = fixtures.user();
    HttpSession local = new HttpSession(port);
    withPassword(local, staff, "/login");
    signedInAs(local, staff);

    TestAccount researcher = fixtures.user();
    String id = withUminId(researcher);
    HttpSession sso = new HttpSession(port);
    throughShibboleth(sso, id);
    signedInAs(sso, researcher);
  }
}
