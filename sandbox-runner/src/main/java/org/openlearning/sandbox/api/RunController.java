package org.openlearning.sandbox.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openlearning.sandbox.run.RunMetrics;
import org.openlearning.sandbox.run.RunPool;
import org.openlearning.sandbox.run.RunRequest;
import org.openlearning.sandbox.run.RunResponse;
import org.openlearning.sandbox.run.RunService;
import org.openlearning.sandbox.run.RunValidator;
import org.openlearning.sandbox.run.ValidRun;
import org.openlearning.sandbox.runsc.Runsc;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/runs} and {@code GET /health}. */
@RestController
class RunController {

    private final RunValidator validator;
    private final RunPool pool;
    private final RunService service;
    private final RunMetrics metrics;
    private final Runsc runsc;

    RunController(RunValidator validator, RunPool pool, RunService service, RunMetrics metrics, Runsc runsc) {
        this.validator = validator;
        this.pool = pool;
        this.service = service;
        this.metrics = metrics;
        this.runsc = runsc;
    }

    @PostMapping(path = "/v1/runs", consumes = MediaType.APPLICATION_JSON_VALUE)
    RunResponse run(@RequestBody RunRequest request) throws Exception {
        ValidRun run = validator.validate(request);
        return pool.call(() -> service.run(run));
    }

    @GetMapping("/health")
    Map<String, Object> health() {
        Map<String, Object> poolState = new LinkedHashMap<>();
        poolState.put("size", pool.size());
        poolState.put("active", metrics.active());
        poolState.put("queued", metrics.queued());
        poolState.put("queue_capacity", pool.queueCapacity());
        poolState.put("max_active", metrics.maxActive());
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "UP");
        health.put("runsc", runsc.version());
        health.put("pool", poolState);
        return health;
    }
}
