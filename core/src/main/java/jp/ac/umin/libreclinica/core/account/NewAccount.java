package jp.ac.umin.libreclinica.core.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an administrator enters to create an account. */
public record NewAccount(
    @NotBlank(message = "{account.userName.required}")
        @Size(max = UserAccount.MAX_USER_NAME, message = "{account.userName.tooLong}")
        @Pattern(regexp = UserAccount.USER_NAME_PATTERN, message = "{account.userName.invalid}")
        String userName,
    @NotNull @Valid PersonDetails details,
    @NotNull(message = "{account.userType.required}") UserType userType) {}
