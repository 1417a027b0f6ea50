package dev.parley.login;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.parley.account.Account;
import dev.parley.account.AccountRefs;
import dev.parley.account.AccountStatus;
import dev.parley.account.AccountStore;
import dev.parley.account.Platform;
import dev.parley.card.Card;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandException;
import dev.parley.command.Invocation;
import dev.parley.connector.ConnectorException;
import dev.parley.connector.Connectors;
import dev.parley.connector.LoginOptions;

/**
 * {@code /bot add|relogin|code|cancel|logout|remove}: bringing accounts into service by QR login, pairing code or
 * credentials ({@code phone_id:} and {@code token:} of a Cloud API number), and taking them out again, from chat.
 */
public final class LoginCommands {
    private static final Pattern REGION = Pattern.compile("\\d{6}");
    private static final Pattern PROXY = Pattern.compile("(?i)(socks5|http|https)://\\S+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()\\-.]{5,22}");

    private final LoginService logins;
    private final OnlineMonitor monitor;
    private final AccountStore accounts;
    private final Connectors connectors;

    /**
     * @param logins     runs QR logins
     * @param monitor    told when accounts are taken out of service
     * @param accounts   the accounts
     * @param connectors the platforms
     */
    public LoginCommands(LoginService logins, OnlineMonitor monitor, AccountStore accounts, Connectors connectors) {
        this.logins = logins;
        this.monitor = monitor;
        this.accounts = accounts;
        this.connectors = connectors;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("bot.add", this::add)
                .handler("bot.relogin", this::relogin)
                .handler("bot.code", this::code)
                .handler("bot.cancel", this::cancel)
                .handler("bot.logout", this::logout)
                .handler("bot.remove", this::remove);
    }

    private Card add(Invocation inv) {
        Platform platform = Platform.fromCode(inv.require("platform", String.class));
        String label = inv.get("label", String.class).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        Map<String, String> credentials = credentials(inv, CredentialOptions.ADD);
        if (connectors.connectWithCredentials(platform)) {
            if (has(inv, "region") || has(inv, "proxy") || has(inv, "phone")) {
                throw new CommandException("login.error.options_credentials");
            }
            if (!credentials.containsKey(CredentialOptions.PHONE_ID) || !credentials.containsKey(CredentialOptions.TOKEN)) {
                throw new CommandException("login.error.credentials_missing", "platform", platform.code());
            }
            return logins.connectAccount(inv, platform, label, credentials);
        }
        if (!credentials.isEmpty()) {
            throw new CommandException("login.error.credentials_platform", "platform", platform.code());
        }
        String region = inv.get("region", String.class).map(String::strip).orElse(null);
        if (region != null && !REGION.matcher(region).matches()) {
            throw new CommandException("login.error.region", "region", region);
        }
        String proxy = inv.get("proxy", String.class).map(String::strip).orElse(null);
        if (proxy != null && !PROXY.matcher(proxy).matches()) {
            throw new CommandException("login.error.proxy");
        }
        String phone = inv.get("phone", String.class).map(String::strip).orElse(null);
        if (phone != null) {
            String digits = phone.replaceAll("[^0-9]", "");
            if (!PHONE.matcher(phone).matches() || digits.length() < 7 || digits.length() > 15) {
                throw new CommandException("login.error.phone", "phone", phone);
            }
            phone = digits;
        }
        if (platform == Platform.WECHAT && phone != null) {
            throw new CommandException("login.error.phone_platform");
        }
        if (platform == Platform.WHATSAPP && (region != null || proxy != null)) {
            throw new CommandException("login.error.options_platform");
        }
        return logins.addAccount(inv, platform, label, new LoginOptions(region, proxy, phone));
    }

    /** A re-login on the same device, or for accounts that come with credentials, a new check of them. */
    private Card relogin(Invocation inv) {
        Account account = AccountRefs.one(accounts, inv.require("account", String.class));
        Map<String, String> credentials = credentials(inv, CredentialOptions.RELOGIN);
        if (connectors.connectWithCredentials(account.platform())) {
            credentials.put(CredentialOptions.PHONE_ID, account.externalId());
            return logins.connectAccount(inv, account.platform(), null, credentials);
        }
        if (!credentials.isEmpty()) {
            throw new CommandException("login.error.credentials_platform", "platform", account.platform().code());
        }
        return logins.relogin(inv, account);
    }

