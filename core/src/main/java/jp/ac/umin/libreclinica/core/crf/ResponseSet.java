package jp.ac.umin.libreclinica.core.crf;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseOption;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseSetDefinition;

/** A labelled list of options in one CRF version, shared by the items that name its label. */
@Entity
@Table(name = "response_set")
class ResponseSet {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "response_set_seq")
  @SequenceGenerator(name = "response_set_seq", sequenceName = "response_set_seq", allocationSize = 50)
  private Long id;

  @Column(name = "crf_version_id", nullable = false)
  private Long crfVersionId;

  private String label;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "response_option", joinColumns = @JoinColumn(name = "response_set_id"))
  @OrderColumn(name = "ordinal")
  private List<Option> options = new ArrayList<>();

  /** One option: the text shown and the value stored. */
  @Embeddable
  static class Option {
    @Column(nullable = false)
    private String text;

    @Column(nullable = false)
    private String value;

    protected Option() {}

    Option(String text, String value) {
      this.text = text;
      this.value = value;
    }
  }

  protected ResponseSet() {}

  ResponseSet(Long crfVersionId, ResponseSetDefinition d) {
    this.crfVersionId = crfVersionId;
    this.label = d.label();
    d.options().forEach(o -> options.add(new Option(o.text(), o.value())));
  }

  Long getId() {
    return id;
  }

  ResponseSetDefinition toDefinition() {
    return new ResponseSetDefinition(
        label, options.stream().map(o -> new ResponseOption(o.text, o.value)).toList());
  }
}
