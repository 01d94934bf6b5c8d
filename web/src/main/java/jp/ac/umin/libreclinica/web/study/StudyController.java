package jp.ac.umin.libreclinica.web.study;

import java.security.Principal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.odm.importing.OdmUploadService;
import jp.ac.umin.libreclinica.core.study.ProtocolType;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyDetails;
import jp.ac.umin.libreclinica.core.study.StudyException;
import jp.ac.umin.libreclinica.core.study.StudyPhase;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.input.TextOrder;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
import jp.ac.umin.libreclinica.core.study.StudyUserService;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.SmartValidator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages to create, view and change studies and their sites. */
@Controller
@RequestMapping("/studies")
public class StudyController {

  private static final int PAGE_SIZE = 25;

  private final StudyService studies;
  private final EventDefinitionService events;
  private final StudyUserService people;
  private final SmartValidator validator;
  private final MessageSource messages;

  private final TextOrder textOrder;
  private final OdmUploadService imports;

  public StudyController(
      StudyService studies,
      EventDefinitionService events,
      StudyUserService people,
      SmartValidator validator,
      MessageSource messages,
      TextOrder textOrder,
      OdmUploadService imports) {
    this.textOrder = textOrder;
    this.imports = imports;
    this.studies = studies;
    this.events = events;
    this.people = people;
    this.validator = validator;
    this.messages = messages;
  }

  @ModelAttribute("phases")
  public List<StudyPhase> phases() {
    return Arrays.asList(StudyPhase.values());
  }

  @ModelAttribute("protocolTypes")
  public List<ProtocolType> protocolTypes() {
    return Arrays.asList(ProtocolType.values());
  }

  @GetMapping
  public String list(@RequestParam(defaultValue = "0") int page, Principal user, Model model) {
    Page<Study> listed =
        // ordered for the reader's language (Japanese collation under Japanese)
        studies.listStudies(user.getName(),
            textOrder.comparator(LocaleContextHolder.getLocale()),
            PageRequest.of(Math.max(page, 0), PAGE_SIZE));
    // a site user may not open the parent study: offer their own sites instead
    Map<Long, List<Study>> sitesOnly = new HashMap<>();
    for (Study s : listed.getContent()) {
      if (!studies.mayView(user.getName(), s.getId())) {
        sitesOnly.put(s.getId(), studies.sitesOf(user.getName(), s.getId()));
      }
    }
    model.addAttribute("studies", listed);
    model.addAttribute("sitesOnly", sitesOnly);
    model.addAttribute("mayCreate", studies.mayCreate(user.getName()));
    return "study/list";
  }

  @GetMapping("/new")
  public String newStudy(Model model) {
    model.addAttribute("form", new StudyForm());
    model.addAttribute("parent", null);
    return "study/form";
  }

  @PostMapping
  public String create(
      @ModelAttribute("form") StudyForm form,
      BindingResult binding,
      Principal user,
      RedirectAttributes redirect) {
    StudyDetails details = form.toDetails();
    validator.validate(details, binding);
    if (binding.hasErrors()) {
      return "study/form";
    }
    try {
      Study s = studies.createStudy(details, user.getName());
      redirect.addFlashAttribute("flash", text("study.created", s.getProtocolId()));
      return "redirect:/studies/" + s.getId();
    } catch (StudyException e) {
      reject(binding, e);
      return "study/form";
    }
  }

  @GetMapping("/{id}")
  public String view(@PathVariable long id, Principal user, Model model) {
    Study study = studies.view(user.getName(), id);
    model.addAttribute("study", study);
    model.addAttribute("details", study.details());
    model.addAttribute("sites", study.isSite() ? List.of() : studies.sitesOf(user.getName(), id));
    model.addAttribute("events", study.isSite() ? List.of() : events.list(user.getName(), id));
    model.addAttribute("targets", targetsOf(study));
    model.addAttribute("mayManageUsers", people.mayManage(user.getName(), rootId(study)));
    model.addAttribute("mayBuild", studies.mayBuild(user.getName(), id));
    model.addAttribute("mayImport", imports.mayImport(user.getName(), id));
    model.addAttribute(
        "mayViewParent", study.isSite() && studies.mayView(user.getName(), rootId(study)));
    return "study/view";
  }

