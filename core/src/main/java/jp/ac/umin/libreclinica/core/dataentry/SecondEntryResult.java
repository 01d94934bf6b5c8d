package jp.ac.umin.libreclinica.core.dataentry;

import java.util.List;
import java.util.Map;

/**
 * What became of a save of the second pass of double data entry: saved (with the items where
 * the passes now differ, for reconciliation), refused for invalid values (each named), or
 * refused because someone else saved the second pass meanwhile (naming those items). On
 * refusal nothing was stored.
 */
public record SecondEntryResult(
    SaveResult.Outcome outcome,
    int changed,
    Map<ItemKey, ValueProblem> problems,
    List<ItemKey> changedMeanwhile,
    List<Mismatch> mismatches) {

  public boolean saved() {
    return outcome == SaveResult.Outcome.SAVED;
  }
}
