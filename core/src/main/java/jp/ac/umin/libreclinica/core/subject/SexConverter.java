package jp.ac.umin.libreclinica.core.subject;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores {@link Sex} as LibreClinica's one-letter code. */
@Converter
class SexConverter implements AttributeConverter<Sex, String> {

  @Override
  public String convertToDatabaseColumn(Sex sex) {
    return sex == null ? null : sex.code();
  }

  @Override
  public Sex convertToEntityAttribute(String code) {
    return code == null ? null : Sex.ofCode(code);
  }
}
