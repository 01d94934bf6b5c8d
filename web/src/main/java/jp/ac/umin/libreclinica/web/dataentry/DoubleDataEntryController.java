package jp.ac.umin.libreclinica.web.dataentry;

import java.security.Principal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfVersionDetail;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseType;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.DoubleDataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.dataentry.ItemResolution;
import jp.ac.umin.libreclinica.core.dataentry.Mismatch;
import jp.ac.umin.libreclinica.core.dataentry.Resolution;
import jp.ac.umin.libreclinica.core.dataentry.SecondEntryResult;
import jp.ac.umin.libreclinica.core.dataentry.SecondEntryValue;
import jp.ac.umin.libreclinica.core.dataentry.ValueProblem;
import jp.ac.umin.libreclinica.core.shared.MessageKeyException;
import jp.ac.umin.libreclinica.core.signature.ReauthenticationService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Double data entry pages: the blind second entry of a CRF ({@code /event-crfs/{id}/second-entry},
 * the first pass's values never shown) and the reconciliation of the items where the two entries
 * differ ({@code /event-crfs/{id}/reconcile}), from where the CRF is completed.
 */
@Controller
public class DoubleDataEntryController {

  private final DoubleDataEntryService dde;
  private final DataEntryService entry;
  private final CrfService crfs;
  private final StudyService studies;
  private final MessageSource messages;
  private final ReauthenticationService reauthentication;

  public DoubleDataEntryController(
      DoubleDataEntryService dde,
      DataEntryService entry,
      CrfService crfs,
      StudyService studies,
      MessageSource messages,
      ReauthenticationService reauthentication) {
    this.dde = dde;
    this.entry = entry;
    this.crfs = crfs;
    this.studies = studies;
    this.messages = messages;
    this.reauthentication = reauthentication;
  }

  @GetMapping("/event-crfs/{id}/second-entry")
  public String show(@PathVariable long id, Principal user, Model model, RedirectAttributes redirect) {
    EventCrf e = entry.get(user.getName(), id);
    Map<ItemKey, SecondEntryValue> stored;
    try {
      stored = dde.secondValues(user.getName(), id);
    } catch (PermissionDeniedException ex) {
      throw ex;
    } catch (MessageKeyException ex) {
      redirect.addFlashAttribute("flash", text(ex.messageKey(), ex.arguments()));
      return "redirect:/event-crfs/" + id;
    }
    Map<String, String> values = new HashMap<>();
    Map<String, Long> seen = new HashMap<>();
    stored.forEach((k, v) -> {
      values.put(FormLayout.valueName(k.itemName(), k.ordinal()), v.getValue());
      seen.put(FormLayout.seenName(k.itemName(), k.ordinal()), v.getVersion());
    });
    return render(model, e, stored, values, seen, Map.of(), Map.of(), 0);
  }

  @PostMapping("/event-crfs/{id}/second-entry")
  public String save(
      @PathVariable long id,
      @RequestParam MultiValueMap<String, String> form,
      @RequestParam(defaultValue = "save") String action,
      @RequestParam(defaultValue = "0") int extraRows,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    EventCrf e = entry.get(user.getName(), id);
    Map<ItemKey, SecondEntryValue> stored;
    try {
      stored = dde.secondValues(user.getName(), id);
    } catch (PermissionDeniedException ex) {
      throw ex;
    } catch (MessageKeyException ex) {
      redirect.addFlashAttribute("flash", text(ex.messageKey(), ex.arguments()));
      return "redirect:/event-crfs/" + id;
    }
    CrfVersionDetail version = crfs.getVersion(e.getCrfVersionId());
    FormLayout layout = FormLayout.of(version.definition(), stored, extraRows);
    Map<ItemKey, String> typed = new LinkedHashMap<>();
    Map<ItemKey, Long> seenVersions = new HashMap<>();
    Map<String, String> values = new HashMap<>();
    Map<String, Long> seen = new HashMap<>();
    for (FormLayout.Section s : layout.sections()) {
      for (FormLayout.Block b : s.blocks()) {
        for (ItemDefinition item : b.items()) {
          for (int row : b.rows()) {
            String name = FormLayout.valueName(item.name(), row);
            List<String> given = form.get(name);
            String value = given == null ? "" : String.join(",", given);
            values.put(name, value);
            if (item.responseType() != ResponseType.FILE) {
              // the whole form was shown: an option left unchosen is an empty value
              typed.put(new ItemKey(item.name(), row), value);
            }
            FormLayout.readSeen(form, item.name(), row, seenVersions, seen);
          }
        }
      }
    }
    if ("addRow".equals(action)) {
      return render(model, e, stored, values, seen, Map.of(), Map.of(), extraRows + 1);
    }
    SecondEntryResult result;
    try {
      result = dde.save(user.getName(), id, typed, seenVersions);
    } catch (PermissionDeniedException ex) {
      throw ex;
    } catch (MessageKeyException ex) {
      model.addAttribute("error", text(ex.messageKey(), ex.arguments()));
      return render(model, e, stored, values, seen, Map.of(), Map.of(), extraRows);
    }
    switch (result.outcome()) {
      case SAVED -> {
        if (result.mismatches().isEmpty()) {
          redirect.addFlashAttribute("flash", text("dde.page.savedAgree", result.changed()));
        } else {
          redirect.addFlashAttribute("flash", text("dde.page.savedDiffer", result.changed(), result.mismatches().size()));
        }
        return "redirect:/event-crfs/" + id + "/reconcile";
      }
      case INVALID -> {
        Map<String, String> problems = new HashMap<>();
        result.problems().forEach((k, p) -> problems.put(FormLayout.valueName(k.itemName(), k.ordinal()), describe(p)));
        model.addAttribute("error", text("dataentry.page.invalid", problems.size()));
        return render(model, e, stored, values, seen, problems, Map.of(), extraRows);
      }
      default -> {
        // another second user saved meanwhile: show their second-pass values, keep ours
        Map<String, String> meanwhile = new HashMap<>();
        for (ItemKey k : result.changedMeanwhile()) {
          SecondEntryValue v = stored.get(k);
          meanwhile.put(FormLayout.valueName(k.itemName(), k.ordinal()), v.getValue() + " (" + v.getEnteredBy() + ")");
          seen.put(FormLayout.seenName(k.itemName(), k.ordinal()), v.getVersion());
        }
        model.addAttribute("error", text("dde.page.conflict", names(result.changedMeanwhile())));
        return render(model, e, stored, values, seen, Map.of(), meanwhile, extraRows);
      }
    }
  }

  @GetMapping("/event-crfs/{id}/reconcile")
  public String reconcile(@PathVariable long id, Principal user, Model model, RedirectAttributes redirect) {
    EventCrf e = entry.get(user.getName(), id);
    List<Mismatch> mismatches;
    try {
      mismatches = dde.mismatches(user.getName(), id);
    } catch (PermissionDeniedException ex) {
      throw ex;
    } catch (MessageKeyException ex) {
      redirect.addFlashAttribute("flash", text(ex.messageKey(), ex.arguments()));
      return "redirect:/event-crfs/" + id;
    }
    return renderReconcile(user, model, e, mismatches, Map.of(), Map.of(), Map.of());
  }

  @PostMapping("/event-crfs/{id}/reconcile")
  public String resolve(
      @PathVariable long id,
      @RequestParam MultiValueMap<String, String> form,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    EventCrf e = entry.get(user.getName(), id);
    Map<ItemKey, ItemResolution> resolutions = new LinkedHashMap<>();
    Map<ItemKey, Long> seenVersions = new HashMap<>();
    Map<String, String> chosen = new HashMap<>();
    Map<String, String> corrected = new HashMap<>();
    for (String param : form.keySet()) {
      if (!param.startsWith("r.")) {
        continue;
      }
      ItemKey key = keyOf(param.substring(2));
      String how = form.getFirst(param);
      if (key == null || how == null || how.isBlank()) {
        continue;
      }
      Resolution resolution;
      try {
        resolution = Resolution.valueOf(how);
      } catch (IllegalArgumentException ex) {
        continue;
      }
      String suffix = key.itemName() + "." + key.ordinal();
      String typed = form.getFirst("c." + suffix);
      resolutions.put(key, new ItemResolution(resolution, typed));
      chosen.put(suffix, resolution.name());
      corrected.put(suffix, typed == null ? "" : typed);
      String seen = form.getFirst("s." + suffix);
      if (seen != null && seen.matches("\\d{1,18}")) {
        seenVersions.put(key, Long.valueOf(seen));
      }
    }
    if (resolutions.isEmpty()) {
      redirect.addFlashAttribute("flash", text("dde.page.nothingChosen"));
      return "redirect:/event-crfs/" + id + "/reconcile";
    }
    SecondEntryResult result;
    try {
      result = dde.resolve(user.getName(), id, resolutions, seenVersions);
    } catch (PermissionDeniedException ex) {
      throw ex;
    } catch (MessageKeyException ex) {
      redirect.addFlashAttribute("flash", text(ex.messageKey(), ex.arguments()));
      return "redirect:/event-crfs/" + id + "/reconcile";
    }
    switch (result.outcome()) {
      case SAVED -> {
        redirect.addFlashAttribute("flash", text("dde.page.resolved", result.changed(), result.mismatches().size()));
        return "redirect:/event-crfs/" + id + "/reconcile";
      }
      case INVALID -> {
        Map<String, String> problems = new HashMap<>();
        result.problems().forEach((k, p) -> problems.put(k.itemName() + "." + k.ordinal(), describe(p)));
        model.addAttribute("error", text("dataentry.page.invalid", problems.size()));
        return renderReconcile(user, model, e, dde.mismatches(user.getName(), id), problems, chosen, corrected);
      }
      default -> {
        model.addAttribute("error", text("dde.page.resolveConflict", names(result.changedMeanwhile())));
        return renderReconcile(user, model, e, dde.mismatches(user.getName(), id), Map.of(), Map.of(), Map.of());
      }
    }
  }

  @PostMapping("/event-crfs/{id}/second-entry/complete")
  public String complete(
      @PathVariable long id,
      @RequestParam(required = false) String password,
      Principal user,
      RedirectAttributes redirect) {
    try {
      dde.complete(user.getName(), id, password);
      redirect.addFlashAttribute("flash", text("dde.page.completed"));
      return "redirect:/event-crfs/" + id;
    } catch (PermissionDeniedException ex) {
      throw ex;
    } catch (MessageKeyException ex) {
      redirect.addFlashAttribute("flash", text(ex.messageKey(), ex.arguments()));
      return "redirect:/event-crfs/" + id + "/reconcile";
    }
  }

  private String render(
      Model model,
      EventCrf e,
      Map<ItemKey, SecondEntryValue> stored,
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
    model.addAttribute("names", new DataEntryController.FieldNames());
    model.addAttribute("eraShown", eraShown(e));
    model.addAttribute("halfWidthKana", new HashSet<String>());
    model.addAttribute("overridable", Map.of());
    model.addAttribute("flags", Map.of());
    // the first pass stays out of sight: no item history, no notes, no first values
    model.addAttribute("blind", Boolean.TRUE);
    return "dataentry/second-entry";
  }

  private String renderReconcile(
      Principal user,
      Model model,
      EventCrf e,
      List<Mismatch> mismatches,
      Map<String, String> problems,
      Map<String, String> chosen,
      Map<String, String> corrected) {
    CrfVersionDetail version = crfs.getVersion(e.getCrfVersionId());
    Map<String, ItemDefinition> items = new HashMap<>();
    version.definition().items().forEach(i -> items.putIfAbsent(i.name(), i));
    model.addAttribute("eventCrf", entry.get(user.getName(), e.getId()));
    model.addAttribute("version", version);
    model.addAttribute("mismatches", mismatches);
    model.addAttribute("items", items);
    model.addAttribute("problems", problems);
    model.addAttribute("chosen", chosen);
    model.addAttribute("corrected", corrected);
    model.addAttribute("eraShown", eraShown(e));
    boolean presence = entry.passwordRequiredOnCompletion(e);
    model.addAttribute("passwordOnCompletion", presence && reauthentication.asksForPassword(user.getName()));
    return "dataentry/reconcile";
  }

  private boolean eraShown(EventCrf e) {
    Study study = studies.get(e.getStudyId());
    return (study.isSite() ? study.getParent() : study).getParameters().isEraShown();
  }

  /** {@code ITEM.row} of a request parameter, or null when malformed. */
  private static ItemKey keyOf(String suffix) {
    int dot = suffix.lastIndexOf('.');
    if (dot < 1 || !suffix.substring(dot + 1).matches("\\d{1,6}")) {
      return null;
    }
    return new ItemKey(suffix.substring(0, dot), Integer.parseInt(suffix.substring(dot + 1)));
  }

  private static String names(List<ItemKey> keys) {
    return String.join(", ", keys.stream().map(k -> k.itemName() + (k.ordinal() > 1 ? "#" + k.ordinal() : "")).toList());
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
}
