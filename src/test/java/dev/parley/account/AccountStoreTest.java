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
        assertThat(accounts.setStatus(key, "wxid_s", AccountStatus.OFFLINE)).isTrue();
        assertThat(accounts.setStatus(key, "wxid_s", AccountStatus.OFFLINE)).isFalse();
        Account account = accounts.find(accounts.idOf(key)).orElseThrow();
        assertThat(account.status()).isEqualTo(AccountStatus.OFFLINE);
        assertThat(account.selfId()).isEqualTo("wxid_s");
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
        accounts.setStatus(new AccountKey(Platform.WECHAT, "wx_g1"), null, AccountStatus.ONLINE);
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
