package org.openlearning.progress.compaction;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.util.List;

import org.jdbi.v3.core.Handle;
import org.openlearning.progress.ProgressEvent;
import org.openlearning.progress.ProgressWriter;
import org.postgresql.PGConnection;

/** Fills the session's staging table with one COPY through PgJDBC's CopyManager. */
final class CopyStaging {

    private static final String COPY = "COPY " + ProgressWriter.STAGING + " (" + ProgressWriter.STAGING_COLUMNS
            + ") FROM STDIN (FORMAT text)";

    private CopyStaging() {
    }

    /** Returns the number of rows copied. */
    static long copy(Handle handle, List<ProgressEvent> events) {
        StringBuilder text = new StringBuilder(events.size() * 40);
        for (ProgressEvent e : events) {
            text.append(e.enrollmentId()).append('\t')
                    .append(e.lessonId()).append('\t')
                    .append(e.watchedSeconds()).append('\t')
                    .append(e.completed() ? 't' : 'f').append('\t')
                    .append(e.acceptedAtMillis()).append('\n');
        }
        try {
            return handle.getConnection().unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(COPY, new StringReader(text.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("COPY into the progress staging table failed: " + e.getMessage(), e);
        }
    }
}
