package jp.ac.umin.libreclinica.web.audit;

import java.util.Optional;
import jp.ac.umin.libreclinica.core.audit.AuditActorProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The actor of audit records written while a request is served: the signed-in user (pages or
 * API) and the address the request came from.
 */
@Component
public class SecurityContextAuditActorProvider implements AuditActorProvider {

  @Override
  public Optional<String> currentActor() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
      return Optional.empty();
    }
    return Optional.ofNullable(auth.getName());
  }

  @Override
  public Optional<String> currentClientAddress() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    if (attributes instanceof ServletRequestAttributes servlet) {
      return Optional.ofNullable(servlet.getRequest().getRemoteAddr());
    }
    return Optional.empty();
  }
}
