package jp.ac.umin.libreclinica.web.signature;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import jp.ac.umin.libreclinica.core.casebook.CasebookDocument;
import jp.ac.umin.libreclinica.web.i18n.DateDisplay;
import org.springframework.stereotype.Component;

/** Lets casebook templates show a value as the reader writes it: {@code @casebookValues.shown(v)}. */
@Component("casebookValues")
public class CasebookValues {

  private final DateDisplay dates;

  public CasebookValues(DateDisplay dates) {
    this.dates = dates;
  }

  /** A full date in the reader's format; anything else as the casebook has it. */
  public String shown(CasebookDocument.Value v) {
    if (v.date() && v.display().length() == 10) {
      try {
        return dates.date(LocalDate.parse(v.display()));
      } catch (DateTimeParseException notIso) {
        return v.display();
      }
    }
    return v.display();
  }
}
