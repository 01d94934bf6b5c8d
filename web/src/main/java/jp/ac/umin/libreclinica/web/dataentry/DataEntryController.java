package jp.ac.umin.libreclinica.web.dataentry;

import java.security.Principal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfVersionDetail;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseType;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryException;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.DoubleDataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.EventCrfStatus;
import jp.ac.umin.libreclinica.core.dataentry.ItemCalculator;
import jp.ac.umin.libreclinica.core.dataentry.ItemData;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.dataentry.SaveResult;
import jp.ac.umin.libreclinica.core.dataentry.ValueProblem;
import jp.ac.umin.libreclinica.core.discrepancy.DiscrepancyNoteService;
import jp.ac.umin.libreclinica.core.input.HalfWidthKatakana;
import jp.ac.umin.libreclinica.core.shared.MessageKeyException;
import jp.ac.umin.libreclinica.core.signature.ReauthenticationService;
import jp.ac.umin.libreclinica.core.signature.SignatureService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.web.security.AccountPrincipal;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The data entry page of one event CRF. A refused save shows the page again with what the user
 * typed, each problem next to its item, and, after someone else's save, their values beside.
 */
@Controller
public class DataEntryController {

  private final DataEntryService entry;
  private final CrfService crfs;
  private final MessageSource messages;
  private final StudyService studies;
  private final SignatureService signatures;
  private final AuthorizationService authorization;
  private final DiscrepancyNoteService notes;

  private final ReauthenticationService reauthentication;
  private final DoubleDataEntryService doubleEntry;

  public DataEntryController(
      DataEntryService entry,
      CrfService crfs,
      MessageSource messages,
      StudyService studies,
      SignatureService signatures,
      AuthorizationService authorization,
      DiscrepancyNoteService notes,
      ReauthenticationService reauthentication,
      DoubleDataEntryService doubleEntry) {
    this.reauthentication = reauthentication;
    this.doubleEntry = doubleEntry;
    this.entry = entry;
    this.crfs = crfs;
    this.messages = messages;
    this.studies = studies;
    this.signatures = signatures;
    this.authorization = authorization;
    this.notes = notes;
  }

  /** Opens (starting if needed) the event CRF of a CRF version in a subject's event. */
  @PostMapping("/event-crfs/start")
  public String start(
      @RequestParam long studyEvent,
      @RequestParam long crfVersion,
      Principal user,
      RedirectAttributes redirect) {
    try {
      EventCrf e = entry.startForEvent(user.getName(), studyEvent, crfVersion);
      return "redirect:/event-crfs/" + e.getId();
    } catch (DataEntryException ex) {
      redirect.addFlashAttribute("flash", text(ex.messageKey(), ex.arguments()));
      return "redirect:/";
    }
  }

  @GetMapping("/event-crfs/{id}")
  public String show(@PathVariable long id, Principal user, Model model) {
    EventCrf e = entry.get(user.getName(), id);
    if (e.getStatus().inSecondEntry() && doubleEntry.maySecondEnter(user.getName(), id)) {
      // double data entry: whoever may do the second pass enters it blind, on its own page
      return "redirect:/event-crfs/" + id + "/second-entry";
    }
    Map<ItemKey, ItemData> stored = entry.values(user.getName(), id);
    Map<String, String> values = new HashMap<>();
    Map<String, Long> seen = new HashMap<>();
    stored.forEach(
        (k, d) -> {
          values.put(FormLayout.valueName(k.itemName(), k.ordinal()), d.getValue());
          seen.put(FormLayout.seenName(k.itemName(), k.ordinal()), d.getVersion());
        });
    return render(user, model, e, stored, values, seen, Map.of(), Map.of(), 0);
  }

