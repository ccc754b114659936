package org.openlearning.progress.web;

import org.openlearning.identity.PlatformUser;
import org.openlearning.progress.ProgressIngest;
import org.openlearning.web.direct.DirectRoute;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code PUT /api/progress/{enrollment}/lessons/{lesson}} with a token: the player's report, as the controller takes it. */
@Component
class ProgressReportRoute implements DirectRoute {

    private final ProgressIngest ingest;

    ProgressReportRoute(ProgressIngest ingest) {
        this.ingest = ingest;
    }

    @Override
    public String method() {
        return "PUT";
    }

    @Override
    public String path() {
        return "/api/progress/{}/lessons/{}";
    }

    @Override
    public Class<?> body() {
        return ProgressApiController.Report.class;
    }

    @Override
    public ResponseEntity<?> answer(PlatformUser user, long[] ids, Object body) {
        return ProgressApiController.answer(ingest, user, ids[0], ids[1], (ProgressApiController.Report) body);
    }
}
