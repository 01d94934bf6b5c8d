package jp.ac.umin.libreclinica.umin.sso.forms;

import static jp.ac.umin.libreclinica.ssotest.HttpSession.location;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertTrue;

import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.ssotest.HttpSession;
import jp.ac.umin.libreclinica.umin.sso.UminSignOnExtension;
import org.junit.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/** Form 4: a contractor's server with its own IDs only: single sign-on is off entirely. */
@TestPropertySource(locations = "file:../docs/sso-examples/contractor-local-id.properties")
public class ContractorLocalIdFormTest extends DeploymentFormTestBase {

  @Autowired private ApplicationContext context;

  @Test
  public void nothingOfSingleSignOnIsThereAndLocalIdsSignIn() throws Exception {
    assertTrue(context.getBeansOfType(UminSignOnExtension.class).isEmpty());
    HttpSession browser = new HttpSession(port);
    String page = browser.get("/login").body();
    assertThat(page, not(containsString("UMIN ID")));
    assertThat(page, containsString("name=\"password\""));

    // Headers reach nothing: the path is not even public.
    assertThat(location(throughShibboleth(browser, "u-anyone")), endsWith("/login"));
    notSignedIn(browser);

    TestAccount user = fixtures.user();
    withPassword(browser, user, "/login");
    signedInAs(browser, user);
  }
}
