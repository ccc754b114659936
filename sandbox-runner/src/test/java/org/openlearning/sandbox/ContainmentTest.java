package org.openlearning.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openlearning.sandbox.RunnerClient.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hostile programs: each is contained, and the host shows no trace of it afterwards. */
class ContainmentTest extends RunnerTest {

    /** A file on the host that programs try to reach through symlinks and paths. */
    static final Path PLANTED = Path.of("/var/tmp", "sandbox-planted-" + UUID.randomUUID() + ".txt");

    @BeforeAll
    static void plant() throws Exception {
        Files.writeString(PLANTED, "original\n");
    }

    @AfterAll
    static void unplant() throws Exception {
        Files.deleteIfExists(PLANTED);
    }

    @AfterEach
    void hostIsClean() throws Exception {
        assertNothingLeftOnTheHost();
        assertThat(Files.readString(PLANTED)).isEqualTo("original\n");
    }

    private RunnerClient.Answer python(String source, Map<String, Object> limits) throws Exception {
        RunnerClient.Answer answer = client.post(RunnerClient.run("python", source, limits, List.of(test("t", "", null))));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        return answer;
    }

    @Test
    void forkBombIsStoppedByTheProcessLimit() throws Exception {
        long availableBefore = hostAvailableMb();
        RunnerClient.Answer answer = python("""
                import os
                forked = 0
                while True:
                    try:
                        os.fork()
                        forked += 1
                    except OSError:
                        pass
                """, limits(3000, 3000, 256));
        assertThat(answer.verdict(0)).isIn("TIME_LIMIT", "RUNTIME_ERROR", "MEMORY_LIMIT");
        assertThat(hostAvailableMb()).isGreaterThan(availableBefore - 1024);
    }

    @Test
    void endlessLoopIsKilledWhenTheHostSeesItsCpuTimePassTheLimit() throws Exception {
        RunnerClient.Answer answer = python("while True: pass\n", limits(8000, 1000, 128));
        assertThat(answer.verdict(0)).isEqualTo("TIME_LIMIT");
        assertThat(answer.test(0).get("message").asString()).contains("CPU time");
        assertThat(answer.test(0).get("cpu_ms").asLong()).isGreaterThanOrEqualTo(1000);
        assertThat(answer.test(0).get("wall_ms").asLong()).isLessThan(4000);
    }

    @Test
    void allocatingFourGibibytesIsAMemoryLimitAndTheHostKeepsItsMemory() throws Exception {
        long availableBefore = hostAvailableMb();
        RunnerClient.Answer answer = python("""
                chunks = []
                for i in range(64):
                    chunks.append(bytearray(64 << 20))
                print("allocated 4 GiB")
                """, limits(10000, 10000, 256));
        assertThat(answer.verdict(0)).isEqualTo("MEMORY_LIMIT");
        assertThat(answer.test(0).get("stdout").asString()).doesNotContain("allocated");
        assertThat(hostAvailableMb()).isGreaterThan(availableBefore - 1024);
    }

    @Test
    void sleepingPastTheWallLimitIsKilledAtTheDeadline() throws Exception {
        RunnerClient.Answer answer = python("import time\ntime.sleep(30)\nprint('woke')\n", limits(1500, 10000, 128));
        assertThat(answer.verdict(0)).isEqualTo("TIME_LIMIT");
        assertThat(answer.test(0).get("message").asString()).contains("wall time");
        assertThat(answer.test(0).get("wall_ms").asLong()).isBetween(1500L, 4000L);
        assertThat(answer.test(0).get("signal").asString()).isEqualTo("SIGKILL");
    }

