package jp.ac.umin.libreclinica.web.subject;

import java.io.ByteArrayOutputStream;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.audit.AuditRecord;
import jp.ac.umin.libreclinica.core.casebook.SubjectAuditLog;
import jp.ac.umin.libreclinica.core.casebook.SubjectAuditService;
import jp.ac.umin.libreclinica.core.csv.CsvEncoding;
import jp.ac.umin.libreclinica.core.csv.CsvWriter;
import jp.ac.umin.libreclinica.core.csv.UnencodableValue;
import jp.ac.umin.libreclinica.core.csv.UnencodableValuesException;
import jp.ac.umin.libreclinica.web.i18n.DateDisplay;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A subject's full audit log (LibreClinica's "View audit log"): a printable page grouped by
 * event and CRF, and the same records as a CSV file in the chosen encoding.
 */
@Controller
public class SubjectAuditController {

  private final SubjectAuditService subjectAudit;
  private final jp.ac.umin.libreclinica.core.odm.studyimport.StudyImportService imports;
  private final MessageSource messages;
  private final DateDisplay dates;

  public SubjectAuditController(
      SubjectAuditService subjectAudit, MessageSource messages, DateDisplay dates,
      jp.ac.umin.libreclinica.core.odm.studyimport.StudyImportService imports) {
    this.subjectAudit = subjectAudit;
    this.imports = imports;
    this.messages = messages;
    this.dates = dates;
  }

  @GetMapping("/subjects/{id}/audit")
  public String log(@PathVariable long id, Principal user, Model model) {
    model.addAttribute("log", subjectAudit.log(user.getName(), id));
    model.addAttribute("imported", imports.importedHistory(user.getName(), id));
    model.addAttribute("encodings", CsvEncoding.values());
    model.addAttribute("printedAt", java.time.Instant.now());
    model.addAttribute("defaultEncoding", CsvEncoding.defaultFor(LocaleContextHolder.getLocale()));
    return "subject/audit-log";
  }

  /**
   * The log as CSV. A file the chosen encoding cannot hold is refused as a whole, and the page
   * lists the values that cannot be written.
   */
  @GetMapping("/subjects/{id}/audit.csv")
  public Object csv(
      @PathVariable long id,
      @RequestParam(required = false) CsvEncoding encoding,
      Principal user,
      RedirectAttributes redirect) {
    Locale locale = LocaleContextHolder.getLocale();
    CsvEncoding chosen = encoding == null ? CsvEncoding.defaultFor(locale) : encoding;
    SubjectAuditLog log = subjectAudit.log(user.getName(), id);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CsvWriter csv = new CsvWriter(out, chosen);
    try {
      csv.header(
          List.of("subject.auditLog.col.subject", "subject.auditLog.col.event",
                  "subject.auditLog.col.crf", "subject.auditLog.col.crfVersion",
                  "subject.auditLog.col.item", "subject.auditLog.col.row",
                  "subject.audit.when", "subject.audit.who", "subject.audit.what",
                  "subject.audit.old", "subject.audit.new", "subject.audit.reason")
              .stream().map(k -> text(k, locale)).toList());
      String label = log.subject().getLabel();
      for (SubjectAuditLog.Line l : log.subjectLines()) {
        csv.row(label, row(label, null, null, l, locale));
      }
      for (SubjectAuditLog.EventSection e : log.events()) {
        String event = eventName(e);
        for (SubjectAuditLog.Line l : e.lines()) {
          csv.row(label, row(label, event, null, l, locale));
        }
        for (SubjectAuditLog.CrfSection c : e.crfs()) {
          for (SubjectAuditLog.Line l : c.lines()) {
            csv.row(label, row(label, event, c.crfName(), l, locale));
          }
        }
      }
      csv.finish();
    } catch (UnencodableValuesException refused) {
      List<String> listed = new ArrayList<>();
      for (UnencodableValue v : refused.listed()) {
        listed.add(text("csv.encoding.unencodableAt", locale, v.row(), v.rowLabel(), v.column(), v.character()));
      }
      redirect.addFlashAttribute("csvRefused", text(refused.messageKey(), locale, refused.total()));
      redirect.addFlashAttribute("csvRefusedValues", listed);
      return "redirect:/subjects/" + id + "/audit";
    }
    String fileName = "audit-" + log.subject().getLabel() + ".csv";
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, attachment(fileName))
        .contentType(new MediaType("text", "csv", chosen.charset()))
        .body(out.toByteArray());
  }

  private List<String> row(
      String subject, String event, String crf, SubjectAuditLog.Line l, Locale locale) {
    AuditRecord r = l.record();
    List<String> row = new ArrayList<>(12);
    row.add(subject);
    row.add(event);
    row.add(crf);
    row.add(l.crfVersion());
    row.add(l.itemName());
    row.add(l.itemOrdinal() == null ? null : l.itemOrdinal().toString());
    row.add(dates.dateTimeWithZone(r.occurredAt()));
    row.add(r.actor());
    row.add(actionLabel(r.action(), locale));
    row.add(r.oldValue());
    row.add(r.newValue());
    row.add(r.reason());
    return row;
  }

  private static String eventName(SubjectAuditLog.EventSection e) {
    return e.ordinal() > 1 ? e.eventName() + " #" + e.ordinal() : e.eventName();
  }

  private String actionLabel(String action, Locale locale) {
    try {
      return messages.getMessage("subject.audit.action." + action, null, locale);
    } catch (NoSuchMessageException unknown) {
      return action;
    }
  }

  private String text(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }

  /** An ASCII fallback name and the exact one (a Japanese subject ID) per RFC 5987. */
  static String attachment(String fileName) {
    StringBuilder ascii = new StringBuilder();
    fileName.codePoints().forEach(c -> ascii.append(
        c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '/' && c != ';' ? (char) c : '_'));
    StringBuilder encoded = new StringBuilder();
    for (byte b : fileName.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(String.format("%02X", c));
      }
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