  @PostMapping("/event-crfs/{id}")
  public String save(
      @PathVariable long id,
      @RequestParam MultiValueMap<String, String> form,
      @RequestParam(defaultValue = "save") String action,
      @RequestParam(required = false) String reasonForChange,
      @RequestParam(defaultValue = "0") int extraRows,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    EventCrf e = entry.get(user.getName(), id);
    CrfVersionDetail version = crfs.getVersion(e.getCrfVersionId());
    Map<ItemKey, ItemData> stored = entry.values(user.getName(), id);
    FormLayout layout = FormLayout.of(version.definition(), stored, extraRows);
    Map<ItemKey, String> typed = new LinkedHashMap<>();
    Map<ItemKey, Long> seenVersions = new HashMap<>();
    Map<String, String> values = new HashMap<>();
    Map<String, Long> seen = new HashMap<>();
    Map<ItemKey, String> validationNotes = new HashMap<>();
    for (FormLayout.Section s : layout.sections()) {
      for (FormLayout.Block b : s.blocks()) {
        for (ItemDefinition item : b.items()) {
          for (int row : b.rows()) {
            String name = FormLayout.valueName(item.name(), row);
            FormLayout.readSeen(form, item.name(), row, seenVersions, seen);
            if (ItemCalculator.isCalculated(item) || item.responseType() == ResponseType.FILE) {
              // not typed on this page (computed on save, or uploaded on its own): show what is stored
              ItemData d = stored.get(new ItemKey(item.name(), row));
              values.put(name, d == null ? "" : d.getValue());
              continue;
            }
            List<String> given = form.get(name);
            String value = given == null ? "" : String.join(",", given);
            if (given != null || stored.containsKey(new ItemKey(item.name(), row))) {
              typed.put(new ItemKey(item.name(), row), value);
            }
            values.put(name, value);
            String note = form.getFirst(FormLayout.noteName(item.name(), row));
            if (note != null && !note.isBlank()) {
              validationNotes.put(new ItemKey(item.name(), row), note);
            }
          }
        }
      }
    }
    if ("addRow".equals(action)) {
      return render(user, model, e, stored, values, seen, Map.of(), Map.of(), extraRows + 1);
    }
    SaveResult result;
    try {
      result = entry.save(user.getName(), id, typed, seenVersions, reasonForChange, validationNotes);
    } catch (DataEntryException ex) {
      model.addAttribute("error", text(ex.messageKey(), ex.arguments()));
      return render(user, model, e, stored, values, seen, Map.of(), Map.of(), extraRows);
    }
    switch (result.outcome()) {
      case SAVED -> {
        redirect.addFlashAttribute("flash", text("dataentry.page.saved", result.changed()));
        return "redirect:/event-crfs/" + id;
      }
      case INVALID -> {
        Map<String, String> problems = new HashMap<>();
        result.problems().forEach((k, p) -> problems.put(FormLayout.valueName(k.itemName(), k.ordinal()), describe(p)));
        Map<String, String> overridable = new HashMap<>();
        result.problems().forEach((k, p) -> {
          if ("dataentry.value.editCheckFailed".equals(p.messageKey())) {
            String note = validationNotes.get(k);
            overridable.put(FormLayout.valueName(k.itemName(), k.ordinal()), note == null ? "" : note);
          }
        });
        model.addAttribute("overridable", overridable);
        model.addAttribute("error", text("dataentry.page.invalid", problems.size()));
        return render(user, model, e, stored, values, seen, problems, Map.of(), extraRows);
      }
      default -> {
        // someone else saved meanwhile: show their values, keep ours, and let a new save
        // knowingly replace them
        Map<String, String> meanwhile = new HashMap<>();
        for (ItemKey k : result.changedMeanwhile()) {
          ItemData d = stored.get(k);
          meanwhile.put(FormLayout.valueName(k.itemName(), k.ordinal()), d.getValue() + " (" + d.getUpdatedBy() + ")");
          seen.put(FormLayout.seenName(k.itemName(), k.ordinal()), d.getVersion());
        }
        model.addAttribute(
            "error",
            text("dataentry.page.conflict",
                String.join(", ", result.changedMeanwhile().stream().map(k -> k.itemName() + (k.ordinal() > 1 ? "#" + k.ordinal() : "")).toList())));
        return render(user, model, e, stored, values, seen, Map.of(), meanwhile, extraRows);
      }
    }
  }

