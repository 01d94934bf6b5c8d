package jp.ac.umin.libreclinica.core.casebook;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.audit.AuditRecord;
import jp.ac.umin.libreclinica.core.signature.Signature;
import jp.ac.umin.libreclinica.core.signature.SignatureService.SignatureState;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Prints a {@link CasebookDocument} as PDF (A4, OpenPDF), every text in the reader's language,
 * Japanese rendered with the embedded font of {@link PdfFont} (subset: only the glyphs used).
 */
@Component
public class CasebookPdfWriter {

  private static final Color RULE = new Color(0x99, 0x99, 0x99);
  private static final Color SHADE = new Color(0xEE, 0xEE, 0xEE);

  private final MessageSource messages;
  private final PdfFont font;
  private final ZoneId zone;

  public CasebookPdfWriter(
      MessageSource messages, PdfFont font, @Value("${lc.time-zone:Asia/Tokyo}") String zone) {
    this.messages = messages;
    this.font = font;
    this.zone = ZoneId.of(zone);
  }

  /** Writes the casebook; the stream is not closed. */
  public void write(CasebookDocument c, Locale locale, OutputStream out) {
    BaseFont base;
    try {
      base = BaseFont.createFont(font.location(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
    } catch (IOException e) {
      throw new CasebookPdfException("casebook.pdf.fontMissing", font.location());
    }
    new Printer(c, locale, base).print(out);
  }

  private final class Printer {
    private final CasebookDocument c;
    private final Locale locale;
    private final Font title;
    private final Font heading;
    private final Font subheading;
    private final Font body;
    private final Font small;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter date;

    Printer(CasebookDocument c, Locale locale, BaseFont base) {
      this.c = c;
      this.locale = locale;
      this.title = new Font(base, 16);
      this.heading = new Font(base, 12.5f);
      this.subheading = new Font(base, 10.5f);
      this.body = new Font(base, 9);
      this.small = new Font(base, 7.5f, Font.NORMAL, Color.DARK_GRAY);
      boolean ja = "ja".equals(locale.getLanguage());
      this.dateTime = DateTimeFormatter.ofPattern(ja ? "yyyy/MM/dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss").withZone(zone);
      this.date = DateTimeFormatter.ofPattern(ja ? "yyyy/MM/dd" : "yyyy-MM-dd");
    }

    void print(OutputStream out) {
      Document doc = new Document(PageSize.A4, 40, 40, 44, 48);
      try {
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        writer.setPageEvent(new Footer());
        doc.addTitle(text("casebook.title", c.subject().getLabel()));
        doc.addCreator("UMIN LibreClinica");
        doc.open();
        StudySubject s = c.subject();
        doc.add(new Paragraph(text("casebook.title", s.getLabel()), title));
        doc.add(spacer());
        doc.add(identifiers(s));
        doc.add(section(text("casebook.signatures")));
        if (c.signatures().isEmpty()) {
          doc.add(new Paragraph(text("casebook.signatures.none"), body));
        } else {
          doc.add(signatures());
        }
        doc.add(section(text("casebook.events")));
        if (c.events().isEmpty()) {
          doc.add(new Paragraph(text("casebook.events.none"), body));
        }
        for (CasebookDocument.Event e : c.events()) {
          event(doc, e);
        }
        for (CasebookSection extra : c.sections()) {
          doc.add(section(text(extra.titleKey())));
          doc.add(table(extra.columnKeys().stream().map(this::text).toList(), extra.rows(), null));
        }
        if (c.withAudit()) {
          doc.add(section(text("casebook.audit")));
          doc.add(audit(c.audit()));
        }
        doc.close();
      } catch (DocumentException e) {
        throw new IllegalStateException("casebook PDF of " + c.subject().getOid(), e);
      }
    }

    private PdfPTable identifiers(StudySubject s) throws DocumentException {
      Study study = c.study();
      Study site = c.site();
      PdfPTable t = new PdfPTable(new float[] {1.2f, 3f});
      t.setWidthPercentage(100);
      row(t, text("casebook.field.study"), study.getName() + " (" + study.getProtocolId() + ", " + study.getOid() + ")");
      row(t, text("casebook.field.site"),
          site.isSite() ? site.getName() + " (" + site.getProtocolId() + ", " + site.getOid() + ")" : text("casebook.field.studyLevel"));
      row(t, text("casebook.field.subject"), s.getLabel() + " (" + s.getOid() + ")");
      if (s.getSecondaryLabel() != null) {
        row(t, text("casebook.field.secondaryLabel"), s.getSecondaryLabel());
      }
      row(t, text("casebook.field.enrollmentDate"), date.format(s.getEnrollmentDate()));
      if (s.getSubject().getSex() != null) {
        row(t, text("casebook.field.sex"), text(s.getSubject().getSex().messageKey()));
      }
      if (s.getSubject().getDateOfBirth() != null) {
        LocalDate dob = s.getSubject().getDateOfBirth();
        row(t, text("casebook.field.dateOfBirth"),
            s.getSubject().isDateOfBirthYearOnly() ? String.valueOf(dob.getYear()) : date.format(dob));
      }
      row(t, text("casebook.field.status"), text(s.getStatus().messageKey())
          + (s.isCasebookLocked() ? " / " + text("casebook.locked") : ""));
      row(t, text("casebook.field.printed"), dateTime.format(c.printedAt()) + " " + zone.getId() + " (" + c.printedBy() + ")");
      return t;
    }

    private PdfPTable signatures() {
      List<List<String>> rows =
          c.signatures().stream()
              .map(st -> {
                Signature sg = st.signature();
                return List.of(
                    sg.isCasebook() ? text("casebook.signature.scope.casebook") : eventName(sg.getStudyEventId()),
                    sg.getSignerFullName() + " (" + sg.getSignerUserName() + ")",
                    dateTime.withZone(ZoneId.of(sg.getSignedZone())).format(sg.getSignedAt()) + " " + sg.getSignedZone(),
                    sg.getMeaningText(),
                    text(st.valid() ? "casebook.signature.valid"
                        : st.dataChanged() ? "casebook.signature.dataChanged" : "casebook.signature.invalidated"),
                    sg.getSignedHash());
              })
              .toList();
      return table(
          List.of(text("casebook.signature.scope"), text("casebook.signature.signer"), text("casebook.signature.at"),
              text("casebook.signature.meaning"), text("casebook.signature.status"), text("casebook.signature.hash")),
          rows, new float[] {1.3f, 1.6f, 1.5f, 3f, 1.1f, 1.6f});
    }

    private String eventName(Long studyEventId) {
      return c.events().stream()
          .filter(e -> e.event().getId().equals(studyEventId))
          .map(e -> e.definition().getName() + (e.event().getOrdinal() > 1 ? " #" + e.event().getOrdinal() : ""))
          .findFirst()
          .orElse(String.valueOf(studyEventId));
    }

    private void event(Document doc, CasebookDocument.Event e) throws DocumentException {
      String name = e.definition().getName() + (e.event().getOrdinal() > 1 ? " #" + e.event().getOrdinal() : "");
      Paragraph p = new Paragraph(name, heading);
      p.setSpacingBefore(8);
      doc.add(p);
      StringBuilder line = new StringBuilder();
      line.append(text("casebook.event.start")).append(": ").append(dateTime.format(e.event().getStartAt())).append(' ').append(zone.getId());
      if (e.event().getEndAt() != null) {
        line.append("  ").append(text("casebook.event.end")).append(": ").append(dateTime.format(e.event().getEndAt()));
      }
      if (e.event().getLocation() != null) {
        line.append("  ").append(text("casebook.event.location")).append(": ").append(e.event().getLocation());
      }
      line.append("  ").append(text("casebook.field.status")).append(": ").append(text(e.event().getStatus().messageKey()));
      if (e.event().getRemoval().isRemoved()) {
        line.append(" / ").append(text(e.event().getRemoval().messageKey()));
      }
      doc.add(new Paragraph(line.toString(), body));
      for (CasebookDocument.Form f : e.forms()) {
        Paragraph fp = new Paragraph(f.crfName() + " (" + f.versionName() + ") — "
            + (f.status() == null ? text("casebook.form.notStarted") : text("dataentry.status." + f.status().name())), subheading);
        fp.setSpacingBefore(5);
        fp.setSpacingAfter(3);
        doc.add(fp);
        if (f.status() == null) {
          continue;
        }
        List<List<String>> rows =
            f.values().stream()
                .map(v -> List.of(v.question().isEmpty() ? v.itemName() : v.question(),
                    v.row() > 1 ? v.row() + ": " + shown(v) : shown(v),
                    v.units() == null ? "" : v.units(), v.itemName()))
                .toList();
        doc.add(table(List.of(text("casebook.value.question"), text("casebook.value.value"),
            text("casebook.value.units"), text("casebook.value.item")), rows, new float[] {4f, 3f, 1f, 1.5f}));
      }
    }

    /** A full ISO date as the reader's dates are written; anything else as it is. */
    private String shown(CasebookDocument.Value v) {
      if (v.date() && v.display().matches("\\d{4}-\\d{2}-\\d{2}")) {
        return date.format(LocalDate.parse(v.display()));
      }
      return v.display();
    }

    private PdfPTable audit(List<AuditRecord> records) {
      List<List<String>> rows =
          records.stream()
              .map(a -> List.of(dateTime.format(a.occurredAt()), a.actor(),
                  messages.getMessage("casebook.audit.action." + a.action(), null, a.action(), locale),
                  nz(a.oldValue()), nz(a.newValue()), nz(a.reason())))
              .toList();
      return table(
          List.of(text("casebook.audit.when"), text("casebook.audit.who"), text("casebook.audit.what"),
              text("casebook.audit.old"), text("casebook.audit.new"), text("casebook.audit.reason")),
          rows, new float[] {1.5f, 1f, 1.3f, 2f, 2f, 1.4f});
    }

    private PdfPTable table(List<String> headings, List<List<String>> rows, float[] widths) {
      PdfPTable t = widths == null ? new PdfPTable(headings.size()) : new PdfPTable(widths);
      t.setWidthPercentage(100);
      t.setHeaderRows(1);
      t.setSpacingAfter(4);
      for (String h : headings) {
        PdfPCell cell = cell(h, small);
        cell.setBackgroundColor(SHADE);
        t.addCell(cell);
      }
      for (List<String> r : rows) {
        for (String v : r) {
          t.addCell(cell(v, body));
        }
      }
      return t;
    }

    private void row(PdfPTable t, String label, String value) {
      PdfPCell l = cell(label, small);
      l.setBackgroundColor(SHADE);
      t.addCell(l);
      t.addCell(cell(value, body));
    }

    private PdfPCell cell(String value, Font f) {
      PdfPCell cell = new PdfPCell(new Phrase(value == null ? "" : value, f));
      cell.setBorderColor(RULE);
      cell.setPadding(3);
      return cell;
    }

    private Paragraph section(String name) {
      Paragraph p = new Paragraph(name, heading);
      p.setSpacingBefore(12);
      p.setSpacingAfter(4);
      return p;
    }

    private Paragraph spacer() {
      return new Paragraph(new Chunk(" ", body));
    }

    private String text(String key, Object... args) {
      return messages.getMessage(key, args, key, locale);
    }

    private static String nz(String s) {
      return s == null ? "" : s;
    }

    /** The subject and page number at the foot of every page. */
    private final class Footer extends PdfPageEventHelper {
      @Override
      public void onEndPage(PdfWriter writer, Document document) {
        String line = text("casebook.pdf.footer", c.subject().getLabel(), c.study().getProtocolId(),
            writer.getPageNumber(), dateTime.format(c.printedAt()) + " " + zone.getId());
        ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER,
            new Phrase(line, small), (document.left() + document.right()) / 2, document.bottom() - 20, 0);
      }
    }
  }
}
