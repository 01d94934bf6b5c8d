package jp.ac.umin.libreclinica.core.input;

import java.text.Normalizer;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Turns what a user typed into what is validated and stored. Free text is kept as typed (only
 * composed to Unicode NFC); structured input (numbers, dates, times, codes) is also folded by
 * every installed {@link CharacterFolding} and trimmed.
 */
@Service
public class InputNormaliser {

  private final List<CharacterFolding> foldings;

  @Autowired
  public InputNormaliser(ObjectProvider<CharacterFolding> foldings) {
    this.foldings = foldings.orderedStream().toList();
  }

  /** For tests and tools without Spring. */
  public InputNormaliser(List<CharacterFolding> foldings) {
    this.foldings = List.copyOf(foldings);
  }

  /** The normalised form of {@code raw}; {@code null} stays {@code null}. */
  public String normalise(String raw, InputKind kind) {
    if (raw == null) {
      return null;
    }
    String value = Normalizer.normalize(raw, Normalizer.Form.NFC);
    if (kind == InputKind.FREE_TEXT) {
      // browsers send a textarea's line breaks as CR LF (HTML forms); one canonical form: LF
      return value.indexOf('\r') < 0 ? value : value.replace("\r\n", "\n").replace('\r', '\n');
    }
    for (CharacterFolding folding : foldings) {
      value = folding.fold(value, kind);
    }
    return value.strip();
  }

  /**
   * What a search compares: the input normalised as a code (so every folding applies), then
   * folded by {@link SearchKey#fold(String)}; {@code null} or blank input gives the empty string.
   */
  public String searchKey(String raw) {
    String code = normalise(raw, InputKind.CODE);
    return code == null ? "" : SearchKey.fold(code).strip();
  }
}
