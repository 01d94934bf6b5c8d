package jp.ac.umin.libreclinica.web.subject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.signature.SignatureService;
import jp.ac.umin.libreclinica.core.discrepancy.DiscrepancyNoteService;
import jp.ac.umin.libreclinica.core.discrepancy.NoteField;
import jp.ac.umin.libreclinica.core.discrepancy.NoteStatus;
import jp.ac.umin.libreclinica.core.dataentry.EventForm;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.ac.umin.libreclinica.core.casebook.MatrixQuery;
import jp.ac.umin.libreclinica.core.casebook.MatrixSort;
import jp.ac.umin.libreclinica.core.casebook.SubjectCasebookService;
import jp.ac.umin.libreclinica.core.casebook.SubjectMatrix;
import jp.ac.umin.libreclinica.core.casebook.SubjectMatrixService;
import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;
import jp.ac.umin.libreclinica.core.study.GroupClassService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyException;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.DuplicatePersonIdWarning;
import jp.ac.umin.libreclinica.core.subject.Sex;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectException;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.core.subject.SubjectStatus;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The subject matrix of a study or site, the subject page, and the pages to add, edit, remove,
 * restore and reassign subjects.
 */
@Controller
public class SubjectController {

  static final int PAGE_SIZE = 50;
  private static final String EVENT_FILTER = "e";

  private final SubjectMatrixService matrices;
  private final SubjectCasebookService casebooks;
  private final SubjectService subjects;
  private final StudyService studies;
  private final GroupClassService groupClasses;
  private final MessageSource messages;
  private final DataEntryService dataEntry;
  private final SignatureService signatures;
  private final AuthorizationService authorization;
  private DiscrepancyNoteService notes;

  public SubjectController(
      SubjectMatrixService matrices,
      SubjectCasebookService casebooks,
      SubjectService subjects,
      StudyService studies,
      GroupClassService groupClasses,
      MessageSource messages,
      DataEntryService dataEntry,
      SignatureService signatures,
      AuthorizationService authorization) {
    this.matrices = matrices;
    this.casebooks = casebooks;
    this.subjects = subjects;
    this.studies = studies;
    this.groupClasses = groupClasses;
    this.messages = messages;
    this.dataEntry = dataEntry;
    this.signatures = signatures;
    this.authorization = authorization;
  }

  /** The flags of subject and event fields (discrepancy notes). */
  @org.springframework.beans.factory.annotation.Autowired
  void setNotes(DiscrepancyNoteService notes) {
    this.notes = notes;
  }

  /** The studies and sites whose subjects the user may see. */
  @GetMapping("/subjects")
  public String choose(Principal user, Model model) {
    model.addAttribute("scopes", matrices.scopes(user.getName()));
    return "subject/choose";
  }

