package jp.ac.umin.libreclinica.umin.sso.oidc;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jp.ac.umin.libreclinica.core.identity.ExternalSignIn;
import jp.ac.umin.libreclinica.umin.sso.SsoProperties;
import jp.ac.umin.libreclinica.umin.sso.SsoSignInCompletion;
import jp.ac.umin.libreclinica.web.security.AccountPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * OpenID Connect sign-in with Spring Security's OAuth 2.0 client: authorization code with PKCE,
 * {@code state} and {@code nonce} (checked by Spring Security), the ID token's {@code sub} as
 * the persistent subject of the identity (the provider name stands for the one issuer). What
 * Spring Security signed in is dropped; the identities decide and {@link SsoSignInCompletion}
 * signs the account in, as for SAML and the trusted headers.
 */
public class OidcSignOn {

  public static final String PROTOCOL = "oidc";
  public static final String REGISTRATION = "lc";
  public static final String AUTHORIZE = "/sso/oidc/authorize";
  public static final String CALLBACK = "/sso/oidc/callback";
  public static final String LOGIN_PATH = AUTHORIZE + "/" + REGISTRATION;

  private static final Logger log = LoggerFactory.getLogger(OidcSignOn.class);

  private final SsoProperties.Oidc config;
  private final ClientRegistrationRepository registrations;
  private final SsoSignInCompletion completion;
  /** Each user's last ID token, the hint for the provider's logout. */
  private final Map<String, String> idTokens = new ConcurrentHashMap<>();

  public OidcSignOn(
      SsoProperties.Oidc config, ClientRegistrationRepository registrations, SsoSignInCompletion completion) {
    this.config = config;
    this.registrations = registrations;
    this.completion = completion;
  }

  public void configure(HttpSecurity http) throws Exception {
    DefaultOAuth2AuthorizationRequestResolver resolver =
        new DefaultOAuth2AuthorizationRequestResolver(registrations, AUTHORIZE);
    resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
    http.oauth2Login(
        o ->
            o.loginPage("/login")
                .clientRegistrationRepository(registrations)
                .authorizationEndpoint(a -> a.baseUri(AUTHORIZE).authorizationRequestResolver(resolver))
                .redirectionEndpoint(r -> r.baseUri(CALLBACK + "/*"))
                .successHandler(this::succeeded)
                .failureHandler(this::failed));
  }

  private void succeeded(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException, ServletException {
    // Not this authentication: only the account the identities find is signed in.
    SecurityContextHolder.clearContext();
    new HttpSessionSecurityContextRepository()
        .saveContext(SecurityContextHolder.createEmptyContext(), request, response);
    if (!(authentication.getPrincipal() instanceof OidcUser user)) {
      completion.fail(request, response, config.getProvider(), null, "invalid-response");
      return;
    }
    completion.complete(
        request,
        response,
        PROTOCOL,
        new ExternalSignIn(
            config.getProvider(),
            user.getSubject(),
            user.getClaimAsString(config.getDisplayIdClaim()),
            user.getClaimAsString(config.getMailClaim()),
            user.getClaimAsString(config.getNameClaim()),
            request.getRemoteAddr()));
    Authentication now = SecurityContextHolder.getContext().getAuthentication();
    if (now != null && now.getPrincipal() instanceof AccountPrincipal p
        && p.getSignInMethod().equals(PROTOCOL + ":" + config.getProvider())) {
      idTokens.put(p.getUsername(), user.getIdToken().getTokenValue());
    }
  }

  void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    String code = e instanceof OAuth2AuthenticationException o ? o.getError().getErrorCode() : "";
    String reason =
        switch (code) {
          case "authorization_request_not_found" -> "state-mismatch";
          case "invalid_nonce" -> "nonce-mismatch";
          case "invalid_grant" -> "invalid-grant";
          case "invalid_id_token", "invalid_token_response", "invalid_user_info_response" -> "invalid-response";
          case "access_denied", "login_required", "interaction_required" -> "idp-refused";
          default -> "idp-unavailable";
        };
    log.info("OpenID Connect sign-in refused from {}: {} ({})", request.getRemoteAddr(), code, e.getMessage());
    completion.fail(request, response, config.getProvider(), null, reason);
  }

  /** The provider's end-session address for {@code userName} (RP-initiated logout), or null. */
  public String logoutUrl(String userName) {
    String idToken = idTokens.remove(userName);
    ClientRegistration r = registrations.findByRegistrationId(REGISTRATION);
    Object endSession = r.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
    if (endSession == null) {
      return null;
    }
    UriComponentsBuilder b = UriComponentsBuilder.fromUriString(endSession.toString());
    if (idToken != null) {
      b.queryParam("id_token_hint", idToken);
    }
    b.queryParam("client_id", r.getClientId());
    if (!config.getPostLogoutRedirectUri().isBlank()) {
      b.queryParam("post_logout_redirect_uri", config.getPostLogoutRedirectUri());
    }
    return b.encode().build().toUriString();
  }
}
