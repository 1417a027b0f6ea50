package dev.parley.rbac;

import java.time.InstantSource;
import java.util.List;

import dev.parley.db.Database;
import dev.parley.testing.TestDatabase;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoleStoreTest {
    private static Database db;
    private RoleStore roles;

    @BeforeAll
    static void open() {
        db = TestDatabase.create("roles");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void clean() {
        db.jdbi().useHandle(h -> h.execute("DELETE FROM admins"));
        roles = new RoleStore(db.jdbi(), InstantSource.system());
    }

    @Test
    void configuredOwnersAreSeededIdempotentlyAndMarkedAsConfig() {
        Identity ops = Identity.parse("http:ops").orElseThrow();
        roles.seedOwners(List.of(ops, Identity.parse("telegram:123").orElseThrow()));
        roles.seedOwners(List.of(ops));
        assertThat(roles.ownerCount()).isEqualTo(2);
        assertThat(roles.grantOf(ops).orElseThrow().fromConfig()).isTrue();
        assertThat(roles.roleOf(ops)).contains(Role.OWNER);
    }

    @Test
    void grantReplacesAndRevokeRemoves() {
        Identity bob = Identity.parse("feishu:ou_bob").orElseThrow();
        Identity owner = Identity.parse("http:admin").orElseThrow();
        assertThat(roles.roleOf(bob)).isEmpty();
        roles.grant(bob, Role.VIEWER, owner);
        roles.grant(bob, Role.ADMIN, owner);
        assertThat(roles.roleOf(bob)).contains(Role.ADMIN);
        assertThat(roles.grantOf(bob).orElseThrow().grantedBy()).isEqualTo("http:admin");
        assertThat(roles.revoke(bob)).isTrue();
        assertThat(roles.revoke(bob)).isFalse();
        assertThat(roles.roleOf(bob)).isEmpty();
    }

    @Test
    void listPutsHigherRolesFirst() {
        Identity by = Identity.parse("http:admin").orElseThrow();
        roles.grant(Identity.parse("http:v").orElseThrow(), Role.VIEWER, by);
        roles.grant(Identity.parse("http:o").orElseThrow(), Role.OWNER, by);
        roles.grant(Identity.parse("http:a").orElseThrow(), Role.ADMIN, by);
        assertThat(roles.list()).extracting(Grant::role).containsExactly(Role.OWNER, Role.ADMIN, Role.VIEWER);
    }

    @Test
    void identitiesAreParsedStrictly() {
        assertThat(Identity.parse("telegram:123")).contains(new Identity("telegram", "123"));
        assertThat(Identity.parse("Feishu:ou_abc").orElseThrow().channel()).isEqualTo("feishu");
        assertThat(Identity.parse("nochannel")).isEmpty();
        assertThat(Identity.parse(":123")).isEmpty();
        assertThat(Identity.parse("telegram:")).isEmpty();
        assertThat(Identity.parse("1bad:x")).isEmpty();
        assertThat(Identity.parse("http:" + "x".repeat(129))).isEmpty();
    }

    @Test
    void rolesAreOrdered() {
        assertThat(Role.OWNER.includes(Role.ADMIN)).isTrue();
        assertThat(Role.ADMIN.includes(Role.ADMIN)).isTrue();
        assertThat(Role.VIEWER.includes(Role.OPERATOR)).isFalse();
        assertThat(Role.fromCode(" Admin ")).contains(Role.ADMIN);
        assertThat(Role.fromCode("root")).isEmpty();
    }
}