  @PostMapping("/event-crfs/{id}/complete")
  public String complete(
      @PathVariable long id,
      @RequestParam(required = false) String password,
      Principal user,
      RedirectAttributes redirect) {
    try {
      entry.markComplete(user.getName(), id, password);
      redirect.addFlashAttribute("flash", text("dataentry.page.completed"));
    } catch (PermissionDeniedException ex) {
      throw ex;
    } catch (MessageKeyException ex) {
      redirect.addFlashAttribute("flash", text(ex.messageKey(), ex.arguments()));
    }
    return "redirect:/event-crfs/" + id;
  }

  private String render(
      Principal user,
      Model model,
      EventCrf e,
      Map<ItemKey, ItemData> stored,
      Map<String, String> values,
      Map<String, Long> seen,
      Map<String, String> problems,
      Map<String, String> meanwhile,
      int extraRows) {
    CrfVersionDetail version = crfs.getVersion(e.getCrfVersionId());
    model.addAttribute("eventCrf", e);
    model.addAttribute("version", version);
    model.addAttribute("layout", FormLayout.of(version.definition(), stored, extraRows));
    model.addAttribute("values", values);
    model.addAttribute("seen", seen);
    model.addAttribute("problems", problems);
    model.addAttribute("meanwhile", meanwhile);
    model.addAttribute("extraRows", extraRows);
    model.addAttribute("names", new FieldNames());
    model.addAttribute("hasFileItems", version.definition().items().stream()
        .anyMatch(i -> i.responseType() == jp.ac.umin.libreclinica.core.crf.definition.ResponseType.FILE));
    Study study = studies.get(e.getStudyId());
    model.addAttribute("eraShown",
        (study.isSite() ? study.getParent() : study).getParameters().isEraShown());
    // half-width katakana is kept as typed, but flagged beside the item (not an error)
    Set<String> halfWidthKana = new HashSet<>();
    values.forEach((name, value) -> {
      if (HalfWidthKatakana.contains(value)) {
        halfWidthKana.add(name);
      }
    });
    model.addAttribute("halfWidthKana", halfWidthKana);
    String actor = LoggedIn.name();
    model.addAttribute("signatures", signatures.signaturesCovering(actor, e.getStudyEventId()));
    boolean presence = entry.passwordRequiredOnCompletion(e);
    // single sign-on users prove presence at their identity provider instead of a password
    String reauthUrl = presence && e.getStatus() == EventCrfStatus.INITIAL_DATA_ENTRY
        ? reauthentication.redirectFor(actor, signInMethod(user), "/event-crfs/" + e.getId()).orElse(null)
        : null;
    model.addAttribute("passwordOnCompletion", presence && reauthUrl == null && reauthentication.asksForPassword(actor));
    model.addAttribute("reauthUrl", reauthUrl);
    model.addAttribute("mayLock", authorization.isPermitted(actor, e.getStudyId(), Permission.LOCK_DATA));
    model.addAttribute("doubleDataEntry", entry.isDoubleDataEntry(e));
    model.addAttribute("flags", notes.itemFlags(user.getName(), e.getId()));
    if (!model.containsAttribute("overridable")) {
      model.addAttribute("overridable", Map.of());
    }
    return "dataentry/form";
  }

  private String describe(ValueProblem p) {
    if (p.authorMessage() != null && !p.authorMessage().isBlank()) {
      return p.authorMessage();
    }
    return text(p.messageKey(), p.arguments().toArray());
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }

  /** The signed-in user, for what the page shows around the form. */
  private static final class LoggedIn {
    static String name() {
      var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
      return auth == null ? null : auth.getName();
    }
  }

  /** Lets templates name the fields: {@code ${names.value(item.name, row)}}. */
  public static final class FieldNames {
    public String value(String item, int row) {
      return FormLayout.valueName(item, row);
    }

    public String seen(String item, int row) {
      return FormLayout.seenName(item, row);
    }

    public String note(String item, int row) {
      return FormLayout.noteName(item, row);
    }
  }

  private static String signInMethod(Principal user) {
    return user instanceof Authentication a && a.getPrincipal() instanceof AccountPrincipal p
        ? p.getSignInMethod()
        : null;
  }
}
