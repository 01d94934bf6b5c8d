/**
 * The REST API base, {@code /api/v1}: bearer authentication with personal API tokens
 * ({@link jp.ac.umin.libreclinica.ws.api.ApiSecurityConfiguration}), RFC 9457 problem details in
 * the caller's language ({@link jp.ac.umin.libreclinica.ws.api.ApiExceptionResolver}) and the
 * OpenAPI document. Controllers here only translate requests into calls on {@code core}
 * services.
 */
package jp.ac.umin.libreclinica.ws.api;
