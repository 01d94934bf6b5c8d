package jp.ac.umin.libreclinica.web.account;

import jp.ac.umin.libreclinica.core.account.AccountException;
import jp.ac.umin.libreclinica.core.account.AccountValidationException;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.validation.BindingResult;

/** Puts the problems a core service found onto the form, field by field, as message keys. */
public final class FormErrors {

  private FormErrors() {}

  public static void apply(AccountValidationException e, BindingResult result) {
    e.problems().forEach(p -> add(result, p.field(), p.messageKey(), p.args()));
  }

  public static void apply(AccountException e, BindingResult result) {
    add(result, e.field(), e.messageKey(), e.args());
  }

  private static void add(BindingResult result, String field, String key, Object[] args) {
    if (field != null
        && result.getTarget() != null
        && new BeanWrapperImpl(result.getTarget()).isReadableProperty(field)) {
      result.rejectValue(field, key, args, key);
    } else {
      result.reject(key, args, key);
    }
  }
}
