package jp.ac.umin.libreclinica.ws.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Writes RFC 9457 problem details ({@code application/problem+json}) in the caller's language.
 * Every problem names a {@code code}: the message key prefix of its title and detail
 * ({@code <code>.title}, {@code <code>.detail}). The type is {@code about:blank}, which RFC 9457
 * allows with a localised status title.
 */
@Component
public class ApiProblems {

  private final MessageSource messages;
  private final ObjectMapper json;

  public ApiProblems(MessageSource messages, ObjectMapper json) {
    this.messages = messages;
    this.json = json;
  }

  /** One invalid field of a request. */
  public record FieldProblem(String field, String message) {}

  /** Writes a problem with the given status and message code; extra members may be null. */
  public void write(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String code,
      Object[] detailArgs,
      Map<String, Object> extra)
      throws IOException {
    Locale locale = ApiLocales.of(request);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", messages.getMessage(code + ".title", null, locale));
    body.put("status", status);
    body.put("detail", messages.getMessage(code + ".detail", detailArgs, locale));
    body.put("instance", request.getRequestURI());
    body.put("code", code);
    if (extra != null) {
      body.putAll(extra);
    }
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.setHeader(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag());
    json.writeValue(response.getOutputStream(), body);
  }

  /**
   * Writes a problem whose detail is a message of the domain (a refusal of a core service), with
   * the title of {@code code}.
   */
  public void writeDetail(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String code,
      String detailKey,
      Object[] detailArgs)
      throws IOException {
    Locale locale = ApiLocales.of(request);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", messages.getMessage(code + ".title", null, locale));
    body.put("status", status);
    body.put("detail", messages.getMessage(detailKey, detailArgs, detailKey, locale));
    body.put("instance", request.getRequestURI());
    body.put("code", code);
    body.put("reason", detailKey);
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.setHeader(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag());
    json.writeValue(response.getOutputStream(), body);
  }

  /** The extension member listing invalid fields. */
  static Map<String, Object> errors(List<FieldProblem> problems) {
    return Map.of("errors", problems);
  }

  MessageSource messages() {
    return messages;
  }
}
