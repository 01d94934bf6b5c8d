package jp.ac.umin.libreclinica.core.job;

import jp.ac.umin.libreclinica.core.shared.MessageKeyException;

/** A refusal about a background job, with its message key. */
public class JobException extends MessageKeyException {

  public JobException(String messageKey, Object... arguments) {
    super(messageKey, arguments);
  }
}