    @Test
    void aBackgroundProcessLeftBehindDiesWithItsSandbox() throws Exception {
        // sleep durations unique to this test, to tell its orphans from anything else on the host
        String first = "60." + System.nanoTime() % 1_000_000;
        String second = "61." + System.nanoTime() % 1_000_000;
        long started = System.nanoTime();
        RunnerClient.Answer answer = python("""
                import os, subprocess
                subprocess.Popen(["/bin/sleep", "%s"], start_new_session=True,
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        os.execv("/bin/sleep", ["sleep", "%s"])
                    os._exit(0)
                print("left them behind")
                """.formatted(first, second), limits(10000, 10000, 128));
        assertThat(answer.verdict(0)).isEqualTo("ACCEPTED");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(8000);
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains(first) || line.contains(second)).toList()).isEmpty();
    }

    @Test
    void writingAGibibyteStopsAtTheFileSizeLimitAndNeverReachesTheHostDisk() throws Exception {
        long freeBefore = Files.getFileStore(WORK_DIR).getUsableSpace();
        RunnerClient.Answer answer = python("""
                import os
                block = b"x" * (1 << 20)
                for path in ["/tmp/big", "/box/big", "/big", "/in/big"]:
                    try:
                        with open(path, "wb") as f:
                            for i in range(1024):
                                f.write(block)
                        print("wrote", path)
                    except OSError as e:
                        print("refused", path, e.errno)
                """, Map.of("wall_ms", 10000, "file_size_kb", 8192));
        String stdout = answer.test(0).get("stdout").asString();
        assertThat(stdout).contains("refused /tmp/big", "refused /box/big", "refused /big", "refused /in/big")
                .doesNotContain("wrote");
        assertThat(Files.getFileStore(WORK_DIR).getUsableSpace()).isGreaterThan(freeBefore - (256L << 20));
    }

    @Test
    void printingAHundredMegabytesIsAnOutputLimit() throws Exception {
        RunnerClient.Answer answer = python("""
                import sys
                line = "y" * 999 + "\\n"
                for i in range(100 * 1000):
                    sys.stdout.write(line)
                """, Map.of("output_kb", 1024));
        assertThat(answer.verdict(0)).isEqualTo("OUTPUT_LIMIT");
        assertThat(answer.test(0).get("stdout").asString().length()).isLessThanOrEqualTo(4096);
        assertThat(answer.test(0).get("wall_ms").asLong()).isLessThan(5000);
    }

    @Test
    void socketsReachNeitherTheHostsDatabaseNorTheOutside() throws Exception {
        RunnerClient.Answer answer = python("""
                import socket
                for host, port in [("127.0.0.1", 5432), ("1.1.1.1", 80), ("8.8.8.8", 53)]:
                    try:
                        socket.create_connection((host, port), timeout=2).close()
                        print("connected", host)
                    except OSError as e:
                        print("blocked", host)
                try:
                    socket.getaddrinfo("example.com", 80)
                    print("resolved")
                except OSError:
                    print("no dns")
                """, Map.of("wall_ms", 10000));
        assertThat(answer.test(0).get("stdout").asString())
                .contains("blocked 127.0.0.1", "blocked 1.1.1.1", "blocked 8.8.8.8", "no dns")
                .doesNotContain("connected", "resolved");
    }

    @Test
    void theHostsShadowFileCannotBeRead() throws Exception {
        RunnerClient.Answer answer = python("""
                for path in ["/etc/shadow", "/proc/1/root/etc/shadow", "/../../etc/shadow", "/usr/../etc/shadow"]:
                    try:
                        print(open(path).read())
                    except OSError as e:
                        print("cannot read", path)
                print(open("/etc/shadow").read())
                """, Map.of());
        assertThat(answer.verdict(0)).isEqualTo("RUNTIME_ERROR");
        assertThat(answer.test(0).get("stdout").asString()).doesNotContain("root:").contains("cannot read /etc/shadow");
        assertThat(answer.test(0).get("stderr").asString()).contains("FileNotFoundError");
    }

    @Test
    void theRunnersSecretConfigurationAndEnvironmentAreOutOfReach() throws Exception {
        RunnerClient.Answer answer = python("""
                import os
                print(sorted(os.environ))
                for path in ["/proc/self/environ", "/proc/1/environ", "/proc/1/cmdline", "/proc/self/mountinfo"]:
                    print(path, open(path, "rb").read())
                seen = []
                for top in ["/", "/etc", "/tmp", "/box", "/in", "/dev"]:
                    seen.append(sorted(os.listdir(top)))
                print(seen)
                for path in [%s, %s]:
                    try:
                        print(os.listdir(path))
                    except OSError:
                        print("no", path)
                for root, dirs, files in os.walk("/"):
                    if root.startswith(("/proc", "/sys", "/usr", "/dev")):
                        dirs[:] = []
                        continue
                    for name in files:
                        try:
                            if %s[::-1] in open(os.path.join(root, name), "rb").read(1 << 20):
                                print("FOUND THE SECRET in", root, name)
                        except OSError:
                            pass
                """.formatted(quote(WORK_DIR.toString()), quote(WORK_DIR.resolve("state").toString()),
                // reversed, so that the program's own source does not hold it
                "b" + quote(new StringBuilder(SECRET).reverse().toString())), Map.of("output_kb", 4096));
        String stdout = answer.test(0).get("stdout").asString();
        assertThat(answer.verdict(0)).as(answer.raw().body()).isEqualTo("ACCEPTED");
        assertThat(stdout).doesNotContain(SECRET).doesNotContain("FOUND THE SECRET")
                .contains("no " + WORK_DIR).contains("['HOME', 'LANG', 'LC_ALL', 'PATH', 'PWD', 'PYTHONDONTWRITEBYTECODE', 'TMPDIR']");
        assertThat(answer.raw().body()).doesNotContain(SECRET);
        assertThat(stdout).doesNotContain("JAVA_HOME").doesNotContain("sandbox.secret");
    }

    @Test
    void anotherRunsScratchCannotBeSeen() throws Exception {
        String marker = "marker-" + UUID.randomUUID();
        CompletableFuture<RunnerClient.Answer> first = CompletableFuture.supplyAsync(() -> {
            try {
                return python("""
                        import time
                        open("/tmp/%s", "w").write("mine")
                        time.sleep(4)
                        print(open("/tmp/%s").read())
                        """.formatted(marker, marker), Map.of("wall_ms", 10000));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1500);
        RunnerClient.Answer second = python("""
                import os
                found = []
                for root, dirs, files in os.walk("/"):
                    if root.startswith(("/proc", "/sys", "/usr")):
                        dirs[:] = []
                        continue
                    found += [os.path.join(root, n) for n in files + dirs if "%s" in n]
                print("found" if found else "not found", found)
                """.formatted(marker), Map.of("wall_ms", 10000));
        assertThat(second.test(0).get("stdout").asString()).startsWith("not found");
        RunnerClient.Answer mine = first.get();
        assertThat(mine.test(0).get("stdout").asString()).isEqualTo("mine\n");
    }

    @Test
    void aSymlinkPlantedInScratchDoesNotEscapeIt() throws Exception {
        String host = PLANTED.toString();
        RunnerClient.Answer answer = python("""
                import os
                os.symlink(%s, "/tmp/direct")
                os.symlink("../../../../../../.." + %s, "/tmp/relative")
                os.symlink("/", "/tmp/up")
                for path in ["/tmp/direct", "/tmp/relative", "/tmp/up" + %s, "/tmp/up/etc/shadow"]:
                    try:
                        print("read", path, open(path).read())
                    except OSError:
                        print("cannot read", path)
                    try:
                        open(path, "w").write("pwned")
                        print("wrote", path)
                    except OSError:
                        print("cannot write", path)
                try:
                    os.link("/etc/passwd", "/tmp/hard")
                    open("/tmp/hard", "w").write("pwned")
                    print("wrote /etc/passwd through a hard link")
                except OSError:
                    print("cannot hard-link")
                """.formatted(quote(host), quote(host), quote(host)), Map.of());
        String stdout = answer.test(0).get("stdout").asString();
        assertThat(stdout).doesNotContain("original").doesNotContain("wrote")
                .contains("cannot write /tmp/direct", "cannot hard-link");
    }

    @Test
    void aJavaProgramTryingTheSameIsContained() throws Exception {
        String source = """
                import java.io.*;
                import java.net.*;
                import java.nio.file.*;
                import java.util.*;
                public class Main {
                    public static void main(String[] args) throws Exception {
                        for (String path : List.of("/etc/shadow", "%s")) {
                            try { System.out.println("read " + Files.readString(Path.of(path))); }
                            catch (IOException e) { System.out.println("cannot read " + path); }
                        }
                        try { Files.createSymbolicLink(Path.of("/tmp/link"), Path.of("%s"));
                              Files.writeString(Path.of("/tmp/link"), "pwned"); System.out.println("wrote through link"); }
                        catch (IOException e) { System.out.println("cannot write through link"); }
                        for (String host : List.of("127.0.0.1", "1.1.1.1")) {
                            try (Socket s = new Socket()) { s.connect(new InetSocketAddress(host, host.equals("1.1.1.1") ? 80 : 5432), 2000);
                                  System.out.println("connected " + host); }
                            catch (IOException e) { System.out.println("blocked " + host); }
                        }
                        System.out.println("env " + new TreeSet<>(System.getenv().keySet()));
                        List<Process> children = new ArrayList<>();
                        try { while (true) children.add(new ProcessBuilder("/bin/sleep", "60").start()); }
                        catch (IOException e) { System.out.println("stopped after " + children.size() + " processes"); }
                        try (OutputStream out = new FileOutputStream("/tmp/big")) {
                            byte[] block = new byte[1 << 20];
                            for (int i = 0; i < 1024; i++) out.write(block);
                            System.out.println("wrote 1 GiB");
                        } catch (IOException e) { System.out.println("cannot write 1 GiB"); }
                    }
                }
                """.formatted(PLANTED, PLANTED);
        RunnerClient.Answer answer = client.post(RunnerClient.run("java", source, Map.of("wall_ms", 15000,
                "processes", 16, "file_size_kb", 8192), List.of(test("t", "", null))));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        String stdout = answer.test(0).get("stdout").asString();
        assertThat(stdout).as(answer.raw().body())
                .contains("cannot read /etc/shadow", "cannot read " + PLANTED, "cannot write through link",
                        "blocked 127.0.0.1", "blocked 1.1.1.1", "stopped after", "cannot write 1 GiB")
                .doesNotContain("original", "connected", "wrote", SECRET);
    }

    @Test
    void aCppProgramTryingTheSameIsContained() throws Exception {
        String source = """
                #include <cstdio>
                #include <cstring>
                #include <fstream>
                #include <iostream>
                #include <string>
                #include <arpa/inet.h>
                #include <sys/socket.h>
                #include <csignal>
                #include <unistd.h>
                static void tryRead(const char* path) {
                    std::ifstream in(path);
                    std::string line;
                    if (in && std::getline(in, line)) std::cout << "read " << path << " " << line << "\\n";
                    else std::cout << "cannot read " << path << "\\n";
                }
                static void tryConnect(const char* host, int port) {
                    int fd = socket(AF_INET, SOCK_STREAM, 0);
                    sockaddr_in addr{}; addr.sin_family = AF_INET; addr.sin_port = htons(port);
                    inet_pton(AF_INET, host, &addr.sin_addr);
                    if (fd >= 0 && connect(fd, (sockaddr*) &addr, sizeof addr) == 0) std::cout << "connected " << host << "\\n";
                    else std::cout << "blocked " << host << "\\n";
                    if (fd >= 0) close(fd);
                }
                int main() {
                    tryRead("/etc/shadow");
                    tryRead("%s");
                    if (symlink("%s", "/tmp/link") == 0) {
                        FILE* f = fopen("/tmp/link", "w");
                        if (f && fputs("pwned", f) >= 0 && fclose(f) == 0) std::cout << "wrote through link\\n";
                        else std::cout << "cannot write through link\\n";
                    }
                    tryConnect("127.0.0.1", 5432);
                    tryConnect("1.1.1.1", 80);
                    std::cout.flush();
                    int forked = 0;
                    for (int i = 0; i < 10000; i++) {
                        pid_t pid = fork();
                        if (pid == 0) { sleep(60); _exit(0); }
                        if (pid < 0) break;
                        forked++;
                    }
                    std::cout << "stopped after " << forked << " processes" << std::endl;
                    signal(SIGXFSZ, SIG_IGN);
                    FILE* big = fopen("/tmp/big", "w");
                    static char block[1 << 20];
                    int written = 0;
                    for (int i = 0; i < 1024 && big; i++) { if (fwrite(block, 1, sizeof block, big) != sizeof block) break; written++; }
                    if (big) fclose(big);
                    std::cout << (written == 1024 ? "wrote 1 GiB" : "cannot write 1 GiB") << "\\n";
                    return 0;
                }
                """.formatted(PLANTED, PLANTED);
        RunnerClient.Answer answer = client.post(RunnerClient.run("cpp", source, Map.of("wall_ms", 15000,
                "processes", 16, "file_size_kb", 8192), List.of(test("t", "", null))));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        String stdout = answer.test(0).get("stdout").asString();
        assertThat(stdout).as(answer.raw().body())
                .contains("cannot read /etc/shadow", "cannot read " + PLANTED, "cannot write through link",
                        "blocked 127.0.0.1", "blocked 1.1.1.1", "cannot write 1 GiB")
                .containsPattern("stopped after 1[0-5] processes")
                .doesNotContain("original", "connected", "wrote");
    }

    @Test
    void aCppSourceIncludingTheShadowFileFailsToCompileWithoutShowingIt() throws Exception {
        RunnerClient.Answer answer = client.post(RunnerClient.run("cpp", "#include \"/etc/shadow\"\nint main() {}\n",
                Map.of(), List.of(test("t", "", null))));
        assertThat(answer.verdict(0)).isEqualTo("COMPILE_ERROR");
        assertThat(answer.body().get("compile").get("message").asString()).contains("No such file").doesNotContain("root:");
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
