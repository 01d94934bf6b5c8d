package jp.ac.umin.libreclinica.core.dataentry;

/**
 * The discrepancy notes a save asks for, raised inside the save's transaction: a failed
 * validation check note when a value is saved past its edit check, and a reason for change
 * note for each value changed in administrative editing. Implemented by
 * {@code core.discrepancy}; without an implementation saves still work (and record the reason
 * in the audit trail only).
 */
public interface DataEntryNotes {

  void failedValidationCheck(String actor, long eventCrfId, ItemKey item, String note);

  void reasonForChange(String actor, long eventCrfId, ItemKey item, String reason);
}
