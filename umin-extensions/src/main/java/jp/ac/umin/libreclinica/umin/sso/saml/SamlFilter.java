package jp.ac.umin.libreclinica.umin.sso.saml;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jp.ac.umin.libreclinica.core.identity.ExternalSignIn;
import jp.ac.umin.libreclinica.umin.sso.SsoProperties;
import jp.ac.umin.libreclinica.umin.sso.SsoSignInCompletion;
import jp.ac.umin.libreclinica.web.security.AccountPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The SAML endpoints: {@code /sso/saml/login} (to the IdP), {@code /sso/saml/acs} (the
 * Response comes back; verified, then the identities decide), {@code /sso/saml/metadata}.
 * Every refusal is audited with its reason and the user sees it on the sign-in page; no session.
 */
public class SamlFilter extends OncePerRequestFilter {

  public static final String PROTOCOL = "saml";
  public static final String LOGIN_PATH = "/sso/saml/login";
  public static final String ACS_PATH = "/sso/saml/acs";
  public static final String METADATA_PATH = "/sso/saml/metadata";
  /** Single logout (HTTP-Redirect): LogoutRequests from the IdP, LogoutResponses to ours. */
  public static final String LOGOUT_PATH = "/sso/saml/logout";
  private static final String LOGIN = LOGIN_PATH;
  private static final String ACS = ACS_PATH;
  private static final String METADATA = METADATA_PATH;

  private static final Logger log = LoggerFactory.getLogger(SamlFilter.class);

  private final SsoProperties.Saml config;
  private final SamlServiceProvider sp;
  private final SamlResponseValidator validator;
  private final SsoSignInCompletion completion;
  private final Clock clock;
  private final SamlReauthentication reauthentication;
  private SamlIdpLogout idpLogout;
  private jp.ac.umin.libreclinica.core.identity.ExternalIdentityRepository identities;
  private jp.ac.umin.libreclinica.core.account.UserAccountRepository accounts;
  /** The subject each user last signed in with here, for the single logout request. */
  private final Map<String, String> nameIds = new ConcurrentHashMap<>();

  public SamlFilter(
      SsoProperties.Saml config,
      SamlServiceProvider sp,
      SamlResponseValidator validator,
      SsoSignInCompletion completion,
      Clock clock,
      SamlReauthentication reauthentication) {
    this.reauthentication = reauthentication;
    this.config = config;
    this.sp = sp;
    this.validator = validator;
    this.completion = completion;
    this.clock = clock;
  }

  /** Enables IdP-initiated single logout at {@link #LOGOUT_PATH}. */
  public void enableIdpLogout(
      jp.ac.umin.libreclinica.core.identity.ExternalIdentityRepository identities,
      jp.ac.umin.libreclinica.core.account.UserAccountRepository accounts,
      jp.ac.umin.libreclinica.core.audit.AuditService audit) {
    this.idpLogout = new SamlIdpLogout(config, sp, identities, accounts, audit, clock);
    this.identities = identities;
    this.accounts = accounts;
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String p = path(request);
    return !(p.equals(LOGIN)
        || p.equals(ACS)
        || p.equals(METADATA)
        || p.equals(SamlReauthentication.PATH)
        || (p.equals(LOGOUT_PATH) && idpLogout != null));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    switch (path(request)) {
      case LOGIN -> response.sendRedirect(sp.authnRequestUrl(false, null, null));
      case SamlReauthentication.PATH -> {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof AccountPrincipal p)) {
          response.sendRedirect(request.getContextPath() + "/login");
          return;
        }
        response.sendRedirect(
            sp.authnRequestUrl(
                true, p.getUsername(), SamlReauthentication.safeReturn(request.getParameter("return"))));
      }
      case METADATA -> {
        response.setContentType("application/samlmetadata+xml");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(sp.metadata());
      }
      case LOGOUT_PATH -> idpLogout.handle(request, response);
      case ACS -> {
        if (!"POST".equals(request.getMethod())) {
          response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
          return;
        }
        consume(request, response);
      }
      default -> chain.doFilter(request, response);
    }
  }

  private void consume(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    String encoded = request.getParameter("SAMLResponse");
    SamlAssertion assertion;
    try {
      assertion = validator.validate(encoded, clock.instant());
    } catch (SamlException e) {
      log.info("SAML response refused from {}: {}", request.getRemoteAddr(), e.getMessage());
      completion.fail(
          request, response, config.getProvider(), encoded == null ? null : validator.attemptedId(encoded), e.reason());
      return;
    }
    SamlRequestStore.Pending pending = assertion.request();
    if (pending.forceAuthn() && pending.userName() != null) {
      // A re-authentication before a signature, not a sign-in: the signature page checks the proof.
      reauthentication.accept(assertion);
      response.sendRedirect(request.getContextPath() + SamlReauthentication.safeReturn(pending.returnPath()));
      return;
    }
    completion.complete(
        request,
        response,
        PROTOCOL,
        new ExternalSignIn(
            config.getProvider(),
            assertion.subject(),
            assertion.displayId(),
            assertion.email(),
            assertion.displayName(),
            assertion.givenName(),
            assertion.familyName(),
            request.getRemoteAddr()));
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null
        && authentication.getPrincipal() instanceof AccountPrincipal p
        && p.getSignInMethod().equals(PROTOCOL + ":" + config.getProvider())) {
      nameIds.put(p.getUsername(), assertion.subject());
    }
  }

  /** The IdP's single logout address for {@code userName}, or null. */
  public String logoutUrl(String userName) {
    String nameId = nameIds.remove(userName);
    if (nameId == null && identities != null) {
      // Signed in at another application server: the account's most recently used link.
      nameId =
          accounts.findByUserName(userName).stream()
              .flatMap(a -> identities.findByAccountIdOrderByIdAsc(a.getId()).stream())
              .filter(i -> i.getProvider().equals(config.getProvider())
                  && i.getStatus() == jp.ac.umin.libreclinica.core.identity.IdentityStatus.LINKED
                  && i.getLastSeenAt() != null)
              .max(java.util.Comparator.comparing(jp.ac.umin.libreclinica.core.identity.ExternalIdentity::getLastSeenAt))
              .map(jp.ac.umin.libreclinica.core.identity.ExternalIdentity::getSubject)
              .orElse(null);
    }
    return nameId == null ? null : sp.logoutRequestUrl(nameId);
  }
}
