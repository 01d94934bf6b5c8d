package jp.ac.umin.libreclinica.web.study;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfSummary;
import jp.ac.umin.libreclinica.core.crf.CrfVersionSummary;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.input.TextOrder;
import jp.ac.umin.libreclinica.core.event.EventDefinitionCrf;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyException;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The CRFs of an event definition: attach a CRF with its parameters, change them, and set a
 * site's own parameters (e.g. hide a CRF from every site but one).
 */
@Controller
public class EventCrfController {

  private static final int MAX_CRFS_OFFERED = 1000;

  private final EventDefinitionService events;
  private final StudyService studies;
  private final CrfService crfs;
  private final MessageSource messages;

  private final TextOrder textOrder;

  public EventCrfController(
      EventDefinitionService events,
      StudyService studies,
      CrfService crfs,
      MessageSource messages,
      TextOrder textOrder) {
    this.textOrder = textOrder;
    this.events = events;
    this.studies = studies;
    this.crfs = crfs;
    this.messages = messages;
  }

  /** A CRF attached to the event, as the list shows it. */
  public record AttachedCrf(
      EventDefinitionCrf row,
      CrfSummary crf,
      CrfParameters parameters,
      String defaultVersionName,
      List<String> allowedVersionNames,
      List<SiteSetting> sites) {}

  /** Whether a site has its own parameters for an attached CRF. */
  public record SiteSetting(Study site, boolean overridden, boolean hidden) {}

  @ModelAttribute("sdvRequirements")
  public List<SdvRequirement> sdvRequirements() {
    return Arrays.asList(SdvRequirement.values());
  }

  @GetMapping("/events/{id}/crfs")
  public String list(@PathVariable long id, Principal user, Model model) {
    StudyEventDefinition event = events.get(id);
    Study study = studies.view(user.getName(), event.getStudyId());
    List<Study> sites = studies.sitesOf(user.getName(), study.getId());
    List<AttachedCrf> attached = new ArrayList<>();
    for (EventDefinitionCrf row : events.crfsOf(id)) {
      Map<Long, String> versionNames = versionNames(row.getCrfId());
      CrfParameters p = row.getParameters();
      List<SiteSetting> siteSettings = sites.stream()
          .map(s -> new SiteSetting(s, events.hasSiteParameters(s.getId(), row.getId()),
              events.effectiveParameters(s.getId(), row.getId()).isHideFromSites()))
          .toList();
      attached.add(new AttachedCrf(
          row, crfs.summary(row.getCrfId()), p,
          p.getDefaultVersionId() == null ? null : versionNames.get(p.getDefaultVersionId()),
          p.getAllowedVersionIds().stream().map(versionNames::get).toList(),
          siteSettings));
    }
    model.addAttribute("event", event);
    model.addAttribute("study", study);
    model.addAttribute("attached", attached);
    boolean mayAttach = crfs.mayDesign(user.getName());
    model.addAttribute("mayAttach", mayAttach);
    model.addAttribute("availableCrfs", mayAttach
        ? crfs.listCrfs(user.getName(), null, textOrder.comparator(LocaleContextHolder.getLocale()),
            PageRequest.of(0, MAX_CRFS_OFFERED)).getContent()
        : List.of());
    return "study/event-crfs";
  }

  @GetMapping("/events/{id}/crfs/new")
  public String attachForm(
      @PathVariable long id, @RequestParam long crfId, Principal user, Model model) {
    CrfParametersForm form = new CrfParametersForm();
    form.setCrfId(crfId);
    // the newest available version is the usual choice
    crfs.versionsOf(crfId).stream()
        .filter(v -> v.status() == jp.ac.umin.libreclinica.core.crf.CrfVersionStatus.AVAILABLE)
        .reduce((first, second) -> second)
        .ifPresent(v -> form.setDefaultVersionId(v.id()));
    return attachPage(id, crfId, form, user, model);
  }

  @PostMapping("/events/{id}/crfs")
  public String attach(
      @PathVariable long id,
      @ModelAttribute("form") CrfParametersForm form,
      BindingResult binding,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    if (form.getCrfId() == null) {
      redirect.addFlashAttribute("flash", text("eventcrf.chooseCrf"));
      return "redirect:/events/" + id + "/crfs";
    }
    try {
      events.attachCrf(id, form.getCrfId(), form.toParameters(), user.getName());
    } catch (StudyException e) {
      if (e.messageKey().endsWith("notFound")) {
        throw e;
      }
      binding.reject(e.messageKey(), e.arguments(), null);
      return attachPage(id, form.getCrfId(), form, user, model);
    }
    redirect.addFlashAttribute("flash", text("eventcrf.attached", crfs.summary(form.getCrfId()).name()));
    return "redirect:/events/" + id + "/crfs";
  }

  @GetMapping("/events/{id}/crfs/{edcId}")
  public String editForm(
      @PathVariable long id, @PathVariable long edcId, Principal user, Model model) {
    EventDefinitionCrf row = events.getCrfOf(id, edcId);
    return editPage(id, row, CrfParametersForm.of(row.getParameters()), user, model);
  }

  @PostMapping("/events/{id}/crfs/{edcId}")
  public String update(
      @PathVariable long id,
      @PathVariable long edcId,
      @ModelAttribute("form") CrfParametersForm form,
      BindingResult binding,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    EventDefinitionCrf row = events.getCrfOf(id, edcId);
    try {
      events.updateCrfParameters(edcId, form.toParameters(), user.getName());
    } catch (StudyException e) {
      if (e.messageKey().endsWith("notFound")) {
        throw e;
      }
      binding.reject(e.messageKey(), e.arguments(), null);
      return editPage(id, row, form, user, model);
    }
    redirect.addFlashAttribute("flash", text("eventcrf.saved", crfs.summary(row.getCrfId()).name()));
    return "redirect:/events/" + id + "/crfs";
  }

