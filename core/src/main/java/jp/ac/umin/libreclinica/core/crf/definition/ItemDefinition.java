package jp.ac.umin.libreclinica.core.crf.definition;

/**
 * An item as it appears in one CRF version. {@code leftText}, {@code rightText}, {@code header}
 * and {@code subheader} are sanitised HTML; other texts are plain. {@code responseSet} is null
 * for items without options; {@code calculation} holds the expression of calculated items.
 * {@code width} and {@code decimals} are null when not given (or given as {@code w}/{@code d}).
 */
public record ItemDefinition(
    int ordinal,
    String name,
    String description,
    String leftText,
    String units,
    String rightText,
    String sectionLabel,
    String groupLabel,
    String header,
    String subheader,
    String parentItem,
    Integer columnNumber,
    String pageNumber,
    String questionNumber,
    ResponseType responseType,
    ResponseSetDefinition responseSet,
    String calculation,
    ResponseLayout responseLayout,
    String defaultValue,
    ItemDataType dataType,
    String widthDecimal,
    Integer width,
    Integer decimals,
    ItemValidation validation,
    boolean phi,
    boolean required,
    boolean hidden,
    ConditionalDisplay conditionalDisplay) {}
