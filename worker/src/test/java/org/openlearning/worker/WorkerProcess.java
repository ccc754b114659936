package org.openlearning.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.openlearning.testing.AppProcess;
import org.openlearning.testing.TestStack;

/** A real worker process (the packaged jar), started by a test against the test's own database. */
final class WorkerProcess {

    private WorkerProcess() {
    }

    static AppProcess start(TestStack.Env env, String name, String... extraArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--jobrunr.dashboard.enabled=false",
                "--jobrunr.background-job-server.poll-interval-in-seconds=5",
                "--jobrunr.background-job-server.worker-count=4", "--platform.worker.name=" + name,
                "--platform.catalog-import.work-dir=" + Files.createTempDirectory("import-" + name)));
        args.addAll(List.of(extraArgs));
        return AppProcess.start(Path.of("target", "worker.jar"), name, "Started WorkerApplication", env,
                List.of("-Xmx384m"), args);
    }
}
