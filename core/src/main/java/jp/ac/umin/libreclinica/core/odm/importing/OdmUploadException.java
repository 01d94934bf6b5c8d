package jp.ac.umin.libreclinica.core.odm.importing;

import jp.ac.umin.libreclinica.core.shared.MessageKeyException;

/** An upload or import request that is refused before any job runs (too large, zipped, ...). */
public class OdmUploadException extends MessageKeyException {

  /** What kind of refusal: the API answers with a matching HTTP status. */
  public enum Kind {
    TOO_LARGE,
    UNSUPPORTED,
    INVALID,
    NOT_FOUND,
    CONFLICT
  }

  private final Kind kind;

  public OdmUploadException(Kind kind, String messageKey, Object... arguments) {
    super(messageKey, arguments);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
