package org.openlearning.search.reindex;

import java.time.Duration;
import java.util.List;

import org.openlearning.search.CourseDocuments;
import org.openlearning.search.CourseIndex;
import org.openlearning.search.SearchReindexDao;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes one chunk of documents into the index being built, then counts them on the rebuild's row
 * in the chunk's transaction (so the progress shown never counts a chunk that was rolled back).
 * Writing a chunk again after a crash is harmless: documents are keyed by course id and versioned.
 */
class CourseIndexWriter implements ItemWriter<CourseDocuments.Versioned> {

    private final CourseIndex index;
    private final SearchReindexDao reindexes;
    private final long reindexId;
    private final String indexName;
    private final Duration pause;

    CourseIndexWriter(CourseIndex index, SearchReindexDao reindexes, long reindexId, String indexName, Duration pause) {
        this.index = index;
        this.reindexes = reindexes;
        this.reindexId = reindexId;
        this.indexName = indexName;
        this.pause = pause;
    }

    @Override
    public void write(Chunk<? extends CourseDocuments.Versioned> chunk) throws InterruptedException {
        List<CourseDocuments.Versioned> documents = List.copyOf(chunk.getItems());
        index.write(indexName, documents);
        reindexes.countChunk(reindexId, documents.size());
        if (!pause.isZero()) {
            Thread.sleep(pause);
        }
    }
}
