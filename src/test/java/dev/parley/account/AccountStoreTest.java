package dev.parley.account;

import java.time.InstantSource;

import dev.parley.db.Database;
import dev.parley.testing.TestDatabase;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccountStoreTest {
    private static Database db;
    private static AccountStore accounts;

    @BeforeAll
    static void open() {
        db = TestDatabase.create("accounts");
        accounts = new AccountStore(db.jdbi(), new AccountRegistry(InstantSource.system()), InstantSource.system());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void statusChangesCreateUnknownAccountsAndReportWhetherAnythingChanged() {
        AccountKey key = new AccountKey(Platform.WECHAT, "wx_status");
        assertThat(accounts.markOffline(key, "wxid_s")).isTrue();
        assertThat(accounts.markOffline(key, "wxid_s")).isFalse();
        Account account = accounts.find(accounts.idOf(key)).orElseThrow();
        assertThat(account.status()).isEqualTo(AccountStatus.OFFLINE);
        assertThat(account.selfId()).isEqualTo("wxid_s");
    }

    @Test
    void onlyRunningAccountsAreFlippedOfflineByThePlatform() {
        long id = accounts.idOf(new AccountKey(Platform.WECHAT, "wx_out"));
        accounts.setStatus(id, AccountStatus.LOGGED_OUT);
        assertThat(accounts.markOffline(new AccountKey(Platform.WECHAT, "wx_out"), null)).isFalse();
        assertThat(accounts.find(id).orElseThrow().status()).isEqualTo(AccountStatus.LOGGED_OUT);
        accounts.setStatus(id, AccountStatus.REMOVED);
        assertThat(accounts.list()).extracting(Account::id).doesNotContain(id);
        assertThat(accounts.resolve("wx_out")).isEmpty();
    }

    @Test
    void aLoginRecordsWhoTheAccountIsAndWhenItCameOnline() {
        long id = accounts.pending(new AccountKey(Platform.WECHAT, "wx_new"), "客服2号", "440000", "socks5://u:p@h:1");
        Account pending = accounts.find(id).orElseThrow();
        assertThat(pending.status()).isEqualTo(AccountStatus.PENDING);
        assertThat(pending.loginRegion()).isEqualTo("440000");
        assertThat(pending.toString()).doesNotContain("u:p");
        accounts.loggedIn(id, "wxid_new", "Kefu Two");
        Account online = accounts.find(id).orElseThrow();
        assertThat(online.status()).isEqualTo(AccountStatus.ONLINE);
        assertThat(online.selfId()).isEqualTo("wxid_new");
        assertThat(online.onlineSince()).isNotNull();
        assertThat(online.displayName()).isEqualTo("客服2号");
        // a re-login keeps the label and does not demote an online account
        accounts.pending(new AccountKey(Platform.WECHAT, "wx_new"), null, "440000", null);
        assertThat(accounts.find(id).orElseThrow().status()).isEqualTo(AccountStatus.ONLINE);
        assertThat(accounts.find(id).orElseThrow().label()).isEqualTo("客服2号");
    }

    @Test
    void referencesResolveByIdLabelProviderIdOwnIdOrNickname() {
        long id = accounts.idOf(new AccountKey(Platform.WECHAT, "wx_ref"));
        db.jdbi().useHandle(h -> h.execute("UPDATE accounts SET label = '客服1号', self_id = 'wxid_ref', nickname = 'Kefu'"
                + " WHERE id = ?", id));
        for (String ref : new String[] {String.valueOf(id), "客服1号", "wx_ref", "wxid_ref", "kefu", " Kefu "}) {
            assertThat(accounts.resolve(ref)).as(ref).extracting(Account::id).containsExactly(id);
        }
        assertThat(accounts.resolve("nobody")).isEmpty();
        assertThat(accounts.find(id).orElseThrow().displayName()).isEqualTo("客服1号");
    }

    @Test
    void theAccountsGaugeCountsByPlatformAndStatus() {
        accounts.setStatus(accounts.idOf(new AccountKey(Platform.WECHAT, "wx_g1")), AccountStatus.ONLINE);
        PrometheusRegistry registry = new PrometheusRegistry();
        accounts.registerMetrics(registry);
        GaugeSnapshot gauge = (GaugeSnapshot) registry.scrape().stream()
                .filter(s -> s.getMetadata().getName().equals("parley_accounts")).findFirst().orElseThrow();
        double online = gauge.getDataPoints().stream()
                .filter(d -> d.getLabels().get("status").equals("online") && d.getLabels().get("platform").equals("wechat"))
                .mapToDouble(GaugeSnapshot.GaugeDataPointSnapshot::getValue).sum();
        long expected = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM accounts WHERE status = 'online' AND platform = 'wechat'").mapTo(Long.class).one());
        assertThat(online).isEqualTo(expected).isGreaterThanOrEqualTo(1);
    }
}
