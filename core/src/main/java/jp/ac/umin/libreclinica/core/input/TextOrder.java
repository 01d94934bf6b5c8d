package jp.ac.umin.libreclinica.core.input;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;

/**
 * The order of text in lists for a reader's language: the contributed {@link TextCollation} that
 * supports the language, else English collation (case and accents are secondary to letters).
 * Lists sorted this way are short (studies, CRFs), so they are sorted and paged in memory.
 */
@Component
public class TextOrder {

  private final List<TextCollation> collations;

  @Autowired
  public TextOrder(ObjectProvider<TextCollation> collations) {
    this.collations = collations.orderedStream().toList();
  }

  /** For tests and tools without Spring. */
  public TextOrder(List<TextCollation> collations) {
    this.collations = List.copyOf(collations);
  }

  /** Compares text for readers of {@code locale}; {@code null} sorts first. */
  public Comparator<String> comparator(Locale locale) {
    Locale l = locale == null ? Locale.ENGLISH : locale;
    for (TextCollation c : collations) {
      if (c.supports(l)) {
        return Comparator.nullsFirst(c.comparator(l));
      }
    }
    Collator english = Collator.getInstance(Locale.ENGLISH);
    return Comparator.nullsFirst(english::compare);
  }

  /** One page of {@code all}, ordered by {@code key} with {@code order} (stable for ties). */
  public static <T> Page<T> page(
      List<T> all, Function<T, String> key, Comparator<String> order, Pageable pageable) {
    List<T> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparing(key, order));
    if (pageable.isUnpaged()) {
      return new PageImpl<>(sorted, pageable, sorted.size());
    }
    int from = (int) Math.min(pageable.getOffset(), sorted.size());
    int to = Math.min(from + pageable.getPageSize(), sorted.size());
    return new PageImpl<>(sorted.subList(from, to), pageable, sorted.size());
  }
}
