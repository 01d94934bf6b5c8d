package jp.ac.umin.libreclinica.core.audit;

import java.util.Optional;

/**
 * Tells the audit trail who is acting. {@code web} implements it from the security context;
 * without an implementation (or outside a request) the actor is {@code system}.
 */
public interface AuditActorProvider {

  /** The user name of whoever is acting now, if anyone is signed in. */
  Optional<String> currentActor();

  /** The network address of the current request, if there is one. */
  default Optional<String> currentClientAddress() {
    return Optional.empty();
  }
}
