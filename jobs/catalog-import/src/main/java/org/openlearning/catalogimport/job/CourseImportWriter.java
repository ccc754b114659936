package org.openlearning.catalogimport.job;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.spring.JdbiUtil;
import org.openlearning.catalogimport.CatalogImportDao;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes one chunk in the chunk's transaction: partners and courses with set-based upserts, the
 * rejected rows with their line numbers, and the import's counters. Re-writing a chunk (after a
 * crash, Spring Batch restarts at the last committed chunk) changes nothing: courses are keyed by
 * slug, errors by line.
 */
class CourseImportWriter implements ItemWriter<ImportItem> {

    private static final char SEPARATOR = '\u001f';

    private final Jdbi jdbi;
    private final CatalogImportDao imports;
    private final long importId;
    private final CatalogImportSettings settings;

    CourseImportWriter(Jdbi jdbi, CatalogImportDao imports, long importId, CatalogImportSettings settings) {
        this.jdbi = jdbi;
        this.imports = imports;
        this.importId = importId;
        this.settings = settings;
    }

    @Override
    public void write(Chunk<? extends ImportItem> chunk) throws InterruptedException {
        List<ImportItem.Rejected> rejected = new ArrayList<>();
        Map<String, ImportItem.Course> bySlug = new LinkedHashMap<>();
        for (ImportItem item : chunk) {
            switch (item) {
                case ImportItem.Rejected r -> rejected.add(r);
                case ImportItem.Course c -> {
                    ImportItem.Course earlier = bySlug.putIfAbsent(c.slug(), c);
                    if (earlier != null) {
                        rejected.add(duplicate(c, earlier.line()));
                    }
                }
            }
        }
        Handle handle = JdbiUtil.getHandle(jdbi);
        try {
            List<ImportItem.Course> courses = withoutEarlierDuplicates(handle, bySlug, rejected);
            int imported = upsert(handle, courses, rejected);
            if (!rejected.isEmpty()) {
                rejected.sort(Comparator.comparingInt(ImportItem.Rejected::line));
                imports.insertErrors(importId, rejected.stream().map(ImportItem.Rejected::line).toList(),
                        rejected.stream().map(ImportItem.Rejected::field).toList(),
                        rejected.stream().map(ImportItem.Rejected::reason).toList());
            }
            imports.countChunk(importId, chunk.size(), imported);
        } finally {
            JdbiUtil.closeIfNeeded(handle);
        }
        if (!settings.chunkPause().isZero()) {
            Thread.sleep(settings.chunkPause());
        }
    }

    private static ImportItem.Rejected duplicate(ImportItem.Course c, int earlierLine) {
        return new ImportItem.Rejected(c.line(), "title",
                "duplicate: line " + earlierLine + " has the same title and partner");
    }