    /** The credential options typed, by the names the connector reads them under. */
    private static Map<String, String> credentials(Invocation inv, Map<String, String> options) {
        Map<String, String> typed = new HashMap<>();
        options.forEach((option, name) -> inv.get(option, String.class).map(String::strip)
                .filter(v -> !v.isEmpty()).ifPresent(v -> typed.put(name, v)));
        return typed;
    }

    private static boolean has(Invocation inv, String option) {
        return inv.get(option, String.class).isPresent();
    }

    /** The options of {@code /bot add} and {@code relogin} that carry credentials, and the names connectors read. */
    private static final class CredentialOptions {
        static final String PHONE_ID = "phone-id";
        static final String TOKEN = "token";
        static final Map<String, String> RELOGIN = Map.of("token", TOKEN, "waba", "waba");
        static final Map<String, String> ADD = Map.of("phone_id", PHONE_ID, "token", TOKEN, "waba", "waba");
    }

    private Card code(Invocation inv) {
        Account account = AccountRefs.one(accounts, inv.require("account", String.class));
        if (!logins.submitCode(account.id(), inv.require("code", String.class).strip())) {
            throw new CommandException("login.error.no_login", "id", account.id());
        }
        return Card.builder(inv.t("login.code.title")).text(inv.t("login.code.text")).build();
    }

    private Card cancel(Invocation inv) {
        Account account = AccountRefs.one(accounts, inv.require("account", String.class));
        if (!logins.cancel(account.id(), inv.locale())) {
            throw new CommandException("login.error.no_login", "id", account.id());
        }
        if (account.selfId() == null && accounts.deleteIfUnused(account.id())) {
            return Card.builder(inv.t("login.cancelled.title")).text(inv.t("login.cancelled.forgotten")).build();
        }
        if (account.status() == AccountStatus.PENDING) {
            accounts.setStatus(account.id(), AccountStatus.OFFLINE);
        }
        return Card.builder(inv.t("login.cancelled.title")).text(inv.t("login.cancelled.text")).build();
    }

    private Card logout(Invocation inv) {
        Account account = AccountRefs.one(accounts, inv.require("account", String.class));
        if (!inv.confirmed()) {
            return inv.confirmFirst(inv.t("login.logout.confirm_title", "account", account.displayName()),
                    inv.t("login.logout.confirm"));
        }
        logoutAtPlatform(account);
        accounts.setStatus(account.id(), AccountStatus.LOGGED_OUT);
        monitor.stopped(account.id());
        return Card.builder(inv.t("login.logout.title")).tone(Card.Tone.SUCCESS)
                .text(inv.t("login.logout.done", "account", account.displayName(), "id", account.id())).build();
    }

    private Card remove(Invocation inv) {
        Account account = AccountRefs.one(accounts, inv.require("account", String.class));
        if (!inv.confirmed()) {
            return inv.confirmFirst(inv.t("login.remove.confirm_title", "account", account.displayName()),
                    inv.t("login.remove.confirm", "messages", account.messageCount()));
        }
        logins.cancel(account.id(), inv.locale());
        if (account.status() == AccountStatus.ONLINE) {
            logoutAtPlatform(account);
        }
        monitor.stopped(account.id());
        if (!accounts.deleteIfUnused(account.id())) {
            accounts.setStatus(account.id(), AccountStatus.REMOVED);
        }
        return Card.builder(inv.t("login.remove.title")).tone(Card.Tone.SUCCESS)
                .text(inv.t("login.remove.done", "account", account.displayName())).build();
    }

    /** Logs out at the platform; an account the platform already considers offline is fine. */
    private void logoutAtPlatform(Account account) {
        try {
            connectors.require(account.platform()).logout(account.externalId());
        } catch (ConnectorException e) {
            if (e.kind() != ConnectorException.Kind.OFFLINE) {
                throw new CommandException("login.error.logout", "reason",
                        e.kind().name().toLowerCase(Locale.ROOT) + ": " + e.getMessage());
            }
        }
    }
}
