package jp.ac.umin.libreclinica.core.crf;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseLayout;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseType;

/**
 * How an item appears in one CRF version: where (section, group, order, column), what it says
 * (question number, header, texts; sanitised HTML), how it is answered (response type and set,
 * calculation, default, width), its checks and whether it is shown.
 */
@Entity
@Table(name = "item_form_metadata")
class ItemFormMetadata {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "item_form_metadata_seq")
  @SequenceGenerator(name = "item_form_metadata_seq", sequenceName = "item_form_metadata_seq", allocationSize = 50)
  private Long id;

  @Column(name = "crf_version_id", nullable = false)
  private Long crfVersionId;

  @Column(name = "item_id", nullable = false)
  private Long itemId;

  @Column(name = "section_id", nullable = false)
  private Long sectionId;

  @Column(name = "item_group_metadata_id", nullable = false)
  private Long itemGroupMetadataId;

  @Column(name = "response_set_id")
  private Long responseSetId;

  private int ordinal;

  @Enumerated(EnumType.STRING)
  @Column(name = "response_type", nullable = false)
  private ResponseType responseType;

  @Column(name = "question_number")
  private String questionNumber;

  private String header;
  private String subheader;

  @Column(name = "left_text")
  private String leftText;

  @Column(name = "right_text")
  private String rightText;

  @Column(name = "parent_item_id")
  private Long parentItemId;

  @Column(name = "column_number")
  private Integer columnNumber;

  @Column(name = "page_number")
  private String pageNumber;

  @Enumerated(EnumType.STRING)
  @Column(name = "response_layout")
  private ResponseLayout responseLayout;

  @Column(name = "default_value")
  private String defaultValue;

  @Column(name = "width_decimal")
  private String widthDecimal;

  private Integer width;
  private Integer decimals;
  private String calculation;

  @Column(name = "validation_expression")
  private String validationExpression;

  @Column(name = "validation_message")
  private String validationMessage;

  private boolean required;
  private boolean hidden;

  @Column(name = "scd_item_id")
  private Long scdItemId;

  @Column(name = "scd_option_value")
  private String scdOptionValue;

  @Column(name = "scd_message")
  private String scdMessage;

  protected ItemFormMetadata() {}

  ItemFormMetadata(Long crfVersionId, Long itemId, Long sectionId, Long itemGroupMetadataId,
      Long responseSetId, Long parentItemId, Long scdItemId, ItemDefinition d) {
    this.crfVersionId = crfVersionId;
    this.itemId = itemId;
    this.sectionId = sectionId;
    this.itemGroupMetadataId = itemGroupMetadataId;
    this.responseSetId = responseSetId;
    this.parentItemId = parentItemId;
    this.scdItemId = scdItemId;
    this.ordinal = d.ordinal();
    this.responseType = d.responseType();
    this.questionNumber = d.questionNumber();
    this.header = d.header();
    this.subheader = d.subheader();
    this.leftText = d.leftText();
    this.rightText = d.rightText();
    this.columnNumber = d.columnNumber();
    this.pageNumber = d.pageNumber();
    this.responseLayout = d.responseLayout();
    this.defaultValue = d.defaultValue();
    this.widthDecimal = d.widthDecimal();
    this.width = d.width();
    this.decimals = d.decimals();
    this.calculation = d.calculation();
    if (d.validation() != null) {
      this.validationExpression = d.validation().expression();
      this.validationMessage = d.validation().message();
    }
    this.required = d.required();
    this.hidden = d.hidden();
    if (d.conditionalDisplay() != null) {
      this.scdOptionValue = d.conditionalDisplay().optionValue();
      this.scdMessage = d.conditionalDisplay().message();
    }
  }

  Long getCrfVersionId() {
    return crfVersionId;
  }

  Long getItemId() {
    return itemId;
  }

  Long getSectionId() {
    return sectionId;
  }

  Long getItemGroupMetadataId() {
    return itemGroupMetadataId;
  }

  Long getResponseSetId() {
    return responseSetId;
  }

  Long getParentItemId() {
    return parentItemId;
  }

  Long getScdItemId() {
    return scdItemId;
  }

  int getOrdinal() {
    return ordinal;
  }

  ResponseType getResponseType() {
    return responseType;
  }

  String getQuestionNumber() {
    return questionNumber;
  }

  String getHeader() {
    return header;
  }

  String getSubheader() {
    return subheader;
  }

  String getLeftText() {
    return leftText;
  }

  String getRightText() {
    return rightText;
  }

  Integer getColumnNumber() {
    return columnNumber;
  }

  String getPageNumber() {
    return pageNumber;
  }

  ResponseLayout getResponseLayout() {
    return responseLayout;
  }

  String getDefaultValue() {
    return defaultValue;
  }

  String getWidthDecimal() {
    return widthDecimal;
  }

  Integer getWidth() {
    return width;
  }

  Integer getDecimals() {
    return decimals;
  }

  String getCalculation() {
    return calculation;
  }

  String getValidationExpression() {
    return validationExpression;
  }

  String getValidationMessage() {
    return validationMessage;
  }

  boolean isRequired() {
    return required;
  }

  boolean isHidden() {
    return hidden;
  }

  String getScdOptionValue() {
    return scdOptionValue;
  }

  String getScdMessage() {
    return scdMessage;
  }
}
