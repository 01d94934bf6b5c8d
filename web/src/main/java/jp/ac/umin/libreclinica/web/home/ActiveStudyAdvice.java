package jp.ac.umin.libreclinica.web.home;

import java.security.Principal;
import java.util.Optional;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.study.ActiveStudyService;
import jp.ac.umin.libreclinica.core.study.Workplace;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;

/**
 * Gives every page the signed-in user's active study or site for the frame: {@code activeStudy}
 * (a {@link Workplace}), {@code activeStudyName} and {@code activeRole} (a role, or null for an
 * administrator without a role there). Looked up once per request.
 */
@ControllerAdvice
public class ActiveStudyAdvice {

  private static final String CACHE = ActiveStudyAdvice.class.getName() + ".active";

  private final ActiveStudyService activeStudies;

  public ActiveStudyAdvice(ActiveStudyService activeStudies) {
    this.activeStudies = activeStudies;
  }

  @ModelAttribute("activeStudy")
  public Workplace activeStudy(Principal user, WebRequest request) {
    return lookup(user, request).orElse(null);
  }

  @ModelAttribute("activeStudyName")
  public String activeStudyName(Principal user, WebRequest request) {
    return lookup(user, request).map(Workplace::name).orElse(null);
  }

  @ModelAttribute("activeRole")
  public Role activeRole(Principal user, WebRequest request) {
    return lookup(user, request).map(Workplace::role).orElse(null);
  }

  @SuppressWarnings("unchecked")
  private Optional<Workplace> lookup(Principal user, WebRequest request) {
    // JSON answers of the API have no frame
    if (user == null
        || (request instanceof ServletWebRequest web
            && web.getRequest().getRequestURI().startsWith(web.getRequest().getContextPath() + "/api/"))) {
      return Optional.empty();
    }
    Object cached = request.getAttribute(CACHE, RequestAttributes.SCOPE_REQUEST);
    if (cached == null) {
      cached = activeStudies.active(user.getName());
      request.setAttribute(CACHE, cached, RequestAttributes.SCOPE_REQUEST);
    }
    return (Optional<Workplace>) cached;
  }
}
