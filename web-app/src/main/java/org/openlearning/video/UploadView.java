package org.openlearning.video;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.openlearning.video.VideoUploadDao.VideoUpload;

/**
 * An upload as instructors see it, in the API and on the pages. {@code state} is the one line a person
 * reads ("Queued — position 3", "Transcoding 42 % — about 1 min left", "Failed — not a video file").
 */
public record UploadView(long id, long lessonId, String lessonTitle, long courseId, String courseTitle,
        String fileName, long sizeBytes, VideoUploadStatus status, String state, float progressPercent,
        Integer etaSeconds, Integer queuePosition, String failureReason, int partSize, int partCount,
        List<Integer> partsReceived, List<String> renditions, Double sourceSeconds, Instant createdAt,
        Instant updatedAt) {

    /** {@code partsReceived} matters only while the upload is UPLOADING; null otherwise. */
    static UploadView of(VideoUpload u, List<Integer> partsReceived) {
        List<Integer> parts = u.status() == VideoUploadStatus.UPLOADING ? List.copyOf(partsReceived) : null;
        return new UploadView(u.id(), u.lessonId(), u.lessonTitle(), u.courseId(), u.courseTitle(), u.fileName(),
                u.sizeBytes(), u.status(), state(u, parts == null ? 0 : parts.size()), u.progressPercent(),
                u.etaSeconds(), u.status() == VideoUploadStatus.QUEUED ? u.queuePosition() : null,
                u.failureReason(), u.partSize(), u.partCount(), parts,
                u.renditions() == null ? List.of() : u.renditions(), u.sourceSeconds(), u.createdAt(),
                u.updatedAt());
    }

    static String state(VideoUpload u, int partsReceived) {
        return switch (u.status()) {
            case UPLOADING -> "Uploading — " + partsReceived + " of " + u.partCount() + " parts received";
            case UPLOADED -> "Uploaded — waiting for the queue";
            case QUEUED -> u.queuePosition() == null ? "Queued" : "Queued — position " + u.queuePosition();
            case PROBING -> "Checking the file";
            case TRANSCODING -> "Transcoding " + Math.round(u.progressPercent()) + " %" + eta(u.etaSeconds());
            case PUBLISHING -> "Publishing";
            case READY -> "Ready";
            case FAILED -> u.failureReason() == null ? "Failed" : "Failed — " + u.failureReason();
            case CANCELLED -> "Cancelled";
        };
    }

    private static String eta(Integer seconds) {
        if (seconds == null || seconds < 0) {
            return "";
        }
        if (seconds < 60) {
            return " — less than a minute left";
        }
        long minutes = Math.round(seconds / 60.0);
        if (minutes < 120) {
            return " — about " + minutes + " min left";
        }
        return " — about " + Math.round(seconds / 3600.0) + " h left";
    }

    /** Finished uploads change no more: READY, FAILED or CANCELLED. */
    public boolean finished() {
        return status.finished();
    }

    public String sizeLabel() {
        return size(sizeBytes);
    }

    /** Source length as m:ss or h:mm:ss; empty before the job has probed the file. */
    public String durationLabel() {
        if (sourceSeconds == null) {
            return "";
        }
        long s = Math.round(sourceSeconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** A size as people read it: bytes, KB, MB or GB (powers of 1024). */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        return bytes < 1024L * 1024 * 1024 ? String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024))
                : String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
