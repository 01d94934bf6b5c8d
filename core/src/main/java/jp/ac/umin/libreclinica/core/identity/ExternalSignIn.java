package jp.ac.umin.libreclinica.core.identity;

/**
 * What a provider said about a person who signed in there: its name for the provider, the
 * persistent subject (the key), and the attributes released (display identifier such as the
 * UMIN ID, e-mail, name). {@code clientAddress} is where the request came from, for the audit.
 */
public record ExternalSignIn(
    String provider,
    String subject,
    String displayId,
    String email,
    String displayName,
    String clientAddress) {}
