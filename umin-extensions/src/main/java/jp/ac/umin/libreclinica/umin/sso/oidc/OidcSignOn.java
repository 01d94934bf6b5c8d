package jp.ac.umin.libreclinica.umin.sso.oidc;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
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
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.web.filter.OncePerRequestFilter;
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
  private OidcReauthentication reauthentication;
  /** Each user's last ID token, the hint for the provider's logout. */
  private final Map<String, String> idTokens = new ConcurrentHashMap<>();

  public OidcSignOn(
      SsoProperties.Oidc config, ClientRegistrationRepository registrations, SsoSignInCompletion completion) {
    this.config = config;
    this.registrations = registrations;
    this.completion = completion;
  }

  /** Enables re-authentication (prompt=login, max_age=0) through {@link OidcReauthentication#PATH}. */
  public void setReauthentication(OidcReauthentication reauthentication) {
    this.reauthentication = reauthentication;
  }

  public void configure(HttpSecurity http) throws Exception {
    DefaultOAuth2AuthorizationRequestResolver pkce =
        new DefaultOAuth2AuthorizationRequestResolver(registrations, AUTHORIZE);
    pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
    OAuth2AuthorizationRequestResolver resolver =
        new OAuth2AuthorizationRequestResolver() {
          @Override
          public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
            return forced(request, pkce.resolve(request));
          }

          @Override
          public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
            return forced(request, pkce.resolve(request, registrationId));
          }
        };
    if (reauthentication != null) {
      http.addFilterBefore(new ReauthStart(), OAuth2AuthorizationRequestRedirectFilter.class);
    }
    http.oauth2Login(
        o ->
            o.loginPage("/login")
                .clientRegistrationRepository(registrations)
                .authorizationEndpoint(a -> a.baseUri(AUTHORIZE).authorizationRequestResolver(resolver))
                .redirectionEndpoint(r -> r.baseUri(CALLBACK + "/*"))
                .successHandler(this::succeeded)
                .failureHandler(this::failed));
  }

  /** While a re-authentication is under way, the provider must authenticate the user again. */
  private static OAuth2AuthorizationRequest forced(HttpServletRequest request, OAuth2AuthorizationRequest r) {
    HttpSession session = request.getSession(false);
    if (r == null || session == null || session.getAttribute(OidcReauthentication.PENDING) == null) {
      return r;
    }
    return OAuth2AuthorizationRequest.from(r)
        .additionalParameters(p -> {
          p.put("prompt", "login");
          p.put("max_age", "0");
        })
        .build();
  }

  /** {@code /sso/oidc/reauth?return=}: remembers the signed-in user, then to the provider. */
  private final class ReauthStart extends OncePerRequestFilter {
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
      return !request.getRequestURI().substring(request.getContextPath().length()).equals(OidcReauthentication.PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws IOException {
      SecurityContext context = SecurityContextHolder.getContext();
      if (context.getAuthentication() == null || !(context.getAuthentication().getPrincipal() instanceof AccountPrincipal p)) {
        response.sendRedirect(request.getContextPath() + "/login");
        return;
      }
      request.getSession(true).setAttribute(
          OidcReauthentication.PENDING,
          new OidcReauthentication.Pending(
              p.getUsername(),
              OidcReauthentication.safeReturn(request.getParameter("return")),
              Instant.now(),
              context));
      response.sendRedirect(request.getContextPath() + LOGIN_PATH);
    }
  }

  private static OidcReauthentication.Pending takePending(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Object p = session.getAttribute(OidcReauthentication.PENDING);
    session.removeAttribute(OidcReauthentication.PENDING);
    return p instanceof OidcReauthentication.Pending pending ? pending : null;
  }

  /** Puts back the sign-in that a re-authentication must not replace. */
  private static void restore(HttpServletRequest request, HttpServletResponse response, SecurityContext context) {
    SecurityContextHolder.setContext(context);
    new HttpSessionSecurityContextRepository().saveContext(context, request, response);
  }

  private void succeeded(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException, ServletException {
    OidcReauthentication.Pending pending = reauthentication == null ? null : takePending(request);
    if (pending != null) {
      restore(request, response, pending.context());
      if (authentication.getPrincipal() instanceof OidcUser user) {
        reauthentication.accept(pending, user.getSubject(), user.getAuthenticatedAt());
      } else {
        reauthentication.refused(pending, "invalid-response");
      }
      response.sendRedirect(request.getContextPath() + pending.returnPath());
      return;
    }
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
            user.getClaimAsString(config.getGivenNameClaim()),
            user.getClaimAsString(config.getFamilyNameClaim()),
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
    OidcReauthentication.Pending pending = reauthentication == null ? null : takePending(request);
    if (pending != null) {
      restore(request, response, pending.context());
      reauthentication.refused(pending, code);
      response.sendRedirect(request.getContextPath() + pending.returnPath());
      return;
    }
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
