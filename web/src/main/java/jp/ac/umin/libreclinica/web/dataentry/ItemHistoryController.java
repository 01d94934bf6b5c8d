package jp.ac.umin.libreclinica.web.dataentry;

import java.security.Principal;
import jp.ac.umin.libreclinica.core.casebook.SubjectAuditService;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryException;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The history of one item's values in an event CRF, opened from the data entry page. */
@Controller
public class ItemHistoryController {

  static final int PAGE_SIZE = 20;

  private final SubjectAuditService subjectAudit;

  public ItemHistoryController(SubjectAuditService subjectAudit) {
    this.subjectAudit = subjectAudit;
  }

  @GetMapping("/event-crfs/{id}/history")
  public String history(
      @PathVariable long id,
      @RequestParam String item,
      @RequestParam(defaultValue = "0") int page,
      Principal user,
      Model model) {
    model.addAttribute(
        "history",
        subjectAudit.itemHistory(user.getName(), id, item, PageRequest.of(Math.max(0, page), PAGE_SIZE)));
    return "dataentry/item-history";
  }

  /** An event CRF or item that is not there (a forged or stale link) is a 404 page. */
  @ExceptionHandler(DataEntryException.class)
  public ModelAndView notFound(DataEntryException e) {
    return new ModelAndView("error/404", HttpStatus.NOT_FOUND);
  }
}
