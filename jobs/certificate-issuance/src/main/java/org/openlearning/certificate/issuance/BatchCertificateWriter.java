package org.openlearning.certificate.issuance;

import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.spring.JdbiUtil;
import org.openlearning.certificate.CertificateBatchDao;
import org.openlearning.certificate.CertificateIds;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Validates one chunk of a batch against the database (unknown learner, unknown course, course not
 * completed without a reason to force it, duplicate) with one query, and writes in the chunk's
 * transaction the pending certificates of the good rows, the errors of the bad ones by line, and
 * the batch's counters. A chunk written again after a crash changes nothing: certificates are
 * unique per learner and course, and one of this batch and line counts as already done.
 */
class BatchCertificateWriter implements ItemWriter<BatchRow> {

    private record Resolved(int line, Long userId, String displayName, Long courseId, String title, String partner,
            LocalDate completedOn, String existingId, Long existingBatch, Integer existingLine) {
    }

    private record Accepted(String id, long userId, long courseId, String name, String title, String partner,
            LocalDate completedOn, int line, String forced) {
    }

    private final Jdbi jdbi;
    private final CertificateBatchDao batches;
    private final long batchId;

    BatchCertificateWriter(Jdbi jdbi, CertificateBatchDao batches, long batchId) {
        this.jdbi = jdbi;
        this.batches = batches;
        this.batchId = batchId;
    }

    @Override
    public void write(Chunk<? extends BatchRow> chunk) {
        List<BatchRow> rejected = new ArrayList<>();
        List<BatchRow> candidates = new ArrayList<>();
        for (BatchRow row : chunk) {
            (row.isRejected() ? rejected : candidates).add(row);
        }
        Handle handle = JdbiUtil.getHandle(jdbi);
        try {
            Map<Integer, Resolved> resolved = resolve(handle, candidates);
            List<Accepted> accepted = new ArrayList<>();
            int alreadyDone = 0;
            Map<String, Integer> seen = new HashMap<>();
            for (BatchRow row : candidates) {
                Resolved r = resolved.get(row.line());
                if (r.userId() == null) {
                    rejected.add(BatchRow.rejected(row.line(), "email", "no learner has the e-mail " + row.email()));
                } else if (r.courseId() == null) {
                    rejected.add(BatchRow.rejected(row.line(), "course", "no course has the id or slug '" + row.course() + "'"));
                } else if (r.existingId() != null && Long.valueOf(batchId).equals(r.existingBatch())
                        && Integer.valueOf(row.line()).equals(r.existingLine())) {
                    alreadyDone++; // written by an earlier attempt of this very chunk
                } else if (r.existingId() != null) {
                    rejected.add(BatchRow.rejected(row.line(), "email", Long.valueOf(batchId).equals(r.existingBatch())
                            ? "duplicate: line " + r.existingLine() + " already issues this learner's certificate for this course"
                            : "duplicate: the learner already has certificate " + r.existingId() + " for this course"));
                } else if (seen.containsKey(r.userId() + ":" + r.courseId())) {
                    rejected.add(BatchRow.rejected(row.line(), "email", "duplicate: line "
                            + seen.get(r.userId() + ":" + r.courseId()) + " already issues this learner's certificate for this course"));
                } else if (r.completedOn() == null && row.forceReason() == null) {
                    rejected.add(BatchRow.rejected(row.line(), "course", "the learner has not completed this course;"
                            + " give a force_reason to issue the certificate anyway"));
                } else {
                    seen.put(r.userId() + ":" + r.courseId(), row.line());
                    accepted.add(new Accepted(CertificateIds.next(), r.userId(), r.courseId(),
                            row.nameOverride() != null ? row.nameOverride() : r.displayName(), r.title(), r.partner(),
                            r.completedOn() != null ? r.completedOn() : LocalDate.now(ZoneOffset.UTC), row.line(),
                            r.completedOn() == null ? row.forceReason() : null));
                }
            }
            List<BatchRow> raced = insert(handle, accepted);
            rejected.addAll(raced);
            if (!rejected.isEmpty()) {
                rejected.sort(Comparator.comparingInt(BatchRow::line));
                batches.insertErrors(batchId, rejected.stream().map(BatchRow::line).toList(),
                        rejected.stream().map(BatchRow::field).toList(), rejected.stream().map(BatchRow::problem).toList());
            }
            batches.countChunk(batchId, chunk.size(), accepted.size() - raced.size() + alreadyDone);
        } finally {
            JdbiUtil.closeIfNeeded(handle);
        }
    }

