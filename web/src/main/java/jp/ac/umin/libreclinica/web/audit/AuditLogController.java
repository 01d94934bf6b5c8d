package jp.ac.umin.libreclinica.web.audit;

import jakarta.validation.Valid;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.audit.AuditRecord;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.audit.AuditVerification;
import org.springframework.context.MessageSource;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The audit log for administrators (the {@code /admin/**} rule of the page security): records
 * newest first, filters, and chain verification.
 */
@Controller
@RequestMapping("/admin/audit")
public class AuditLogController {

  static final int PAGE_SIZE = 50;

  private final AuditService audit;
  private final MessageSource messages;

  public AuditLogController(AuditService audit, MessageSource messages) {
    this.audit = audit;
    this.messages = messages;
  }

  @GetMapping
  public String list(
      @Valid @ModelAttribute("filter") AuditFilterForm filter, BindingResult errors, Model model) {
    Page<AuditRecord> page =
        errors.hasErrors()
            ? Page.empty(PageRequest.of(0, PAGE_SIZE))
            : audit.search(filter.toQuery(), PageRequest.of(filter.getPage(), PAGE_SIZE));
    model.addAttribute("records", page);
    return "audit/log";
  }

  @PostMapping("/verify")
  public String verify(RedirectAttributes redirect, Locale locale) {
    AuditVerification result = audit.verifyChain();
    redirect.addFlashAttribute(
        "flash", messages.getMessage(result.messageKey(), result.messageArgs(), locale));
    redirect.addFlashAttribute("chainIntact", result.intact());
    return "redirect:/admin/audit";
  }
}
