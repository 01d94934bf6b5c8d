package jp.ac.umin.libreclinica.umin.sso.saml;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AuthnRequests this server sent and not yet seen answered, by ID: a Response must answer
 * one of them ({@code InResponseTo}), once, within the request lifetime. Kept on the server,
 * not in the HTTP session: the IdP posts the Response from another site, and the session cookie
 * ({@code SameSite=Lax}) does not come with such a POST.
 */
public class SamlRequestStore {

  /** A request sent: when, whether it forced a new authentication, and for whom (re-authentication). */
  public record Pending(String id, Instant issued, boolean forceAuthn, String userName, String returnPath) {}

  private static final int MAX_PENDING = 100_000;

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Duration lifetime;

  public SamlRequestStore(Duration lifetime) {
    this.lifetime = lifetime;
  }

  public void add(Pending request) {
    if (pending.size() >= MAX_PENDING) {
      purge(request.issued());
    }
    pending.put(request.id(), request);
  }

  /** The request {@code id} answers, removed so that it cannot be answered twice. */
  public Optional<Pending> consume(String id, Instant now) {
    if (id == null) {
      return Optional.empty();
    }
    Pending p = pending.remove(id);
    if (p == null || p.issued().plus(lifetime).isBefore(now)) {
      return Optional.empty();
    }
    return Optional.of(p);
  }

  private void purge(Instant now) {
    pending.values().removeIf(p -> p.issued().plus(lifetime).isBefore(now));
  }
}