    private Map<Integer, Resolved> resolve(Handle handle, List<BatchRow> rows) {
        Map<Integer, Resolved> byLine = new HashMap<>();
        if (rows.isEmpty()) {
            return byLine;
        }
        handle.createQuery("""
                        SELECT t.line, u.id AS user_id, u.display_name, c.id AS course_id, c.title,
                               coalesce(p.name, '') AS partner, (e.completed_at AT TIME ZONE 'UTC')::date AS completed_on,
                               x.id AS existing_id, x.batch_id, x.batch_line
                        FROM unnest(:lines, :emails, :courses) AS t(line, email, course)
                        LEFT JOIN users u ON u.email = t.email
                        LEFT JOIN courses c ON c.id = (SELECT c2.id FROM courses c2
                                                       WHERE c2.slug = t.course
                                                          OR c2.id = CASE WHEN t.course ~ '^[0-9]{1,18}$'
                                                                          THEN t.course::bigint END
                                                       ORDER BY c2.slug = t.course DESC LIMIT 1)
                        LEFT JOIN partners p ON p.id = c.partner_id
                        LEFT JOIN enrollments e ON e.user_id = u.id AND e.course_id = c.id
                        LEFT JOIN certificates x ON x.user_id = u.id AND x.course_id = c.id
                        """)
                .bind("lines", rows.stream().map(BatchRow::line).toArray(Integer[]::new))
                .bind("emails", rows.stream().map(BatchRow::email).toArray(String[]::new))
                .bind("courses", rows.stream().map(BatchRow::course).toArray(String[]::new))
                .map((rs, ctx) -> {
                    Date completed = rs.getDate("completed_on");
                    return new Resolved(rs.getInt("line"), (Long) rs.getObject("user_id"), rs.getString("display_name"),
                            (Long) rs.getObject("course_id"), rs.getString("title"), rs.getString("partner"),
                            completed == null ? null : completed.toLocalDate(), rs.getString("existing_id"),
                            (Long) rs.getObject("batch_id"), (Integer) rs.getObject("batch_line"));
                })
                .forEach(r -> byLine.put(r.line(), r));
        return byLine;
    }

    /** Inserts the accepted certificates; returns the rows a concurrent issuance got to first, as duplicates. */
    private List<BatchRow> insert(Handle handle, List<Accepted> accepted) {
        if (accepted.isEmpty()) {
            return List.of();
        }
        accepted.sort(Comparator.comparingLong(Accepted::userId).thenComparingLong(Accepted::courseId));
        Set<Integer> inserted = new HashSet<>(handle.createQuery("""
                        INSERT INTO certificates (id, user_id, course_id, learner_name, course_title, partner_name,
                                                  completed_on, batch_id, batch_line, forced_reason)
                        SELECT t.id, t.user_id, t.course_id, t.name, t.title, t.partner, t.completed_on::date, :batchId,
                               t.line, t.forced
                        FROM unnest(:ids, :userIds, :courseIds, :names, :titles, :partners, :completedOn, :lines, :forced)
                             AS t(id, user_id, course_id, name, title, partner, completed_on, line, forced)
                        ON CONFLICT (user_id, course_id) DO NOTHING
                        RETURNING batch_line
                        """)
                .bind("batchId", batchId)
                .bind("ids", accepted.stream().map(Accepted::id).toArray(String[]::new))
                .bind("userIds", accepted.stream().map(Accepted::userId).toArray(Long[]::new))
                .bind("courseIds", accepted.stream().map(Accepted::courseId).toArray(Long[]::new))
                .bind("names", accepted.stream().map(Accepted::name).toArray(String[]::new))
                .bind("titles", accepted.stream().map(Accepted::title).toArray(String[]::new))
                .bind("partners", accepted.stream().map(Accepted::partner).toArray(String[]::new))
                .bind("completedOn", accepted.stream().map(a -> a.completedOn().toString()).toArray(String[]::new))
                .bind("lines", accepted.stream().map(Accepted::line).toArray(Integer[]::new))
                .bind("forced", accepted.stream().map(Accepted::forced).toArray(String[]::new))
                .mapTo(Integer.class)
                .list());
        List<BatchRow> raced = new ArrayList<>();
        for (Accepted a : accepted) {
            if (!inserted.contains(a.line())) {
                raced.add(BatchRow.rejected(a.line(), "email", "duplicate: the learner already has a certificate for this course"));
            }
        }
        return raced;
    }
}