  @GetMapping("/events/{id}/crfs/{edcId}/sites/{siteId}")
  public String siteForm(
      @PathVariable long id,
      @PathVariable long edcId,
      @PathVariable long siteId,
      Principal user,
      Model model) {
    EventDefinitionCrf row = events.getCrfOf(id, edcId);
    Study site = siteOf(id, siteId, user);
    CrfParametersForm form = CrfParametersForm.of(events.effectiveParameters(siteId, edcId));
    return sitePage(id, row, site, form, user, model);
  }

  @PostMapping("/events/{id}/crfs/{edcId}/sites/{siteId}")
  public String saveSite(
      @PathVariable long id,
      @PathVariable long edcId,
      @PathVariable long siteId,
      @ModelAttribute("form") CrfParametersForm form,
      BindingResult binding,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    EventDefinitionCrf row = events.getCrfOf(id, edcId);
    Study site = siteOf(id, siteId, user);
    try {
      events.setSiteParameters(siteId, edcId, form.toParameters(), user.getName());
    } catch (StudyException e) {
      if (e.messageKey().endsWith("notFound")) {
        throw e;
      }
      binding.reject(e.messageKey(), e.arguments(), null);
      return sitePage(id, row, site, form, user, model);
    }
    redirect.addFlashAttribute(
        "flash", text("eventcrf.siteSaved", crfs.summary(row.getCrfId()).name(), site.getName()));
    return "redirect:/events/" + id + "/crfs";
  }

  /** Asks to confirm removing or restoring an attached CRF, with a reason. */
  @GetMapping("/events/{id}/crfs/{edcId}/status")
  public String statusForm(
      @PathVariable long id,
      @PathVariable long edcId,
      @RequestParam String action,
      Principal user,
      Model model) {
    EventDefinitionCrf row = events.getCrfOf(id, edcId);
    StudyEventDefinition event = events.get(id);
    studies.requireBuilder(user.getName(), event.getStudyId());
    return statusPage(event, row, "restore".equals(action) ? "restore" : "remove", null, user, model);
  }

  @PostMapping("/events/{id}/crfs/{edcId}/status")
  public String changeStatus(
      @PathVariable long id,
      @PathVariable long edcId,
      @RequestParam String action,
      @RequestParam(required = false) String reason,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    EventDefinitionCrf row = events.getCrfOf(id, edcId);
    StudyEventDefinition event = events.get(id);
    boolean restore = "restore".equals(action);
    try {
      if (restore) {
        events.restoreCrf(edcId, reason, user.getName());
      } else {
        events.removeCrf(edcId, reason, user.getName());
      }
    } catch (StudyException e) {
      if (e.messageKey().endsWith("notFound")) {
        throw e;
      }
      return statusPage(event, row, restore ? "restore" : "remove",
          text(e.messageKey(), e.arguments()), user, model);
    }
    redirect.addFlashAttribute("flash", text(restore ? "eventcrf.restored" : "eventcrf.removed",
        crfs.summary(row.getCrfId()).name()));
    return "redirect:/events/" + id + "/crfs";
  }

  private String statusPage(
      StudyEventDefinition event, EventDefinitionCrf row, String action, String error,
      Principal user, Model model) {
    model.addAttribute("event", event);
    model.addAttribute("study", studies.view(user.getName(), event.getStudyId()));
    model.addAttribute("row", row);
    model.addAttribute("crf", crfs.summary(row.getCrfId()));
    model.addAttribute("action", action);
    model.addAttribute("error", error);
    return "study/event-crf-status";
  }

  private String attachPage(long id, long crfId, CrfParametersForm form, Principal user, Model model) {
    StudyEventDefinition event = events.get(id);
    model.addAttribute("event", event);
    model.addAttribute("study", studies.view(user.getName(), event.getStudyId()));
    model.addAttribute("crf", crfs.summary(crfId));
    model.addAttribute("versions", crfs.versionsOf(crfId));
    model.addAttribute("form", form);
    model.addAttribute("mode", "attach");
    return "study/event-crf-form";
  }

  private String editPage(
      long id, EventDefinitionCrf row, CrfParametersForm form, Principal user, Model model) {
    StudyEventDefinition event = events.get(id);
    model.addAttribute("event", event);
    model.addAttribute("study", studies.view(user.getName(), event.getStudyId()));
    model.addAttribute("row", row);
    model.addAttribute("crf", crfs.summary(row.getCrfId()));
    model.addAttribute("versions", crfs.versionsOf(row.getCrfId()));
    model.addAttribute("form", form);
    model.addAttribute("mode", "edit");
    return "study/event-crf-form";
  }

  private String sitePage(
      long id, EventDefinitionCrf row, Study site, CrfParametersForm form, Principal user, Model model) {
    editPage(id, row, form, user, model);
    model.addAttribute("site", site);
    model.addAttribute("studyLevel", row.getParameters());
    model.addAttribute("mode", "site");
    return "study/event-crf-form";
  }

  /** The site, if it is a site of the event's study that the user may see; else "not found". */
  private Study siteOf(long eventId, long siteId, Principal user) {
    StudyEventDefinition event = events.get(eventId);
    Study site = studies.view(user.getName(), siteId);
    if (!site.isSite() || !site.getParent().getId().equals(event.getStudyId())) {
      throw new StudyException("study.notFound", siteId);
    }
    return site;
  }

  private Map<Long, String> versionNames(long crfId) {
    return crfs.versionsOf(crfId).stream()
        .collect(Collectors.toMap(CrfVersionSummary::id, CrfVersionSummary::name, (a, b) -> a));
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }
}
