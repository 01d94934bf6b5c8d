/**
 * External identities and how accounts may sign in. An account may hold a local password and
 * any number of identities at external providers (UMIN's Shibboleth IdP, an OpenID Connect
 * provider), each keyed on the provider's persistent subject, never on the UMIN ID that its
 * holder can change. The protocols themselves (SAML, trusted headers, OpenID Connect) live in
 * {@code umin-extensions}; this package only decides which account a verified sign-in reaches.
 */
package jp.ac.umin.libreclinica.core.identity;
