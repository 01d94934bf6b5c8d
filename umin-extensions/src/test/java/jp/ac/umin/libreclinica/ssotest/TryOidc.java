package jp.ac.umin.libreclinica.ssotest;

import static org.junit.Assume.assumeTrue;

import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Try OpenID Connect sign-in on this machine: mock-oauth2-server (test scope, so never in the
 * WAR) as the provider with its interactive login page, and the application as the relying party.
 * Not a test; runs only with {@code -Dlc.try-it=oidc} (see docs/sso.md, "Trying it without
 * UMIN"), until stopped with Ctrl-C.
 */
public class TryOidc {

  @Test
  public void runsTheApplicationWithATestProviderUntilStopped() throws Exception {
    assumeTrue("oidc".equals(System.getProperty("lc.try-it")));
    int port = Integer.getInteger("lc.try-it.port", 8080);
    int idpPort = Integer.getInteger("lc.try-it.idp-port", 8081);
    String password = System.getProperty("lc.try-it.admin-password", "Try-It-0ut!");
    MockOAuth2Server provider = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\":true}"));
    provider.start(idpPort);
    String base = "http://localhost:" + port;
    new SpringApplicationBuilder(SsoTestApplication.class)
        .properties(
            Map.of(
                "server.port", String.valueOf(port),
                "lc.sso.mode", "both",
                "lc.sso.oidc.enabled", "true",
                "lc.sso.oidc.provider", "try-oidc",
                "lc.sso.oidc.issuer-uri", provider.issuerUrl("default").toString(),
                "lc.sso.oidc.client-id", "edc",
                "lc.sso.oidc.client-secret", "try-it",
                // the provider's login page takes a user name: it becomes sub and the ID to register
                "lc.sso.oidc.display-id-claim", "sub",
                "lc.sso.oidc.post-logout-redirect-uri", base + "/login",
                "lc.admin.initial-password", password))
        .run();
    System.out.println("\n\nTry it: open " + base + "/login (admin / " + password + ", then pre-register an ID,"
        + " e.g. taro-test, on a user's page, sign out, and sign in with the OpenID Connect button; the"
        + " provider at " + provider.issuerUrl("default") + " asks for a user name: type taro-test). Ctrl-C to stop.\n");
    Thread.currentThread().join();
  }
}
