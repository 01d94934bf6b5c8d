package jp.ac.umin.libreclinica.core.study;

import jp.ac.umin.libreclinica.core.account.AccountStatus;
import jp.ac.umin.libreclinica.core.account.Role;

/**
 * One role held at a study or one of its sites, with the account holding it and the place, for
 * the study's users page. Plain values, safe to show after the transaction.
 */
public record StudyUserRow(
    long roleId,
    long accountId,
    String userName,
    String firstName,
    String lastName,
    boolean accountAvailable,
    Role role,
    AccountStatus status,
    String removalReason,
    long placeId,
    String placeName,
    String placeProtocolId,
    boolean site,
    StudyStatus placeStatus) {

  public boolean isAvailable() {
    return status == AccountStatus.AVAILABLE;
  }
}
