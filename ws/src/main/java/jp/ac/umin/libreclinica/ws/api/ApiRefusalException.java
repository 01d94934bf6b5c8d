package jp.ac.umin.libreclinica.ws.api;

import java.util.List;
import java.util.Map;

/**
 * A refusal an endpoint words itself: a status, a problem code ({@code <code>.title},
 * {@code <code>.detail}) and, when parts of the request are at fault, each part with its
 * message (a key, or the text a CRF author wrote). {@link ApiExceptionResolver} writes it as a
 * problem detail in the caller's language, the parts under {@code errors}.
 */
public class ApiRefusalException extends RuntimeException {

  /**
   * One part of the request at fault.
   *
   * @param field what is at fault, e.g. an item name ({@code HEIGHT}, {@code AETERM#2} for row 2)
   * @param messageKey the message key, or null when {@code text} is given
   * @param arguments its arguments
   * @param text a message written by a person (a CRF author's validation message), or null
   */
  public record FieldRefusal(String field, String messageKey, Object[] arguments, String text) {}

  private final int status;
  private final String code;
  private final transient Object[] detailArguments;
  private final transient List<FieldRefusal> fields;
  private final transient Map<String, Object> extra;

  public ApiRefusalException(
      int status, String code, Object[] detailArguments, List<FieldRefusal> fields, Map<String, Object> extra) {
    super(code);
    this.status = status;
    this.code = code;
    this.detailArguments = detailArguments == null ? new Object[0] : detailArguments.clone();
    this.fields = fields == null ? List.of() : List.copyOf(fields);
    this.extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Object[] detailArguments() {
    return detailArguments.clone();
  }

  public List<FieldRefusal> fields() {
    return fields;
  }

  public Map<String, Object> extra() {
    return extra;
  }
}