    /** Drops rows whose course an earlier chunk of this import already wrote from another line. */
    private List<ImportItem.Course> withoutEarlierDuplicates(Handle handle, Map<String, ImportItem.Course> bySlug,
            List<ImportItem.Rejected> rejected) {
        Map<String, Integer> written = new HashMap<>();
        handle.createQuery("""
                        SELECT slug, source_line FROM courses WHERE source_import_id = :importId AND slug = ANY(:slugs)
                        """)
                .bind("importId", importId)
                .bind("slugs", bySlug.keySet().toArray(String[]::new))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> written.put(e.getKey(), e.getValue()));
        List<ImportItem.Course> courses = new ArrayList<>();
        for (ImportItem.Course c : bySlug.values()) {
            Integer line = written.get(c.slug());
            if (line != null && line != c.line()) {
                rejected.add(duplicate(c, line));
            } else {
                courses.add(c);
            }
        }
        courses.sort(Comparator.comparing(ImportItem.Course::slug)); // a fixed lock order between imports
        return courses;
    }

    private int upsert(Handle handle, List<ImportItem.Course> courses, List<ImportItem.Rejected> rejected) {
        if (courses.isEmpty()) {
            return 0;
        }
        Map<String, String> partners = new LinkedHashMap<>();
        courses.forEach(c -> partners.putIfAbsent(c.partnerSlug(), c.partnerName()));
        Map<String, Long> partnerIds = new HashMap<>();
        handle.createQuery("""
                        INSERT INTO partners (slug, name)
                        SELECT * FROM unnest(:slugs, :names) ORDER BY 1
                        ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug
                        RETURNING slug, id
                        """)
                .bind("slugs", partners.keySet().toArray(String[]::new))
                .bind("names", partners.values().toArray(String[]::new))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> partnerIds.put(e.getKey(), e.getValue()));

        int n = courses.size();
        String[] slugs = new String[n], titles = new String[n], summaries = new String[n];
        String[] descriptions = new String[n], skills = new String[n], levels = new String[n];
        String[] languages = new String[n], categories = new String[n];
        Long[] partnerIdArray = new Long[n], enrollments = new Long[n];
        BigDecimal[] ratings = new BigDecimal[n];
        Integer[] lines = new Integer[n];
        for (int i = 0; i < n; i++) {
            ImportItem.Course c = courses.get(i);
            slugs[i] = c.slug();
            titles[i] = c.title();
            summaries[i] = c.summary();
            descriptions[i] = c.description();
            skills[i] = String.join(String.valueOf(SEPARATOR), c.skills());
            levels[i] = c.level().name();
            languages[i] = c.language();
            categories[i] = c.category();
            partnerIdArray[i] = partnerIds.get(c.partnerSlug());
            enrollments[i] = c.enrollments();
            ratings[i] = c.rating();
            lines[i] = c.line();
        }
        Set<String> written = new HashSet<>(handle.createQuery("""
                        INSERT INTO courses (slug, title, summary, description, partner_id, category, level, language,
                                             skills, status, rating, enrollment_count, source_import_id, source_line,
                                             published_at)
                        SELECT t.slug, t.title, t.summary, t.description, t.partner_id, t.category, t.level, t.language,
                               CASE WHEN t.skills = '' THEN '{}'::text[] ELSE string_to_array(t.skills, chr(31)) END,
                               'PUBLISHED', t.rating, t.enrollments, :importId, t.line, now()
                        FROM unnest(:slugs, :titles, :summaries, :descriptions, :partnerIds, :categories, :levels,
                                    :languages, :skills, :ratings, :enrollments, :lines)
                             AS t(slug, title, summary, description, partner_id, category, level, language, skills,
                                  rating, enrollments, line)
                        ON CONFLICT (slug) DO UPDATE SET
                            title = excluded.title, summary = excluded.summary, description = excluded.description,
                            category = excluded.category, level = excluded.level, language = excluded.language,
                            skills = excluded.skills, rating = excluded.rating,
                            enrollment_count = excluded.enrollment_count, status = 'PUBLISHED',
                            source_import_id = excluded.source_import_id, source_line = excluded.source_line,
                            published_at = coalesce(courses.published_at, excluded.published_at), updated_at = now()
                        WHERE courses.partner_id = excluded.partner_id
                        RETURNING slug
                        """)
                .bind("importId", importId)
                .bind("slugs", slugs).bind("titles", titles).bind("summaries", summaries)
                .bind("descriptions", descriptions).bind("partnerIds", partnerIdArray).bind("categories", categories)
                .bind("levels", levels).bind("languages", languages).bind("skills", skills)
                .bind("ratings", ratings).bind("enrollments", enrollments).bind("lines", lines)
                .mapTo(String.class)
                .list());
        for (ImportItem.Course c : courses) {
            if (!written.contains(c.slug())) {
                rejected.add(new ImportItem.Rejected(c.line(), "title",
                        "another partner's course already uses the address /courses/" + c.slug()));
            }
        }
        return written.size();
    }
}
