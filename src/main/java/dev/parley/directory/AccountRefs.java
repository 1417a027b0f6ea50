package dev.parley.directory;

import java.util.List;
import java.util.stream.Collectors;

import dev.parley.account.Account;
import dev.parley.account.AccountStore;
import dev.parley.command.CommandException;

/** Turns what an admin typed for an account into exactly one account, or a localized reason why not. */
final class AccountRefs {
    private AccountRefs() {
    }

    /**
     * @param accounts the accounts
     * @param ref      an id, label, wxid, appId or nickname
     * @return the one account it names
     * @throws CommandException when it names none, or several
     */
    static Account one(AccountStore accounts, String ref) {
        List<Account> found = accounts.resolve(ref);
        if (found.isEmpty()) {
            throw new CommandException("directory.error.no_account", "account", ref);
        }
        if (found.size() > 1) {
            throw new CommandException("directory.error.ambiguous_account", "account", ref, "candidates",
                    found.stream().map(a -> "#" + a.id() + " " + a.displayName()).collect(Collectors.joining(", ")));
        }
        return found.get(0);
    }
}
