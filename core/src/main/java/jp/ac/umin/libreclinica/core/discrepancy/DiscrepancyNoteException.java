package jp.ac.umin.libreclinica.core.discrepancy;

import jp.ac.umin.libreclinica.core.shared.MessageKeyException;

/** A refused note action; the message key says why ({@code note.*}). */
public class DiscrepancyNoteException extends MessageKeyException {

  public DiscrepancyNoteException(String messageKey, Object... arguments) {
    super(messageKey, arguments);
  }
}
