package jp.ac.umin.libreclinica.umin.sso.saml;

import java.time.Instant;

/**
 * What a verified SAML Response said: the persistent subject, the attributes the service uses,
 * when the user authenticated at the IdP, and the request it answered.
 */
public record SamlAssertion(
    String subject,
    String displayId,
    String email,
    String displayName,
    String givenName,
    String familyName,
    Instant authnInstant,
    SamlRequestStore.Pending request) {}
