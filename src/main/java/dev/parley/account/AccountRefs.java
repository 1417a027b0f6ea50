package dev.parley.account;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.parley.command.CommandException;

/** Turns what an admin typed to name an account ({@code 3}, {@code #3}, a label, a wxid…) into exactly one account. */
public final class AccountRefs {
    /** Most candidates an ambiguous reference lists. */
    private static final int MAX_CANDIDATES = 5;
    /** What admins type for every account, where a command acts for the whole fleet. */
    private static final Set<String> ALL = Set.of("all", "全部", "所有");

    private AccountRefs() {
    }

    /**
     * @param accounts the accounts
     * @param reference what was typed
     * @return the one account it names
     * @throws CommandException when it names none, or several (listing the first few)
     */
    public static Account one(AccountStore accounts, String reference) {
        List<Account> matches = accounts.resolve(reference.strip().replaceFirst("^#", ""));
        if (matches.isEmpty()) {
            throw new CommandException("account.error.none", "account", reference);
        }
        if (matches.size() > 1) {
            throw new CommandException("account.error.ambiguous", "account", reference, "candidates",
                    matches.stream().limit(MAX_CANDIDATES).map(a -> "#" + a.id() + " " + a.displayName()).collect(Collectors.joining(", ")));
        }
        return matches.get(0);
    }

    /**
     * @param accounts  the accounts
     * @param reference what was typed: an account, or {@code all} ({@code 全部}, {@code 所有}) for every account
     * @return the account's id, or {@code null} for every account
     * @throws CommandException when it names no account, or several
     */
    public static Long oneOrAll(AccountStore accounts, String reference) {
        return ALL.contains(reference.strip().toLowerCase(Locale.ROOT)) ? null : one(accounts, reference).id();
    }
}
