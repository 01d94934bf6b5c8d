package jp.ac.umin.libreclinica.core.identity;

import java.util.Set;

/**
 * Whether an unknown but verified external identity gets a new account (just-in-time creation,
 * off by default), and which user names such an account must never take (the break-glass
 * administrators, whose names open the password form).
 */
public record JustInTime(boolean enabled, Set<String> reservedUserNames) {

  public static final JustInTime OFF = new JustInTime(false, Set.of());

  public JustInTime {
    reservedUserNames = reservedUserNames == null ? Set.of() : Set.copyOf(reservedUserNames);
  }

  boolean reserved(String userName) {
    return reservedUserNames.stream().anyMatch(r -> r.strip().equalsIgnoreCase(userName));
  }
}
