package jp.ac.umin.libreclinica.umin.sso.saml;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.identity.ExternalIdentity;
import jp.ac.umin.libreclinica.core.identity.ExternalIdentityRepository;
import jp.ac.umin.libreclinica.core.identity.IdentityStatus;
import jp.ac.umin.libreclinica.umin.sso.SsoProperties;
import jp.ac.umin.libreclinica.web.security.AccountPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code /sso/saml/logout} (HTTP-Redirect): a LogoutRequest from the IdP (IdP-initiated single
 * logout) must be signed with {@code SigAlg}/{@code Signature} by a signing certificate of the
 * IdP metadata, come from that IdP and be addressed here; then the local session of the person
 * it names (by persistent NameID) in this browser ends, and the IdP gets a LogoutResponse (signed
 * when this SP has a key). A LogoutResponse (the IdP's answer to this SP's own LogoutRequest)
 * leads to the sign-in page. Every outcome is audited: {@code logout} with the reason
 * {@code sso:<provider>:idp}, or {@code logout.failure} with {@code sso:<provider>:<why>}.
 */
final class SamlIdpLogout {

  static final String SUCCESS = SamlXml.SUCCESS;
  static final String REQUESTER = "urn:oasis:names:tc:SAML:2.0:status:Requester";
  private static final int MAX_BYTES = 64 * 1024;
  private static final Logger log = LoggerFactory.getLogger(SamlIdpLogout.class);

  private final SsoProperties.Saml config;
  private final SamlServiceProvider sp;
  private final ExternalIdentityRepository identities;
  private final UserAccountRepository accounts;
  private final AuditService audit;
  private final Clock clock;

  SamlIdpLogout(
      SsoProperties.Saml config,
      SamlServiceProvider sp,
      ExternalIdentityRepository identities,
      UserAccountRepository accounts,
      AuditService audit,
      Clock clock) {
    this.config = config;
    this.sp = sp;
    this.identities = identities;
    this.accounts = accounts;
    this.audit = audit;
    this.clock = clock;
  }