  @GetMapping("/studies/{id}/subjects")
  public String matrix(
      @PathVariable long id,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) Long site,
      @RequestParam(required = false) SubjectStatus status,
      @RequestParam(required = false) Long group,
      @RequestParam(required = false) MatrixSort sort,
      @RequestParam(required = false) String dir,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam Map<String, String> all,
      Principal user,
      Model model) {
    Map<Long, SubjectEventStatus> eventFilters = new HashMap<>();
    Map<String, String> kept = new LinkedHashMap<>();
    all.forEach((k, v) -> {
      if (k.matches(EVENT_FILTER + "\\d{1,18}") && v != null && !v.isBlank()) {
        try {
          eventFilters.put(Long.valueOf(k.substring(1)), SubjectEventStatus.valueOf(v));
          kept.put(k, v);
        } catch (IllegalArgumentException ignored) {
          // an unknown status filters nothing, as an empty choice does
        }
      }
    });
    boolean desc = "desc".equals(dir);
    SubjectMatrix m =
        matrices.matrix(
            user.getName(), id,
            new MatrixQuery(q, site, status, group, eventFilters, sort, desc, page, PAGE_SIZE));
    kept.put("q", q);
    kept.put("site", site == null ? null : site.toString());
    kept.put("status", status == null ? null : status.name());
    kept.put("group", group == null ? null : group.toString());
    kept.put("sort", sort == null ? null : sort.name());
    kept.put("dir", dir);
    model.addAttribute("m", m);
    model.addAttribute("links", new MatrixLinks("/studies/" + id + "/subjects", kept));
    model.addAttribute("q", q);
    model.addAttribute("site", site);
    model.addAttribute("status", status);
    model.addAttribute("group", group);
    model.addAttribute("eventFilters", eventFilters);
    model.addAttribute("subjectStatuses", SubjectStatus.values());
    model.addAttribute("eventStatuses", SubjectEventStatus.values());
    // resolved once per page, not once per cell: a page has up to 50 x (number of events) cells
    Map<String, String> statusNames = new HashMap<>();
    for (SubjectEventStatus s : SubjectEventStatus.values()) {
      statusNames.put(s.name(), text(s.messageKey()));
    }
    model.addAttribute("statusNames", statusNames);
    model.addAttribute("autoRemovedName", text("subject.record.AUTO_REMOVED"));
    model.addAttribute("groupClasses", groupClasses.list(m.parent().getId()));
    return "subject/matrix";
  }

  @GetMapping("/studies/{id}/subjects/new")
  public String newSubject(@PathVariable long id, Principal user, Model model) {
    Study scope = studies.view(user.getName(), id);
    SubjectForm form = new SubjectForm();
    form.setSiteId(scope.getId());
    return showForm(scope, null, form, model, user);
  }

  @PostMapping("/studies/{id}/subjects")
  public String add(
      @PathVariable long id,
      @Validated @ModelAttribute("form") SubjectForm form,
      BindingResult binding,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    Study scope = studies.view(user.getName(), id);
    if (binding.hasErrors()) {
      return showForm(scope, null, form, model, user);
    }
    try {
      StudySubject s =
          subjects.add(id, form.getSiteId(), form.toInput(), form.getRequestToken(),
              form.isConfirmDuplicatePersonId(), user.getName());
      redirect.addFlashAttribute("flash", text("subject.added", s.getLabel()));
      return "redirect:/subjects/" + s.getId();
    } catch (SubjectException e) {
      reject(binding, e, model);
    } catch (StudyException e) {
      binding.reject(e.messageKey(), e.arguments(), e.messageKey());
    }
    return showForm(scope, null, form, model, user);
  }

  @GetMapping("/subjects/{id}")
  public String view(
      @PathVariable long id,
      @RequestParam(defaultValue = "0") int auditPage,
      Principal user,
      Model model) {
    var casebook = casebooks.casebook(user.getName(), id, PageRequest.of(Math.max(auditPage, 0), 50));
    model.addAttribute("c", casebook);
    Map<Long, List<EventForm>> forms = new HashMap<>();
    casebook.events().stream()
        .filter(l -> !l.event().getRemoval().isRemoved())
        .forEach(l -> forms.put(l.event().getId(), dataEntry.formsOfEvent(user.getName(), l.event().getId())));
    model.addAttribute("forms", forms);
    var signed = signatures.signaturesOf(user.getName(), id);
    model.addAttribute("signatures", signed);
    model.addAttribute("casebookSigned", signed.stream().anyMatch(st -> st.valid() && st.signature().isCasebook()));
    model.addAttribute("maySign", signatures.maySign(user.getName(), casebook.subject()));
    model.addAttribute("mayLock",
        authorization.isPermitted(user.getName(), casebook.subject().getStudyId(), Permission.LOCK_DATA));
    model.addAttribute("subjectFlags", byName(notes.subjectFlags(user.getName(), id)));
    Map<Long, Map<String, NoteStatus>> eventFlags = new HashMap<>();
    notes.eventFlags(user.getName(), id, casebook.events().stream().map(l -> l.event().getId()).toList())
        .forEach((event, flags) -> eventFlags.put(event, byName(flags)));
    model.addAttribute("eventFlags", eventFlags);
    return "subject/view";
  }

  @GetMapping("/subjects/{id}/edit")
  public String edit(@PathVariable long id, Principal user, Model model) {
    StudySubject s = subjects.view(user.getName(), id);
    return showForm(studies.get(s.getStudyId()), s, SubjectForm.of(s, subjects.groupsOf(id)), model, user);
  }

  @PostMapping("/subjects/{id}/edit")
  public String update(
      @PathVariable long id,
      @Validated @ModelAttribute("form") SubjectForm form,
      BindingResult binding,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    StudySubject s = subjects.view(user.getName(), id);
    Study site = studies.get(s.getStudyId());
    if (binding.hasErrors()) {
      return showForm(site, s, form, model, user);
    }
    try {
      StudySubject saved =
          subjects.update(id, form.getVersion(), form.toInput(), form.isConfirmDuplicatePersonId(), user.getName());
      redirect.addFlashAttribute("flash", text("subject.saved", saved.getLabel()));
      return "redirect:/subjects/" + id;
    } catch (SubjectException e) {
      reject(binding, e, model);
    } catch (StudyException e) {
      binding.reject(e.messageKey(), e.arguments(), e.messageKey());
    }
    return showForm(site, s, form, model, user);
  }

  @GetMapping("/subjects/{id}/status")
  public String statusForm(
      @PathVariable long id, @RequestParam String action, Principal user, Model model) {
    model.addAttribute("subject", subjects.view(user.getName(), id));
    model.addAttribute("action", "restore".equals(action) ? "restore" : "remove");
    return "subject/status";
  }

  @PostMapping("/subjects/{id}/status")
  public String changeStatus(
      @PathVariable long id,
      @RequestParam String action,
      @RequestParam(required = false) String reason,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    StudySubject s = subjects.view(user.getName(), id);
    try {
      if ("restore".equals(action)) {
        subjects.restore(id, reason, user.getName());
      } else {
        subjects.remove(id, reason, user.getName());
      }
    } catch (SubjectException | StudyException e) {
      model.addAttribute("subject", s);
      model.addAttribute("action", "restore".equals(action) ? "restore" : "remove");
      model.addAttribute("error", text(e));
      return "subject/status";
    }
    redirect.addFlashAttribute("flash", text("subject.statusChanged", s.getLabel()));
    return "redirect:/subjects/" + id;
  }

  @GetMapping("/subjects/{id}/reassign")
  public String reassignForm(@PathVariable long id, Principal user, Model model) {
    StudySubject s = subjects.view(user.getName(), id);
    return showReassign(s, model, null);
  }

  @PostMapping("/subjects/{id}/reassign")
  public String reassign(
      @PathVariable long id,
      @RequestParam(required = false) Long site,
      @RequestParam(required = false) String reason,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    StudySubject s = subjects.view(user.getName(), id);
    if (site == null) {
      return showReassign(s, model, text("subject.reassign.chooseSite"));
    }
    try {
      subjects.reassign(id, site, reason, user.getName());
    } catch (SubjectException | StudyException e) {
      return showReassign(s, model, text(e));
    }
    redirect.addFlashAttribute("flash", text("subject.reassigned", s.getLabel()));
    return "redirect:/subjects/" + id;
  }

  private String showReassign(StudySubject s, Model model, String error) {
    List<Study> targets = new ArrayList<>();
    Study parent = studies.get(s.getParentStudyId());
    targets.add(parent);
    targets.addAll(studies.sitesOf(parent.getId()));
    targets.removeIf(t -> t.getId() == s.getStudyId() || t.getStatus().isRemoved());
    model.addAttribute("subject", s);
    model.addAttribute("current", studies.get(s.getStudyId()));
    model.addAttribute("targets", targets);
    model.addAttribute("error", error);
    return "subject/reassign";
  }

  private static Map<String, NoteStatus> byName(Map<NoteField, NoteStatus> flags) {
    Map<String, NoteStatus> m = new HashMap<>();
    flags.forEach((f, st) -> m.put(f.name(), st));
    return m;
  }

  private String showForm(Study scope, StudySubject subject, SubjectForm form, Model model, Principal user) {
    Study parent = scope.isSite() ? scope.getParent() : scope;
    model.addAttribute("subjectFlags",
        subject == null ? Map.of() : byName(notes.subjectFlags(user.getName(), subject.getId())));
    model.addAttribute("form", form);
    model.addAttribute("scope", scope);
    model.addAttribute("parent", parent);
    model.addAttribute("subject", subject);
    model.addAttribute("parameters", parent.getParameters());
    model.addAttribute("siteParameters", scope.getParameters());
    model.addAttribute("sexes", Arrays.asList(Sex.values()));
    model.addAttribute("groupClasses",
        groupClasses.list(parent.getId()).stream()
            .filter(c -> !c.getStatus().isRemoved())
            .filter(c -> c.getAssignment() != jp.ac.umin.libreclinica.core.study.SubjectGroupClass.Assignment.NOT_USED)
            .toList());
    List<Study> sites = new ArrayList<>();
    if (subject == null && !scope.isSite()) {
      sites.add(scope);
      sites.addAll(studies.sitesOf(user.getName(), scope.getId()).stream().filter(x -> !x.getStatus().isRemoved()).toList());
    }
    model.addAttribute("sites", sites);
    return "subject/form";
  }

  private void reject(BindingResult binding, SubjectException e, Model model) {
    if (e instanceof DuplicatePersonIdWarning) {
      model.addAttribute("duplicatePersonId", true);
    }
    String field = e.field();
    if (field != null && binding.getFieldType(field) != null) {
      binding.rejectValue(field, e.messageKey(), e.arguments(), e.messageKey());
    } else {
      binding.reject(e.messageKey(), e.arguments(), e.messageKey());
    }
  }

  private String text(SubjectException e) {
    return messages.getMessage(e.messageKey(), e.arguments(), LocaleContextHolder.getLocale());
  }

  private String text(RuntimeException e) {
    if (e instanceof SubjectException s) {
      return text(s);
    }
    StudyException s = (StudyException) e;
    return messages.getMessage(s.messageKey(), s.arguments(), LocaleContextHolder.getLocale());
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }
}
