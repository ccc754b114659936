package org.openlearning.catalogimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.openlearning.catalogimport.CatalogImportDao;
import org.openlearning.catalogimport.CatalogImportDao.ImportRow;
import org.openlearning.catalogimport.CatalogImportHandler;
import org.openlearning.storage.ObjectStore;
import org.openlearning.testing.CatalogCsvFixture;
import org.openlearning.testing.TestStack;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The import job against real PostgreSQL and the real S3 store, called as JobRunr would call it. */
@SpringBootTest(classes = ImportTestApplication.class)
class CatalogImportJobTest {

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.create("catalog_import").register(registry);
    }

    @Autowired
    CatalogImportHandler handler;
    @Autowired
    CatalogImportDao imports;
    @Autowired
    ObjectStore store;
    @Autowired
    Jdbi jdbi;

    private long upload(String name, String csv) {
        long admin = jdbi.withHandle(h -> h.createQuery("""
                INSERT INTO users (email, display_name, password_hash) VALUES (:e, 'Admin', 'x')
                ON CONFLICT (email) DO UPDATE SET display_name = excluded.display_name RETURNING id
                """).bind("e", "admin-" + name + "@example.org").mapTo(Long.class).one());
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        String key = "catalog-imports/test/" + name + ".csv";
        store.put(key, new ByteArrayInputStream(bytes), bytes.length, "text/csv");
        return imports.insert(admin, name + ".csv", key, bytes.length);
    }

    private long count(String sql, long importId) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind("id", importId).mapTo(Long.class).one());
    }

    @Test
    void aThousandRowsWithTenBadOnesImportNineHundredNinetyAndReportTheTenByLine() throws Exception {
        CatalogCsvFixture fixture = CatalogCsvFixture.generate(1000, "Thousand Course");
        long id = upload("thousand", fixture.csv());

        handler.importCatalog(id);

        ImportRow row = imports.findById(id).orElseThrow();
        assertThat(row.status()).isEqualTo("SUCCEEDED");
        assertThat(row.rowsRead()).isEqualTo(1000);
        assertThat(row.rowsImported()).isEqualTo(990);
        assertThat(row.rowsRejected()).isEqualTo(10);
        assertThat(count("SELECT count(*) FROM courses WHERE source_import_id = :id AND status = 'PUBLISHED'", id))
                .isEqualTo(990);
        Map<Integer, String> reported = imports.errors(id, 100).stream()
                .collect(Collectors.toMap(CatalogImportDao.RowError::line, CatalogImportDao.RowError::field));
        assertThat(reported).isEqualTo(fixture.badLines());
        String multiLine = jdbi.withHandle(h -> h.createQuery(
                "SELECT description FROM courses WHERE title = 'Thousand Course 3'").mapTo(String.class).one());
        assertThat(multiLine).isEqualTo("First line of a long description,\nsecond line after a break");
        String quoted = jdbi.withHandle(h -> h.createQuery(
                "SELECT description FROM courses WHERE title = 'Thousand Course 4'").mapTo(String.class).one());
        assertThat(quoted).isEqualTo("Learn \"module 4\", step by step");
    }

    @Test
    void runningAFinishedImportAgainChangesNothing() throws Exception {
        CatalogCsvFixture fixture = CatalogCsvFixture.generate(100, "Twice Course");
        long id = upload("twice", fixture.csv());
        handler.importCatalog(id);
        ImportRow first = imports.findById(id).orElseThrow();
        handler.importCatalog(id);
        ImportRow second = imports.findById(id).orElseThrow();
        assertThat(second).isEqualTo(first);
        assertThat(count("SELECT count(*) FROM courses WHERE title LIKE 'Twice Course %' AND :id > 0", id))
                .isEqualTo(fixture.goodRows());
    }

    @Test
    void reImportingACatalogUpdatesTheSameCourses() throws Exception {
        CatalogCsvFixture fixture = CatalogCsvFixture.generate(100, "Again Course");
        handler.importCatalog(upload("again-1", fixture.csv()));
        long second = upload("again-2", fixture.csv().replace("Data Science", "Data Analysis"));
        handler.importCatalog(second);
        assertThat(count("SELECT count(*) FROM courses WHERE title LIKE 'Again Course %' AND :id > 0", second))
                .isEqualTo(fixture.goodRows());
        assertThat(count("SELECT count(*) FROM courses WHERE title LIKE 'Again Course %' AND category = 'Data Analysis'"
                + " AND source_import_id = :id", second)).isEqualTo(fixture.goodRows());
    }

    @Test
    void duplicateRowsInOneFileAreReportedNotImportedTwice() throws Exception {
        String csv = CatalogCsvFixture.HEADER + "\n"
                + "Same Title,Same Partner,first,,Beginner,en,Math,4.1,10\n"
                + "Other Title,Same Partner,other,,Beginner,en,Math,4.1,10\n"
                + "Same Title,Same Partner,second,,Beginner,en,Math,4.1,10\n";
        long id = upload("duplicates", csv);
        handler.importCatalog(id);
        assertThat(imports.findById(id).orElseThrow().rowsImported()).isEqualTo(2);
        assertThat(imports.errors(id, 10)).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.reason()).contains("line 2");
        });
    }

    @Test
    void aFileWithoutTheRequiredColumnsFailsAtOnceWithAReason() throws Exception {
        long id = upload("no-partner", "title,price\nSome Course,10\n");
        handler.importCatalog(id);
        ImportRow row = imports.findById(id).orElseThrow();
        assertThat(row.status()).isEqualTo("FAILED");
        assertThat(row.failureReason()).contains("'partner'");
        assertThat(count("SELECT count(*) FROM courses WHERE source_import_id = :id", id)).isZero();
    }

    @Test
    void anEmptyFileFailsWithAReason() throws Exception {
        long id = upload("empty", "\n");
        handler.importCatalog(id);
        assertThat(imports.findById(id).orElseThrow().failureReason()).contains("empty");
    }
}
