package jp.ac.umin.libreclinica.core.odm.importing;

import java.util.List;

/**
 * The result of validating or importing an ODM file: what the file holds (subjects, events,
 * forms; values new, changed and unchanged against the stored data), every error and warning
 * with its line and OID, and whether anything was stored.
 */
public record ImportReport(
    int subjects,
    int events,
    int forms,
    int newValues,
    int changedValues,
    int unchangedValues,
    List<ImportProblem> problems,
    boolean imported) {

  public boolean hasErrors() {
    return problems.stream().anyMatch(p -> !p.warning());
  }

  public List<ImportProblem> errors() {
    return problems.stream().filter(p -> !p.warning()).toList();
  }
}
