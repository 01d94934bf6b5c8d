package jp.ac.umin.libreclinica.core.dataset;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.EventAttribute;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.FormAttribute;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.SubjectAttribute;

/**
 * What a user defines a dataset with. Empty lists mean "all"; null dates mean "open";
 * subject statuses are names of {@code SubjectStatus} (empty: all but removed).
 */
public record DatasetInput(
    String name,
    String description,
    List<String> eventOids,
    List<String> formOids,
    List<String> itemOids,
    Set<SubjectAttribute> subjectAttributes,
    Set<EventAttribute> eventAttributes,
    Set<FormAttribute> formAttributes,
    LocalDate dateFrom,
    LocalDate dateTo,
    Set<String> subjectStatuses) {

  public DatasetInput {
    eventOids = eventOids == null ? List.of() : eventOids.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).distinct().toList();
    formOids = formOids == null ? List.of() : formOids.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).distinct().toList();
    itemOids = itemOids == null ? List.of() : itemOids.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).distinct().toList();
    subjectAttributes = subjectAttributes == null ? Set.of() : Set.copyOf(subjectAttributes);
    eventAttributes = eventAttributes == null ? Set.of() : Set.copyOf(eventAttributes);
    formAttributes = formAttributes == null ? Set.of() : Set.copyOf(formAttributes);
    subjectStatuses = subjectStatuses == null ? Set.of() : Set.copyOf(subjectStatuses);
  }

  /** A dataset of everything, with this name. */
  public static DatasetInput named(String name) {
    return new DatasetInput(name, null, List.of(), List.of(), List.of(), Set.of(), Set.of(), Set.of(), null, null, Set.of());
  }
}
