package org.openlearning.catalogimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openlearning.catalog.Level;
import org.openlearning.csv.CsvRow;

class CatalogRowValidatorTest {

    private final CatalogRowValidator validator = new CatalogRowValidator();

    private ImportItem validate(Map<String, String> values) {
        Map<String, String> row = new HashMap<>(Map.of("title", "Data Science Basics", "partner", "Northfield University"));
        row.putAll(values);
        return validator.process(new CsvRow(7, row, null));
    }

    @Test
    void aGoodRowBecomesACourseWithAStableSlug() {
        ImportItem item = validate(Map.of("level", "Intermediate", "language", "Spanish", "rating", "4.66",
                "enrollments", "5.3k", "skills", "['SQL', 'Python', 'SQL']"));
        assertThat(item).isInstanceOf(ImportItem.Course.class);
        ImportItem.Course c = (ImportItem.Course) item;
        assertThat(c.slug()).isEqualTo("data-science-basics-northfield-university");
        assertThat(c.partnerSlug()).isEqualTo("northfield-university");
        assertThat(c.level()).isEqualTo(Level.INTERMEDIATE);
        assertThat(c.language()).isEqualTo("es");
        assertThat(c.rating()).isEqualTo(new BigDecimal("4.7"));
        assertThat(c.enrollments()).isEqualTo(5300);
        assertThat(c.skills()).containsExactly("SQL", "Python");
    }

    @Test
    void missingFieldsTakeDefaults() {
        ImportItem.Course c = (ImportItem.Course) validate(Map.of());
        assertThat(c.level()).isEqualTo(Level.MIXED);
        assertThat(c.language()).isEqualTo("en");
        assertThat(c.rating()).isNull();
        assertThat(c.enrollments()).isZero();
    }

    @Test
    void badRowsAreRejectedWithTheFieldAndAReason() {
        assertRejected(Map.of("title", " "), "title", "empty");
        assertRejected(Map.of("partner", ""), "partner", "empty");
        assertRejected(Map.of("title", "x".repeat(301)), "title", "300");
        assertRejected(Map.of("level", "Expert-ish"), "level", "Expert-ish");
        assertRejected(Map.of("language", "klingon"), "language", "klingon");
        assertRejected(Map.of("rating", "7.5"), "rating", "between 0 and 5");
        assertRejected(Map.of("rating", "great"), "rating", "not a number");
        assertRejected(Map.of("enrollments", "-3"), "enrollments", "non-negative");
        assertRejected(Map.of("enrollments", "lots"), "enrollments", "non-negative");
    }

    @Test
    void anUnsplittableLineIsRejectedWithItsParseError() {
        ImportItem item = validator.process(new CsvRow(12, Map.of(), "the line is not valid CSV: unbalanced quote"));
        assertThat(item).isEqualTo(new ImportItem.Rejected(12, null, "the line is not valid CSV: unbalanced quote"));
    }

    @Test
    void countsAndSkillsInTheirCommonSpellings() {
        assertThat(CatalogRowValidator.language("Italiano")).isEqualTo("it");
        assertThat(CatalogRowValidator.language("中文")).isEqualTo("zh");
        assertThat(CatalogRowValidator.language("pt-BR")).isEqualTo("pt");
        assertThat(CatalogRowValidator.count("1,234")).isEqualTo(1234);
        assertThat(CatalogRowValidator.count("1.2M")).isEqualTo(1_200_000);
        assertThat(CatalogRowValidator.count("abc")).isNull();
        assertThat(CatalogRowValidator.skills("SQL; Python | R")).isEqualTo(List.of("SQL", "Python", "R"));
        assertThat(CatalogRowValidator.skills("[]")).isEmpty();
    }

    @Test
    void headersInPartnerSpellingsMapToTheDocumentedColumns() {
        List<String> names = CatalogColumns.COLUMNS.normalize(new String[] {"\uFEFFCourse Title", "organization", "n_enrolled",
                "Level", "unrelated", "course_title"});
        assertThat(names).containsExactly("title", "partner", "enrollments", "level", null, null);
        assertThat(CatalogColumns.problemWith(names)).isNull();
        assertThat(CatalogColumns.problemWith(CatalogColumns.COLUMNS.normalize(new String[] {"title", "price"})))
                .contains("'partner'");
    }

    private void assertRejected(Map<String, String> values, String field, String reasonPart) {
        ImportItem item = validate(values);
        assertThat(item).as(values.toString()).isInstanceOf(ImportItem.Rejected.class);
        ImportItem.Rejected r = (ImportItem.Rejected) item;
        assertThat(r.line()).isEqualTo(7);
        assertThat(r.field()).isEqualTo(field);
        assertThat(r.reason()).contains(reasonPart);
    }
}
