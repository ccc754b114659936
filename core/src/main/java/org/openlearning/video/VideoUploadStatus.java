package org.openlearning.video;

/** The statuses of a {@code video_uploads} record, in the order an upload goes through them. */
public enum VideoUploadStatus {
    UPLOADING, UPLOADED, QUEUED, PROBING, TRANSCODING, PUBLISHING, READY, FAILED, CANCELLED;

    public boolean finished() {
        return this == READY || this == FAILED || this == CANCELLED;
    }

    /** Waiting for or inside the transcode job. */
    public boolean processing() {
        return this == UPLOADED || this == QUEUED || this == PROBING || this == TRANSCODING || this == PUBLISHING;
    }
}