  void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Map<String, String> raw = rawQuery(request.getQueryString());
    if (raw.containsKey("SAMLResponse") && !raw.containsKey("SAMLRequest")) {
      // The IdP's answer to our own LogoutRequest: the local session ended already.
      response.sendRedirect(request.getContextPath() + "/login?logout");
      return;
    }
    String relayState = decode(raw.get("RelayState"));
    Element logoutRequest;
    String requestId = null;
    try {
      logoutRequest = parse(decode(raw.get("SAMLRequest")));
      requestId = SamlXml.attr(logoutRequest, "ID");
      checkSignature(raw);
      check(logoutRequest);
    } catch (SamlException e) {
      log.info("SAML logout request refused from {}: {}", request.getRemoteAddr(), e.getMessage());
      record("logout.failure", null, null, e.reason(), request);
      String answer = requestId == null ? null : sp.logoutResponseUrl(requestId, REQUESTER, relayState);
      if (answer == null) {
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      } else {
        response.sendRedirect(answer);
      }
      return;
    }
    String subject = SamlXml.text(SamlXml.child(logoutRequest, SamlXml.ASSERTION, "NameID"));
    Optional<UserAccount> account =
        identities
            .findByProviderAndSubjectAndStatus(config.getProvider(), subject, IdentityStatus.LINKED)
            .map(ExternalIdentity::getAccountId)
            .flatMap(accounts::findById);
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    if (account.isPresent()
        && authentication != null
        && authentication.getPrincipal() instanceof AccountPrincipal p
        && p.getUsername().equalsIgnoreCase(account.get().getUserName())) {
      HttpSession session = request.getSession(false);
      if (session != null) {
        session.invalidate();
      }
      SecurityContextHolder.clearContext();
      record("logout", account.get().getId(), account.get().getUserName(), "idp", request);
    } else {
      // Nothing of that person here in this browser: the logout has nothing left to do.
      record(
          "logout.failure",
          account.map(UserAccount::getId).orElse(null),
          account.map(UserAccount::getUserName).orElse(null),
          "no-session",
          request);
    }
    String answer = sp.logoutResponseUrl(requestId, SUCCESS, relayState);
    // An IdP without a logout endpoint in its metadata gets no answer; the browser sees the sign-in page.
    response.sendRedirect(answer != null ? answer : request.getContextPath() + "/login?logout");
  }

  private void record(String action, Long accountId, String userName, String why, HttpServletRequest request) {
    audit.recordIndependently(
        AuditEvent.of(action, "user_account", accountId)
            .withActor(userName == null ? "" : userName)
            .withReason("sso:" + config.getProvider() + ":" + why)
            .withClientAddress(request.getRemoteAddr()));
  }

  /** The signature of the redirect binding over {@code SAMLRequest=..[&RelayState=..]&SigAlg=..} as received. */
  private void checkSignature(Map<String, String> raw) {
    if (raw.get("Signature") == null || raw.get("SigAlg") == null) {
      throw new SamlException("unsigned", "the LogoutRequest is not signed");
    }
    String signed =
        "SAMLRequest=" + raw.get("SAMLRequest")
            + (raw.containsKey("RelayState") ? "&RelayState=" + raw.get("RelayState") : "")
            + "&SigAlg=" + raw.get("SigAlg");
    byte[] signature;
    try {
      signature = Base64.getMimeDecoder().decode(decode(raw.get("Signature")));
    } catch (IllegalArgumentException e) {
      throw new SamlException("bad-signature", "Signature is not base64");
    }
    for (X509Certificate certificate : sp.idp().signingCertificates()) {
      if (SpCredentials.verify(
          certificate, decode(raw.get("SigAlg")), signed.getBytes(StandardCharsets.UTF_8), signature)) {
        return;
      }
    }
    throw new SamlException("bad-signature", "the LogoutRequest's signature does not verify (SigAlg " + decode(raw.get("SigAlg")) + ")");
  }

  private void check(Element request) {
    Element issuer = SamlXml.child(request, SamlXml.ASSERTION, "Issuer");
    if (issuer == null || !sp.idp().entityId().equals(SamlXml.text(issuer))) {
      throw new SamlException("invalid-request", "Issuer " + SamlXml.text(issuer));
    }
    String destination = SamlXml.attr(request, "Destination");
    if (destination != null && !destination.equals(config.getBaseUrl() + SamlFilter.LOGOUT_PATH)) {
      throw new SamlException("wrong-recipient", "Destination " + destination);
    }
    Instant now = clock.instant();
    Duration skew = config.getClockSkew();
    String notOnOrAfter = SamlXml.attr(request, "NotOnOrAfter");
    String issued = SamlXml.attr(request, "IssueInstant");
    try {
      if (notOnOrAfter != null && !now.minus(skew).isBefore(Instant.parse(notOnOrAfter.strip().toUpperCase(Locale.ROOT)))) {
        throw new SamlException("expired", "NotOnOrAfter " + notOnOrAfter);
      }
      if (issued == null
          || Instant.parse(issued.strip().toUpperCase(Locale.ROOT))
              .isBefore(now.minus(config.getRequestLifetime()).minus(skew))) {
        throw new SamlException("expired", "IssueInstant " + issued);
      }
    } catch (java.time.format.DateTimeParseException e) {
      throw new SamlException("invalid-request", "a time that cannot be read");
    }
    Element nameId = SamlXml.child(request, SamlXml.ASSERTION, "NameID");
    if (nameId == null || SamlXml.text(nameId).isEmpty()) {
      throw new SamlException("invalid-request", "no NameID (an EncryptedID is not accepted)");
    }
  }

  private static Element parse(String value) {
    if (value == null) {
      throw new SamlException("invalid-request", "no SAMLRequest");
    }
    byte[] deflated;
    try {
      deflated = Base64.getMimeDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new SamlException("invalid-request", "not base64");
    }
    Inflater inflater = new Inflater(true);
    inflater.setInput(deflated);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        out.write(buffer, 0, n);
        if (out.size() > MAX_BYTES) {
          throw new SamlException("invalid-request", "too large");
        }
      }
    } catch (DataFormatException e) {
      throw new SamlException("invalid-request", "not deflated");
    } finally {
      inflater.end();
    }
    Document doc;
    try {
      doc = SamlXml.builder().parse(new ByteArrayInputStream(out.toByteArray()));
    } catch (Exception e) {
      throw new SamlException("invalid-request", "not well-formed or has a DTD");
    }
    Element root = doc.getDocumentElement();
    if (!SamlXml.PROTOCOL.equals(root.getNamespaceURI()) || !"LogoutRequest".equals(root.getLocalName())) {
      throw new SamlException("invalid-request", "not a LogoutRequest");
    }
    return root;
  }

  /** The query's parameters as received (still URL-encoded), first of each name. */
  static Map<String, String> rawQuery(String query) {
    Map<String, String> out = new LinkedHashMap<>();
    if (query == null) {
      return out;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      out.putIfAbsent(name, eq < 0 ? "" : pair.substring(eq + 1));
    }
    return out;
  }

  private static String decode(String value) {
    return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
