package jp.ac.umin.libreclinica.web.sdv;

import java.security.Principal;
import java.util.List;
import jp.ac.umin.libreclinica.core.discrepancy.NotesViewService;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.sdv.SdvException;
import jp.ac.umin.libreclinica.core.sdv.SdvQuery;
import jp.ac.umin.libreclinica.core.sdv.SdvService;
import jp.ac.umin.libreclinica.core.study.ActiveStudyService;
import jp.ac.umin.libreclinica.core.study.Workplace;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The SDV page: completed event CRFs with their requirement and SDV status; mark or unmark. */
@Controller
public class SdvController {

  private final SdvService sdv;
  private final NotesViewService notesView;
  private final ActiveStudyService activeStudies;
  private final MessageSource messages;

  public SdvController(
      SdvService sdv, NotesViewService notesView, ActiveStudyService activeStudies, MessageSource messages) {
    this.sdv = sdv;
    this.notesView = notesView;
    this.activeStudies = activeStudies;
    this.messages = messages;
  }

  /** The filters as request parameters. */
  public static class SdvFilter {
    private Long site;
    private String subject;
    private Long event;
    private Long crf;
    private Boolean verified;
    private SdvRequirement requirement;

    SdvQuery toQuery() {
      return new SdvQuery(site, subject, event, crf, verified, requirement);
    }

    public Long getSite() {
      return site;
    }

    public void setSite(Long site) {
      this.site = site;
    }

    public String getSubject() {
      return subject;
    }

    public void setSubject(String subject) {
      this.subject = subject;
    }

    public Long getEvent() {
      return event;
    }

    public void setEvent(Long event) {
      this.event = event;
    }

    public Long getCrf() {
      return crf;
    }

    public void setCrf(Long crf) {
      this.crf = crf;
    }

    public Boolean getVerified() {
      return verified;
    }

    public void setVerified(Boolean verified) {
      this.verified = verified;
    }

    public SdvRequirement getRequirement() {
      return requirement;
    }

    public void setRequirement(SdvRequirement requirement) {
      this.requirement = requirement;
    }
  }

  @GetMapping("/sdv")
  public String mine(Principal user) {
    Workplace w = activeStudies.active(user.getName()).orElse(null);
    return w == null ? "redirect:/account/study" : "redirect:/studies/" + w.studyId() + "/sdv";
  }

  @GetMapping("/studies/{id}/sdv")
  public String list(
      @PathVariable long id,
      @ModelAttribute("filter") SdvFilter filter,
      @RequestParam(defaultValue = "0") int page,
      Principal user,
      Model model) {
    model.addAttribute("studyId", id);
    model.addAttribute("sdv", sdv.page(user.getName(), id, filter.toQuery(), page, 50));
    model.addAttribute("options", notesView.filterOptions(user.getName(), id));
    model.addAttribute("requirements", SdvRequirement.values());
    return "sdv/list";
  }

  @PostMapping("/studies/{id}/sdv")
  public String change(
      @PathVariable long id,
      @RequestParam(name = "eventCrf", required = false) List<Long> eventCrfIds,
      @RequestParam String action,
      Principal user,
      RedirectAttributes redirect) {
    List<Long> ids = eventCrfIds == null ? List.of() : eventCrfIds;
    try {
      int n = "unverify".equals(action) ? sdv.unverify(user.getName(), ids) : sdv.verify(user.getName(), ids);
      redirect.addFlashAttribute("flash", text("unverify".equals(action) ? "sdv.page.unverified" : "sdv.page.verified", n));
    } catch (SdvException e) {
      redirect.addFlashAttribute("flash", text(e.messageKey(), e.arguments()));
    }
    return "redirect:/studies/" + id + "/sdv";
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }
}
