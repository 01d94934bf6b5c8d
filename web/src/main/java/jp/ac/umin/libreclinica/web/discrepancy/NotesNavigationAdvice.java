package jp.ac.umin.libreclinica.web.discrepancy;

import java.security.Principal;
import jp.ac.umin.libreclinica.core.discrepancy.NotesViewService;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;

/**
 * Gives every page the number of open notes assigned to the signed-in user, for the frame's
 * "Notes" link (upstream LC #19 counted too few).
 */
@ControllerAdvice
public class NotesNavigationAdvice {

  private final NotesViewService notes;

  public NotesNavigationAdvice(NotesViewService notes) {
    this.notes = notes;
  }

  @ModelAttribute("myOpenNotes")
  public Long myOpenNotes(Principal user, WebRequest request) {
    if (user == null
        || (request instanceof ServletWebRequest web
            && web.getRequest().getRequestURI().startsWith(web.getRequest().getContextPath() + "/api/"))) {
      return 0L;
    }
    return notes.openAssignedTo(user.getName());
  }
}
