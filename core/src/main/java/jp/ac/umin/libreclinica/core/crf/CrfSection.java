package jp.ac.umin.libreclinica.core.crf;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jp.ac.umin.libreclinica.core.crf.definition.SectionDefinition;

/** A section (page) of a CRF version. Subtitle and instructions are sanitised HTML. */
@Entity
@Table(name = "crf_section")
class CrfSection {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "crf_section_seq")
  @SequenceGenerator(name = "crf_section_seq", sequenceName = "crf_section_seq", allocationSize = 50)
  private Long id;

  @Column(name = "crf_version_id", nullable = false)
  private Long crfVersionId;

  private int ordinal;
  private String label;
  private String title;
  private String subtitle;
  private String instructions;

  @Column(name = "page_number")
  private String pageNumber;

  @Column(name = "parent_label")
  private String parentLabel;

  private Integer borders;

  protected CrfSection() {}

  CrfSection(Long crfVersionId, int ordinal, SectionDefinition d) {
    this.crfVersionId = crfVersionId;
    this.ordinal = ordinal;
    this.label = d.label();
    this.title = d.title();
    this.subtitle = d.subtitle();
    this.instructions = d.instructions();
    this.pageNumber = d.pageNumber();
    this.parentLabel = d.parentLabel();
    this.borders = d.borders();
  }

  Long getId() {
    return id;
  }

  String getLabel() {
    return label;
  }

  int getOrdinal() {
    return ordinal;
  }

  SectionDefinition toDefinition() {
    return new SectionDefinition(label, title, subtitle, instructions, pageNumber, parentLabel, borders);
  }
}
