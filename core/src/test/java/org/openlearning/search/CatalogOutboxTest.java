package org.openlearning.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openlearning.testing.TestStack;

/**
 * The database fills the search outbox itself, in the changing transaction, for every writer:
 * each change that a course's search document shows adds a row and raises its search_version;
 * a change that shows nothing, or a rolled-back one, adds none.
 */
class CatalogOutboxTest {

    private static Jdbi jdbi;

    @BeforeAll
    static void database() {
        TestStack.Env env = TestStack.create("catalog_outbox");
        Flyway.configure().dataSource(env.jdbcUrl(), TestStack.PG_USER, TestStack.PG_PASSWORD).load().migrate();
        jdbi = Jdbi.create(env.jdbcUrl(), TestStack.PG_USER, TestStack.PG_PASSWORD).installPlugin(new PostgresPlugin());
    }

    @BeforeEach
    void emptyOutbox() {
        jdbi.useHandle(h -> h.execute("DELETE FROM catalog_outbox"));
    }

    @Test
    void createEditPublishUnpublishAndDeleteEachWriteARowAndRaiseTheVersion() {
        long id = jdbi.withHandle(h -> insert(h, "outbox-one", "DRAFT"));
        assertThat(outbox()).containsExactly(id);
        long v0 = version(id);

        jdbi.useHandle(h -> h.execute("UPDATE courses SET title = 'Renamed' WHERE id = ?", id));
        jdbi.useHandle(h -> h.execute("UPDATE courses SET status = 'PUBLISHED', published_at = now() WHERE id = ?", id));
        jdbi.useHandle(h -> h.execute("UPDATE courses SET status = 'ARCHIVED' WHERE id = ?", id));
        assertThat(outbox()).containsExactly(id, id, id, id);
        assertThat(version(id)).isGreaterThan(v0);

        jdbi.useHandle(h -> h.execute("DELETE FROM courses WHERE id = ?", id));
        assertThat(outbox()).hasSize(5).containsOnly(id);
    }

    @Test
    void anUpdateThatChangesNothingWritesNothing() {
        long id = jdbi.withHandle(h -> insert(h, "outbox-same", "PUBLISHED"));
        emptyOutbox();
        long v = version(id);
        jdbi.useHandle(h -> h.execute("UPDATE courses SET title = title WHERE id = ?", id));
        assertThat(outbox()).isEmpty();
        assertThat(version(id)).isEqualTo(v);
    }

    @Test
    void aRolledBackChangeLeavesNoRow() {
        long id = jdbi.withHandle(h -> insert(h, "outbox-rollback", "PUBLISHED"));
        emptyOutbox();
        assertThatThrownBy(() -> jdbi.useTransaction(h -> {
            h.execute("UPDATE courses SET title = 'Never' WHERE id = ?", id);
            throw new IllegalStateException("abandoned");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(outbox()).isEmpty();
    }

    @Test
    void aBulkInsertWritesOneRowPerCourse() {
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO courses (slug, title, status) SELECT 'outbox-bulk-' || g, 'Bulk ' || g, 'PUBLISHED'
                FROM generate_series(1, 500) g"""));
        assertThat(outbox()).hasSize(500).doesNotHaveDuplicates();
    }

    @Test
    void instructorsAndTheirNamesAndPartnerNamesReachTheirCourses() {
        long partner = jdbi.withHandle(h -> h.createQuery(
                "INSERT INTO partners (slug, name) VALUES ('outbox-u', 'Outbox University') RETURNING id").mapTo(Long.class).one());
        long user = jdbi.withHandle(h -> h.createQuery(
                "INSERT INTO users (email, display_name, password_hash) VALUES ('t@outbox.example', 'Teacher', 'x') RETURNING id")
                .mapTo(Long.class).one());
        long id = jdbi.withHandle(h -> insert(h, "outbox-people", "PUBLISHED"));
        jdbi.useHandle(h -> h.execute("UPDATE courses SET partner_id = ? WHERE id = ?", partner, id));
        emptyOutbox();

        jdbi.useHandle(h -> h.execute("INSERT INTO course_instructors (course_id, user_id) VALUES (?, ?)", id, user));
        assertThat(outbox()).containsExactly(id);
        jdbi.useHandle(h -> h.execute("UPDATE users SET display_name = 'Professor Teacher' WHERE id = ?", user));
        assertThat(outbox()).containsExactly(id, id);
        jdbi.useHandle(h -> h.execute("UPDATE partners SET name = 'Outbox Institute' WHERE id = ?", partner));
        assertThat(outbox()).containsExactly(id, id, id);
        jdbi.useHandle(h -> h.execute("UPDATE users SET bio = 'unrelated' WHERE id = ?", user));
        assertThat(outbox()).hasSize(3);
    }

    private static long insert(Handle h, String slug, String status) {
        return h.createQuery("INSERT INTO courses (slug, title, status) VALUES (?, 'Outbox', ?) RETURNING id")
                .bind(0, slug).bind(1, status).mapTo(Long.class).one();
    }

    private static List<Long> outbox() {
        return jdbi.withHandle(h -> h.createQuery("SELECT course_id FROM catalog_outbox ORDER BY id").mapTo(Long.class).list());
    }

    private static long version(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT search_version FROM courses WHERE id = ?").bind(0, id)
                .mapTo(Long.class).one());
    }
}
