package jp.ac.umin.libreclinica.core.discrepancy;

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
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.casebook.CasebookPdfException;
import jp.ac.umin.libreclinica.core.casebook.PdfFont;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Prints the notes view as PDF (A4 landscape, OpenPDF, the embedded Japanese font of {@link
 * PdfFont}): one table, each thread a shaded row followed by its notes. Rows are handed to the
 * document every {@value #CHUNK} rows (OpenPDF's incomplete large table), so a download of tens of
 * thousands of notes never holds more than one chunk of table rows in memory.
 */
@Component
public class NotesPdfWriter {

  static final int CHUNK = 200;
  private static final Color RULE = new Color(0x99, 0x99, 0x99);
  private static final Color SHADE = new Color(0xEE, 0xEE, 0xEE);
  private static final Color THREAD = new Color(0xF6, 0xF3, 0xE6);
  private static final float[] WIDTHS = {0.9f, 1.5f, 2.2f, 1.2f, 1.3f, 0.7f, 0.7f, 1.3f, 4.2f};

  private final MessageSource messages;
  private final PdfFont font;
  private final ZoneId zone;

  public NotesPdfWriter(MessageSource messages, PdfFont font, @Value("${lc.time-zone:Asia/Tokyo}") String zone) {
    this.messages = messages;
    this.font = font;
    this.zone = ZoneId.of(zone);
  }

  /**
   * Starts a document on {@code out} (not closed by {@link Printer#close()}).
   *
   * @throws CasebookPdfException when no Japanese font is found (before anything is written)
   */
  public Printer open(OutputStream out, Locale locale, String studyName, String printedBy, Instant printedAt) {
    BaseFont base;
    try {
      base = BaseFont.createFont(font.location(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
    } catch (IOException | DocumentException e) {
      throw new CasebookPdfException("casebook.pdf.fontMissing", font.location());
    }
    return new Printer(out, locale, base, studyName, printedBy, printedAt);
  }

  /** One document being printed: threads and their notes in order, then {@link #close()}. */
  public final class Printer implements AutoCloseable {
    private final Locale locale;
    private final Document doc;
    private final PdfPTable table;
    private final Font body;
    private final Font small;
    private final Font bold;
    private final DateTimeFormatter dateTime;
    private int pending;
    private long threads;

    Printer(OutputStream out, Locale locale, BaseFont base, String studyName, String printedBy, Instant printedAt) {
      this.locale = locale;
      this.body = new Font(base, 8);
      this.bold = new Font(base, 8.5f, Font.NORMAL, new Color(0x22, 0x22, 0x22));
      this.small = new Font(base, 7, Font.NORMAL, Color.DARK_GRAY);
      boolean ja = "ja".equals(locale.getLanguage());
      this.dateTime = DateTimeFormatter.ofPattern(ja ? "yyyy/MM/dd HH:mm" : "yyyy-MM-dd HH:mm").withZone(zone);
      String printed = dateTime.format(printedAt) + " " + zone.getId();
      this.doc = new Document(PageSize.A4.rotate(), 28, 28, 36, 40);
      try {
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        writer.setCloseStream(false);
        writer.setPageEvent(new Footer(studyName, printed));
        doc.addTitle(text("note.pdf.title", studyName));
        doc.addCreator("UMIN LibreClinica");
        doc.open();
        doc.add(new Paragraph(text("note.pdf.title", studyName), new Font(base, 14)));
        Paragraph p = new Paragraph(text("note.pdf.printed", printed, printedBy), small);
        p.setSpacingAfter(6);
        doc.add(p);
      } catch (DocumentException e) {
        throw new IllegalStateException("notes PDF", e);
      }
      table = new PdfPTable(WIDTHS);
      table.setWidthPercentage(100);
      table.setHeaderRows(1);
      table.setComplete(false);
      for (String k : new String[] {"threadId", "subject", "place", "type", "threadStatus", "daysOpen",
          "daysSinceUpdate", "owners", "description"}) {
        PdfPCell c = cell(text("note.pdf.column." + k), small);
        c.setBackgroundColor(SHADE);
        table.addCell(c);
      }
    }

    /** A thread's row. */
    public void thread(NoteRow r) {
      threads++;
      add(cell("#" + r.id(), bold), THREAD);
      add(cell(r.subjectLabel() + "\n" + r.siteName(), body), THREAD);
      add(cell(place(r), body), THREAD);
      add(cell(text(r.type().messageKey()), body), THREAD);
      add(cell(text(r.status().messageKey()), bold), THREAD);
      add(cell(String.valueOf(r.daysOpen()), body), THREAD);
      add(cell(String.valueOf(r.daysSinceUpdate()), body), THREAD);
      add(cell(owners(r.assignedTo(), r.createdBy()), body), THREAD);
      add(cell(nz(r.description()), bold), THREAD);
      rowDone();
    }

    /** One note of the thread last printed. */
    public void note(long id, NoteStatus status, String description, String detailedNote, String assignedTo,
        String writtenBy, Instant writtenAt) {
      PdfPCell idCell = cell("  #" + id, small);
      table.addCell(idCell);
      PdfPCell when = cell(text("note.pdf.written", dateTime.format(writtenAt), nz(writtenBy)), small);
      when.setColspan(3);
      table.addCell(when);
      table.addCell(cell(text(status.messageKey()), body));
      PdfPCell empty = cell("", body);
      empty.setColspan(2);
      table.addCell(empty);
      table.addCell(cell(assignedTo == null ? "" : text("note.pdf.assigned", assignedTo), small));
      String d = nz(description);
      if (detailedNote != null && !detailedNote.isBlank()) {
        d = d.isEmpty() ? detailedNote : d + "\n" + detailedNote;
      }
      table.addCell(cell(d, body));
      rowDone();
    }

    private void add(PdfPCell c, Color shade) {
      c.setBackgroundColor(shade);
      table.addCell(c);
    }

    private void rowDone() {
      if (++pending >= CHUNK) {
        try {
          doc.add(table);
        } catch (DocumentException e) {
          throw new IllegalStateException("notes PDF", e);
        }
        pending = 0;
      }
    }

    private String place(NoteRow r) {
      StringBuilder s = new StringBuilder();
      if (r.eventName() != null) {
        s.append(r.eventName());
        if (r.eventOrdinal() != null && r.eventOrdinal() > 1) {
          s.append(" (").append(r.eventOrdinal()).append(')');
        }
      }
      if (r.crfName() != null) {
        s.append(s.isEmpty() ? "" : " / ").append(r.crfName());
      }
      if (r.itemName() != null) {
        s.append(s.isEmpty() ? "" : " / ").append(r.itemName());
        if (r.ordinal() != null && r.ordinal() > 1) {
          s.append(" [").append(r.ordinal()).append(']');
        }
      } else {
        s.append(s.isEmpty() ? "" : " / ").append(text(r.field().messageKey()));
      }
      return s.toString();
    }

    private String owners(String assignedTo, String createdBy) {
      String by = text("note.pdf.raisedBy", nz(createdBy));
      return assignedTo == null || assignedTo.isBlank() ? by : text("note.pdf.assigned", assignedTo) + "\n" + by;
    }

    /** Ends the table and the document; the stream stays open. */
    @Override
    public void close() {
      try {
        if (threads == 0) {
          doc.add(new Paragraph(text("note.pdf.none"), body));
        } else {
          table.setComplete(true);
          doc.add(table);
        }
        doc.close();
      } catch (DocumentException e) {
        throw new IllegalStateException("notes PDF", e);
      }
    }

    private PdfPCell cell(String value, Font f) {
      PdfPCell cell = new PdfPCell(new Phrase(value == null ? "" : value, f));
      cell.setBorderColor(RULE);
      cell.setPadding(2.5f);
      return cell;
    }

    private String text(String key, Object... args) {
      return messages.getMessage(key, args, key, locale);
    }

    private final class Footer extends PdfPageEventHelper {
      private final String studyName;
      private final String printed;

      Footer(String studyName, String printed) {
        this.studyName = studyName;
        this.printed = printed;
      }

      @Override
      public void onEndPage(PdfWriter writer, Document document) {
        String line = text("note.pdf.footer", studyName, writer.getPageNumber(), printed);
        ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER,
            new Phrase(line, small), (document.left() + document.right()) / 2, document.bottom() - 18, 0);
      }
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
