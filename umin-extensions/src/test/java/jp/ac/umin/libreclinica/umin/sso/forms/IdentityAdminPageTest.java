package jp.ac.umin.libreclinica.umin.sso.forms;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;

import java.util.Map;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.identity.IdentityStatus;
import jp.ac.umin.libreclinica.ssotest.HttpSession;
import org.junit.Test;
import org.springframework.test.context.TestPropertySource;

/** The identities section of the administrators' account page, over real HTTP. */
@TestPropertySource(locations = "file:../docs/sso-examples/umin-hosted-local-id.properties")
public class IdentityAdminPageTest extends DeploymentFormTestBase {

  @Test
  public void anAdministratorPreRegistersUnlinksWithAReasonAndBadInputIsRefusedEscaped() throws Exception {
    TestAccount user = fixtures.user();
    HttpSession browser = new HttpSession(port);
    withPassword(browser, admin, "/login");
    String view = "/admin/users/" + user.id();
    String identitiesPath = view + "/identities";

    assertThat(browser.get(view).body(), containsString("Single sign-on identities"));

    browser.post(view, identitiesPath, Map.of("provider", "umin", "displayId", "<script>alert(1)</script>"));
    String refused = browser.get(view).body();
    assertThat(refused, containsString("may contain only letters"));
    assertThat(refused, not(containsString("<script>alert(1)</script>")));

    browser.post(view, identitiesPath, Map.of("provider", "umin", "displayId", "hanako-umin"
        + user.id()));
    String page = browser.get(view).body();
    assertThat(page, containsString("The ID was pre-registered"));
    assertThat(page, containsString("hanako-umin" + user.id()));
    assertThat(page, containsString("Pre-registered (not yet signed in)"));

    long identityId = identities.identitiesOf(admin.userName(), user.id()).get(0).getId();
    browser.post(view, identitiesPath + "/" + identityId + "/unlink", Map.of("reason", ""));
    assertThat(browser.get(view).body(), containsString("Enter the reason for unlinking"));
    browser.post(view, identitiesPath + "/" + identityId + "/unlink", Map.of("reason", "wrong person"));
    assertEquals(
        IdentityStatus.UNLINKED, identities.identitiesOf(admin.userName(), user.id()).get(0).getStatus());
    assertThat(browser.get(view).body(), containsString("wrong person"));

    browser.post(view, identitiesPath + "/methods", Map.of("ssoAllowed", "true"));
    assertEquals(false, identities.signInMethods(user.id()).isLocalAllowed());
  }

  @Test
  public void anOrdinaryUserCannotReachTheIdentityActions() throws Exception {
    TestAccount user = fixtures.user();
    HttpSession browser = new HttpSession(port);
    withPassword(browser, user, "/login");
    var r = browser.post("/", "/admin/users/" + user.id() + "/identities", Map.of("provider", "umin", "displayId", "x1"));
    assertEquals(403, r.statusCode());
    assertEquals(0, identities.identitiesOf(admin.userName(), user.id()).size());
  }
}
