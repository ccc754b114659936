package org.openlearning.video;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The JobRunr handler of {@link TranscodeRequest}; the work is done by the {@link TranscodeHandler}
 * of the transcode job module (the web app, which only enqueues, has none).
 */
@Component
public class TranscodeRequestHandler implements JobRequestHandler<TranscodeRequest> {

    private final ObjectProvider<TranscodeHandler> handler;

    TranscodeRequestHandler(ObjectProvider<TranscodeHandler> handler) {
        this.handler = handler;
    }

    @Override
    @Job(name = "Transcode video upload %0", retries = 5)
    public void run(TranscodeRequest request) throws Exception {
        handler.getObject().transcode(request.uploadId());
    }
}
