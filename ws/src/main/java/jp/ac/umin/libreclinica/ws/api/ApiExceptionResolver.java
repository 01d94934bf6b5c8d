package jp.ac.umin.libreclinica.ws.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.ac.umin.libreclinica.core.account.AccountException;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.crf.CrfNotFoundException;
import jp.ac.umin.libreclinica.core.crf.CrfTemplateRejectedException;
import jp.ac.umin.libreclinica.core.crf.template.CrfProblemMessages;
import jp.ac.umin.libreclinica.core.crf.template.TemplateProblem;
import jp.ac.umin.libreclinica.core.input.InvalidInputException;
import jp.ac.umin.libreclinica.core.odm.importing.OdmUploadException;
import jp.ac.umin.libreclinica.core.shared.MessageKeyException;
import jp.ac.umin.libreclinica.core.study.StudyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception of an {@code /api/**} request into a problem detail in the caller's
 * language: 400 (with the invalid fields, or every problem of a refused CRF spreadsheet), 403,
 * 404, 405, 406, 409 (a core service refused, the detail saying why), 413, 415 and 500. A 500 names an
 * incident reference that is logged with the stack trace; the response shows neither the trace
 * nor the exception's message. Exceptions of the pages are left to the pages.
 */
@Component
public class ApiExceptionResolver implements HandlerExceptionResolver, Ordered {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionResolver.class);

  private final ApiProblems problems;

  public ApiExceptionResolver(ApiProblems problems) {
    this.problems = problems;
  }

  @Override
  public int getOrder() {
    // after Spring Boot's DefaultErrorAttributes, which only notes the exception
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }

  @Override
  public ModelAndView resolveException(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!(path.startsWith("/api/") || path.startsWith("/rest/")) || response.isCommitted()) {
      return null;
    }
    try {
      write(request, response, ex);
    } catch (IOException io) {
      log.warn("Could not write the problem response for {}", path, io);
    }
    return new ModelAndView();
  }

  private void write(HttpServletRequest request, HttpServletResponse response, Exception ex)
      throws IOException {
    if (ex instanceof ApiRefusalException refusal) {
      refusal(request, response, refusal);
    } else if (ex instanceof BindException bind) {
      validation(request, response, bind.getAllErrors());
    } else if (ex instanceof HandlerMethodValidationException hmv) {
      List<ApiProblems.FieldProblem> fields = new ArrayList<>();
      Locale locale = ApiLocales.of(request);
      hmv.getParameterValidationResults()
          .forEach(
              r ->
                  r.getResolvableErrors()
                      .forEach(
                          e ->
                              fields.add(
                                  new ApiProblems.FieldProblem(
                                      r.getMethodParameter().getParameterName(),
                                      problems.messages().getMessage(e, locale)))));
      problems.write(request, response, 400, "api.error.validation", null,
          ApiProblems.errors(fields));
    } else if (ex instanceof ConstraintViolationException cve) {
      List<ApiProblems.FieldProblem> fields = new ArrayList<>();
      cve.getConstraintViolations()
          .forEach(v -> fields.add(new ApiProblems.FieldProblem(v.getPropertyPath().toString(),
              v.getMessage())));
      problems.write(request, response, 400, "api.error.validation", null,
          ApiProblems.errors(fields));
    } else if (ex instanceof HttpMessageNotReadableException
        || ex instanceof MissingServletRequestParameterException
        || ex instanceof TypeMismatchException) {
      problems.write(request, response, 400, "api.error.badRequest", null, null);
    } else if (ex instanceof AccessDeniedException) {
      problems.write(request, response, 403, "api.error.forbidden", null, null);
    } else if (ex instanceof PermissionDeniedException denied) {
      problems.writeDetail(request, response, 403, "api.error.forbidden", denied.messageKey(),
          denied.args());
    } else if (ex instanceof StudyException refused) {
      boolean missing = refused.messageKey().endsWith("notFound");
      problems.writeDetail(request, response, missing ? 404 : 409,
          missing ? "api.error.notFound" : "api.error.refused", refused.messageKey(),
          refused.arguments());
    } else if (ex instanceof CrfTemplateRejectedException rejected) {
      crfProblems(request, response, rejected);
    } else if (ex instanceof CrfNotFoundException missing) {
      problems.writeDetail(request, response, 404, "api.error.notFound", missing.messageKey(),
          missing.arguments());
    } else if (ex instanceof InvalidInputException invalid) {
      problems.writeDetail(request, response, 400, "api.error.invalid", invalid.messageKey(),
          invalid.arguments());
    } else if (ex instanceof MaxUploadSizeExceededException) {
      problems.write(request, response, 413, "api.error.tooLarge", null, null);
    } else if (ex instanceof AccountException refused) {
      problems.writeDetail(request, response, 409, "api.error.refused", refused.messageKey(),
          refused.args());
    } else if (ex instanceof jp.ac.umin.libreclinica.core.odm.studyimport.StudyImportException refused) {
      // an extract that cannot become a study: bad input, an existing study, or no such import
      String key = refused.messageKey();
      int status = key.endsWith("notFound") ? 404 : key.equals("studyimport.studyExists") ? 409 : 400;
      problems.writeDetail(request, response, status,
          status == 404 ? "api.error.notFound" : status == 409 ? "api.error.refused" : "api.error.invalid",
          key, refused.arguments());
    } else if (ex instanceof OdmUploadException refused) {
      int status = switch (refused.kind()) {
        case TOO_LARGE -> 413;
        case UNSUPPORTED -> 415;
        case INVALID -> 400;
        case NOT_FOUND -> 404;
        case CONFLICT -> 409;
      };
      String code = switch (refused.kind()) {
        case TOO_LARGE -> "api.error.tooLarge";
        case UNSUPPORTED -> "api.error.unsupportedMediaType";
        case INVALID -> "api.error.invalid";
        case NOT_FOUND -> "api.error.notFound";
        case CONFLICT -> "api.error.refused";
      };
      problems.writeDetail(request, response, status, code, refused.messageKey(), refused.arguments());
    } else if (ex instanceof MessageKeyException refused) {
      // subjects, events, data entry: a field at fault is bad input; a missing thing is 404
      if (refused.field() != null) {
        Locale locale = ApiLocales.of(request);
        problems.write(request, response, 400, "api.error.validation", null,
            ApiProblems.errors(List.of(new ApiProblems.FieldProblem(refused.field(),
                problems.messages().getMessage(refused.messageKey(), refused.arguments(),
                    refused.messageKey(), locale)))));
      } else {
        boolean missing = refused.messageKey().endsWith("notFound");
        problems.writeDetail(request, response, missing ? 404 : 409,
            missing ? "api.error.notFound" : "api.error.refused", refused.messageKey(),
            refused.arguments());
      }
    } else if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
      problems.write(request, response, 404, "api.error.notFound",
          new Object[] {request.getRequestURI()}, null);
    } else if (ex instanceof HttpRequestMethodNotSupportedException m) {
      response.setHeader("Allow", String.join(", ", m.getSupportedHttpMethods() == null
          ? List.of() : m.getSupportedHttpMethods().stream().map(Object::toString).toList()));
      problems.write(request, response, 405, "api.error.methodNotAllowed",
          new Object[] {m.getMethod()}, null);
    } else if (ex instanceof HttpMediaTypeNotAcceptableException) {
      problems.write(request, response, 406, "api.error.notAcceptable", null, null);
    } else if (ex instanceof HttpMediaTypeNotSupportedException) {
      problems.write(request, response, 415, "api.error.unsupportedMediaType", null, null);
    } else if (ex instanceof ErrorResponse er && er.getStatusCode().value() < 500) {
      problems.write(request, response, er.getStatusCode().value(), "api.error.generic",
          new Object[] {er.getStatusCode().value()}, null);
    } else {
      String incident = UUID.randomUUID().toString();
      log.error("API request {} {} failed; incident {}", request.getMethod(),
          request.getRequestURI(), incident, ex);
      problems.write(request, response, 500, "api.error.internal", new Object[] {incident},
          Map.of("incident", incident));
    }
  }

  /**
   * A CRF spreadsheet that cannot be stored: every problem of the file at once, as the upload
   * page lists them (sheet, row, column, value and message in the caller's language).
   */
  private void crfProblems(
      HttpServletRequest request, HttpServletResponse response, CrfTemplateRejectedException e)
      throws IOException {
    Locale locale = ApiLocales.of(request);
    List<Map<String, Object>> listed = new ArrayList<>();
    long errors = 0;
    for (TemplateProblem p : e.problems()) {
      Map<String, Object> one = new java.util.LinkedHashMap<>();
      one.put("severity", p.isError() ? "error" : "warning");
      one.put("sheet", p.sheet());
      one.put("row", p.row());
      one.put("column", p.column());
      one.put("value", p.value());
      one.put("code", p.messageKey());
      one.put("message", problems.messages().getMessage(p.messageKey(), p.messageArguments(), locale));
      one.put("location", CrfProblemMessages.format(p, problems.messages(), locale));
      listed.add(one);
      if (p.isError()) {
        errors++;
      }
    }
    problems.write(request, response, 400, "api.error.crfRejected", new Object[] {errors},
        Map.of("errors", listed));
  }

  private void refusal(
      HttpServletRequest request, HttpServletResponse response, ApiRefusalException refusal)
      throws IOException {
    Locale locale = ApiLocales.of(request);
    Map<String, Object> extra = new java.util.LinkedHashMap<>(refusal.extra());
    if (!refusal.fields().isEmpty()) {
      List<ApiProblems.FieldProblem> fields = new ArrayList<>();
      for (ApiRefusalException.FieldRefusal f : refusal.fields()) {
        String text = f.text() != null ? f.text()
            : problems.messages().getMessage(f.messageKey(), f.arguments(), f.messageKey(), locale);
        fields.add(new ApiProblems.FieldProblem(f.field(), text));
      }
      extra.putAll(ApiProblems.errors(fields));
    }
    problems.write(request, response, refusal.status(), refusal.code(), refusal.detailArguments(), extra);
  }

  private void validation(
      HttpServletRequest request, HttpServletResponse response, List<ObjectError> errors)
      throws IOException {
    Locale locale = ApiLocales.of(request);
    List<ApiProblems.FieldProblem> fields = new ArrayList<>();
    for (ObjectError error : errors) {
      String field = error instanceof FieldError fe ? fe.getField() : error.getObjectName();
      fields.add(new ApiProblems.FieldProblem(field, problems.messages().getMessage(
          (MessageSourceResolvable) error, locale)));
    }
    problems.write(request, response, 400, "api.error.validation", null,
        ApiProblems.errors(fields));
  }

}
