package jp.ac.umin.libreclinica.core.casebook;

import jp.ac.umin.libreclinica.core.shared.MessageKeyException;

/** A casebook PDF that cannot be made (no Japanese font found), with the reason's message key. */
public class CasebookPdfException extends MessageKeyException {

  public CasebookPdfException(String messageKey, Object... arguments) {
    super(messageKey, arguments);
  }
}