  @GetMapping("/{id}/edit")
  public String edit(@PathVariable long id, Principal user, Model model) {
    studies.requireBuilder(user.getName(), id);
    Study study = studies.view(user.getName(), id);
    model.addAttribute("form", StudyForm.of(study.details(), study.getVersion()));
    model.addAttribute("study", study);
    model.addAttribute("parent", study.getParent());
    return "study/form";
  }

  @PostMapping("/{id}/edit")
  public String update(
      @PathVariable long id,
      @ModelAttribute("form") StudyForm form,
      BindingResult binding,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    Study study = studies.view(user.getName(), id);
    model.addAttribute("study", study);
    model.addAttribute("parent", study.getParent());
    StudyDetails details = form.toDetails();
    validator.validate(details, binding);
    if (binding.hasErrors()) {
      return "study/form";
    }
    try {
      studies.updateDetails(id, form.getVersion(), details, user.getName());
      redirect.addFlashAttribute("flash", text("study.saved", details.protocolId()));
      return "redirect:/studies/" + id;
    } catch (StudyException e) {
      reject(binding, e);
      return "study/form";
    }
  }

  @GetMapping("/{id}/sites/new")
  public String newSite(@PathVariable long id, Principal user, Model model) {
    studies.requireBuilder(user.getName(), id);
    Study parent = studies.view(user.getName(), id);
    StudyForm form = new StudyForm();
    form.setPhase(parent.getPhase());
    form.setProtocolType(parent.getProtocolType());
    model.addAttribute("form", form);
    model.addAttribute("parent", parent);
    return "study/form";
  }

  @PostMapping("/{id}/sites")
  public String createSite(
      @PathVariable long id,
      @ModelAttribute("form") StudyForm form,
      BindingResult binding,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    model.addAttribute("parent", studies.view(user.getName(), id));
    StudyDetails details = form.toDetails();
    validator.validate(details, binding);
    if (binding.hasErrors()) {
      return "study/form";
    }
    try {
      Study site = studies.createSite(id, details, user.getName());
      redirect.addFlashAttribute("flash", text("study.site.created", site.getProtocolId()));
      return "redirect:/studies/" + site.getId();
    } catch (StudyException e) {
      reject(binding, e);
      return "study/form";
    }
  }

  @GetMapping("/{id}/status")
  public String statusForm(
      @PathVariable long id, @RequestParam String target, Principal user, Model model) {
    studies.requireBuilder(user.getName(), id);
    Study study = studies.view(user.getName(), id);
    model.addAttribute("study", study);
    model.addAttribute("target", target);
    return "study/status";
  }

  /** Changes the status; removal and restore need a reason. */
  @PostMapping("/{id}/status")
  public String changeStatus(
      @PathVariable long id,
      @RequestParam String target,
      @RequestParam(required = false) String reason,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    Study study = studies.view(user.getName(), id);
    try {
      if ("restore".equals(target)) {
        studies.restore(id, reason, user.getName());
      } else {
        studies.changeStatus(id, StudyStatus.ofCode(target), reason, user.getName());
      }
    } catch (StudyException e) {
      model.addAttribute("study", study);
      model.addAttribute("target", target);
      model.addAttribute("error", messages.getMessage(e.messageKey(), e.arguments(), LocaleContextHolder.getLocale()));
      return "study/status";
    }
    redirect.addFlashAttribute("flash", text("study.statusChanged", study.getProtocolId()));
    return "redirect:/studies/" + id;
  }

  private static long rootId(Study study) {
    return study.isSite() ? study.getParent().getId() : study.getId();
  }

  private static List<String> targetsOf(Study study) {
    if (study.getStatus().isRemoved()) {
      return List.of("restore");
    }
    return Arrays.stream(StudyStatus.values())
        .filter(s -> s != StudyStatus.AUTO_REMOVED && study.getStatus().canBecome(s))
        .map(StudyStatus::code)
        .toList();
  }

  private void reject(BindingResult binding, StudyException e) {
    if (e.messageKey().startsWith("study.protocolId")) {
      binding.rejectValue("protocolId", e.messageKey(), e.arguments(), null);
    } else {
      binding.reject(e.messageKey(), e.arguments(), null);
    }
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }
}
