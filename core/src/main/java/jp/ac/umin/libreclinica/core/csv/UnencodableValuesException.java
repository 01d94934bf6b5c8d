package jp.ac.umin.libreclinica.core.csv;

import java.util.List;

/** A CSV file was refused because the chosen encoding cannot hold some of its values. */
public class UnencodableValuesException extends RuntimeException {

  private final transient List<UnencodableValue> listed;
  private final int total;

  public UnencodableValuesException(List<UnencodableValue> listed, int total) {
    super(total + " value(s) cannot be written in the chosen encoding, first: " + listed.get(0));
    this.listed = List.copyOf(listed);
    this.total = total;
  }

  /** The places (at most a few hundred). */
  public List<UnencodableValue> listed() {
    return listed;
  }

  /** How many values could not be written. */
  public int total() {
    return total;
  }

  public String messageKey() {
    return "csv.encoding.unencodable";
  }
}
