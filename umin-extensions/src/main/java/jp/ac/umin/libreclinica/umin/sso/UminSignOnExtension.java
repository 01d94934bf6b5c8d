package jp.ac.umin.libreclinica.umin.sso;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.ac.umin.libreclinica.core.identity.IdentityService;
import jp.ac.umin.libreclinica.umin.sso.oidc.OidcSignOn;
import jp.ac.umin.libreclinica.umin.sso.saml.SamlFilter;
import jp.ac.umin.libreclinica.web.security.AccountPrincipal;
import jp.ac.umin.libreclinica.web.security.LoginProblem;
import jp.ac.umin.libreclinica.web.security.SignOnButton;
import jp.ac.umin.libreclinica.web.security.SignOnExtension;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * Single sign-on as the web module sees it: the sign-in buttons, whether the local form shows
 * and who may use it (by {@code lc.sso.mode}, the break-glass administrators and each account's
 * allowed methods), the SSO endpoints, and the messages for what went wrong.
 */
public class UminSignOnExtension implements SignOnExtension {

  /** Problem codes (in {@code /login?problem=}) and their message keys. */
  static final Map<String, String> PROBLEMS =
      Map.ofEntries(
          Map.entry("unknown-identity", "sso.problem.unknownIdentity"),
          Map.entry("account-blocked", "sso.problem.accountBlocked"),
          Map.entry("sso-not-allowed", "sso.problem.ssoNotAllowed"),
          Map.entry("missing-subject", "sso.problem.missingAttributes"),
          Map.entry("missing-attributes", "sso.problem.missingAttributes"),
          Map.entry("jit-missing-attributes", "sso.problem.jitMissingAttributes"),
          Map.entry("jit-invalid-attributes", "sso.problem.jitMissingAttributes"),
          Map.entry("not-decrypted", "sso.problem.notDecrypted"),
          Map.entry("untrusted-proxy", "sso.problem.untrustedProxy"),
          Map.entry("invalid-response", "sso.problem.invalidResponse"),
          Map.entry("unsigned", "sso.problem.invalidResponse"),
          Map.entry("bad-signature", "sso.problem.invalidResponse"),
          Map.entry("wrong-audience", "sso.problem.invalidResponse"),
          Map.entry("wrong-recipient", "sso.problem.invalidResponse"),
          Map.entry("expired", "sso.problem.expired"),
          Map.entry("replayed", "sso.problem.expired"),
          Map.entry("unsolicited", "sso.problem.expired"),
          Map.entry("idp-refused", "sso.problem.idpRefused"),
          Map.entry("state-mismatch", "sso.problem.expired"),
          Map.entry("nonce-mismatch", "sso.problem.invalidResponse"),
          Map.entry("invalid-grant", "sso.problem.invalidResponse"),
          Map.entry("idp-unavailable", "sso.problem.idpUnavailable"));

  private final SsoProperties properties;
  private final IdentityService identities;
  private final SsoSignInCompletion completion;
  private final SamlFilter saml;
  private final OidcSignOn oidc;

  public UminSignOnExtension(
      SsoProperties properties,
      IdentityService identities,
      SsoSignInCompletion completion,
      SamlFilter saml,
      OidcSignOn oidc) {
    this.oidc = oidc;
    this.properties = properties;
    this.identities = identities;
    this.completion = completion;
    this.saml = saml;
  }

  private boolean on() {
    return properties.getMode() != SsoProperties.Mode.LOCAL;
  }

  @Override
  public List<String> publicPaths() {
    List<String> paths = new ArrayList<>();
    if (properties.getTrustedHeader().isEnabled()) {
      paths.add(properties.getTrustedHeader().getLoginPath());
    }
    paths.add("/sso/**");
    return paths;
  }

  @Override
  public void configure(HttpSecurity http) throws Exception {
    if (on() && properties.getTrustedHeader().isEnabled()) {
      http.addFilterBefore(
          new TrustedHeaderFilter(properties.getTrustedHeader(), completion),
          UsernamePasswordAuthenticationFilter.class);
    }
    if (on() && saml != null) {
      // The IdP posts the Response from its own page: it cannot carry this site's CSRF token.
      // The Response is signed and must answer a request this server sent (InResponseTo).
      http.csrf(csrf -> csrf.ignoringRequestMatchers(SamlFilter.ACS_PATH));
      http.addFilterBefore(saml, UsernamePasswordAuthenticationFilter.class);
    }
    if (on() && oidc != null) {
      oidc.configure(http);
    }
  }

  @Override
  public List<SignOnButton> buttons() {
    List<SignOnButton> buttons = new ArrayList<>();
    if (on() && properties.getTrustedHeader().isEnabled()) {
      SsoProperties.TrustedHeader h = properties.getTrustedHeader();
      buttons.add(new SignOnButton(h.getButtonLabel(), h.getLoginPath()));
    }
    if (on() && saml != null) {
      buttons.add(new SignOnButton(properties.getSaml().getButtonLabel(), SamlFilter.LOGIN_PATH));
    }
    if (on() && oidc != null) {
      buttons.add(new SignOnButton(properties.getOidc().getButtonLabel(), OidcSignOn.LOGIN_PATH));
    }
    return buttons;
  }

  @Override
  public boolean showsLocalForm(HttpServletRequest request) {
    return switch (properties.getMode()) {
      case LOCAL, BOTH -> true;
      // The break-glass door: /login?local shows the form.
      case SSO -> request.getParameter("local") != null || request.getParameter("error") != null;
    };
  }

  @Override
  public boolean allowsLocalSignIn(String userName) {
    return switch (properties.getMode()) {
      case LOCAL -> true;
      case SSO -> properties.isBreakGlass(userName);
      case BOTH -> identities.localSignInAllowed(userName);
    };
  }

  @Override
  public Optional<LoginProblem> problem(String code) {
    String key = PROBLEMS.get(code);
    if (key == null) {
      return Optional.empty();
    }
    return Optional.of(
        "sso.problem.unknownIdentity".equals(key) && !properties.getContact().isBlank()
            ? LoginProblem.of("sso.problem.unknownIdentityContact", properties.getContact())
            : LoginProblem.of(key));
  }

  @Override
  public Optional<String> logoutRedirect(HttpServletRequest request, AccountPrincipal principal) {
    SsoProperties.TrustedHeader h = properties.getTrustedHeader();
    if (principal.getSignInMethod().equals(TrustedHeaderFilter.PROTOCOL + ":" + h.getProvider())
        && !h.getLogoutUrl().isBlank()) {
      return Optional.of(h.getLogoutUrl());
    }
    if (saml != null
        && principal.getSignInMethod().equals(SamlFilter.PROTOCOL + ":" + properties.getSaml().getProvider())) {
      return Optional.ofNullable(saml.logoutUrl(principal.getUsername()));
    }
    if (oidc != null
        && principal.getSignInMethod().equals(OidcSignOn.PROTOCOL + ":" + properties.getOidc().getProvider())) {
      return Optional.ofNullable(oidc.logoutUrl(principal.getUsername()));
    }
    return Optional.empty();
  }
}
