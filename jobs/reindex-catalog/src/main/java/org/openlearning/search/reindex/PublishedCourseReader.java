package org.openlearning.search.reindex;

import java.util.ArrayDeque;
import java.util.Deque;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.search.CourseDocuments;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads every published course as a search document, by id, a page at a time (keyset: never an
 * OFFSET that grows with the catalog). Restartable: the id of the last course handed out is saved
 * with each committed chunk, and a restarted step continues after it.
 */
class PublishedCourseReader implements ItemStreamReader<CourseDocuments.Versioned> {

    static final String LAST_ID = "lastCourseId";

    private final Jdbi jdbi;
    private final int pageSize;
    private final Deque<CourseDocuments.Versioned> page = new ArrayDeque<>();
    private long lastId;
    private boolean exhausted;

    PublishedCourseReader(Jdbi jdbi, int pageSize) {
        this.jdbi = jdbi;
        this.pageSize = pageSize;
    }

    @Override
    public void open(ExecutionContext context) {
        lastId = context.containsKey(LAST_ID) ? context.getLong(LAST_ID) : 0;
        page.clear();
        exhausted = false;
    }

    @Override
    public CourseDocuments.Versioned read() {
        if (page.isEmpty() && !exhausted) {
            long after = lastId;
            page.addAll(jdbi.withHandle(h -> CourseDocuments.publishedAfter(h, after, pageSize)));
            exhausted = page.size() < pageSize;
        }
        CourseDocuments.Versioned next = page.poll();
        if (next != null) {
            lastId = next.document().id();
        }
        return next;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(LAST_ID, lastId);
    }
}
