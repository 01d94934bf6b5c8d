package jp.ac.umin.libreclinica.core.dataset;

import jp.ac.umin.libreclinica.core.shared.MessageKeyException;

/** A refusal about a dataset, with its message key and, for bad input, the field at fault. */
public class DatasetException extends MessageKeyException {

  public DatasetException(String messageKey, Object... arguments) {
    super(messageKey, arguments);
  }

  private DatasetException(String field, String messageKey, Object[] arguments) {
    super(field, messageKey, arguments);
  }

  public static DatasetException onField(String field, String messageKey, Object... arguments) {
    return new DatasetException(field, messageKey, arguments);
  }
}
