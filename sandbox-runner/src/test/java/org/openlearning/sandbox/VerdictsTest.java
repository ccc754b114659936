package org.openlearning.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openlearning.sandbox.RunnerClient.test;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every verdict in every language: one program per language reads a command from stdin and
 * behaves accordingly (right answer, wrong answer, endless loop, huge allocation, crash, endless
 * output), so one compile covers all of a language's verdicts.
 */
class VerdictsTest extends RunnerTest {

    private static final String PYTHON = """
            import os, sys
            c = sys.stdin.readline().strip()
            if c == "sum":
                a, b = map(int, sys.stdin.readline().split())
                print(a + b)
            elif c == "wrong":
                print(42)
            elif c == "loop":
                while True:
                    pass
            elif c == "alloc":
                x = bytearray(1 << 30)
                print(len(x))
            elif c == "crash":
                os.kill(os.getpid(), 11)
            elif c == "exit":
                sys.exit(3)
            elif c == "spam":
                while True:
                    print("x" * 1000)
            """;

    private static final String JAVASCRIPT = """
            const lines = require("fs").readFileSync(0, "utf8").split("\\n");
            const c = lines[0].trim();
            if (c === "sum") { const [a, b] = lines[1].split(" ").map(Number); console.log(a + b); }
            else if (c === "wrong") console.log(42);
            else if (c === "loop") { for (;;) {} }
            else if (c === "alloc") { const a = []; for (;;) a.push(new Array(1 << 20).fill(1)); }
            else if (c === "crash") process.kill(process.pid, "SIGSEGV");
            else if (c === "exit") process.exit(3);
            // node writes to a pipe asynchronously: an endless loop would never flush, so 2 MB and exit
            else if (c === "spam") { const s = "x".repeat(1000) + "\\n"; for (let i = 0; i < 2000; i++) process.stdout.write(s); }
            """;

    private static final String JAVA = """
            import java.util.*;
            public class Main {
                public static void main(String[] args) {
                    Scanner in = new Scanner(System.in);
                    String c = in.next();
                    switch (c) {
                        case "sum" -> System.out.println(in.nextInt() + in.nextInt());
                        case "wrong" -> System.out.println(42);
                        case "loop" -> { long n = 0; while (true) { n++; } }
                        case "alloc" -> { List<long[]> keep = new ArrayList<>(); while (true) keep.add(new long[1 << 20]); }
                        case "crash" -> throw new IllegalStateException("crash");
                        case "exit" -> System.exit(3);
                        case "spam" -> { String s = "x".repeat(1000); while (true) System.out.println(s); }
                        default -> {}
                    }
                }
            }
            """;

    private static final String CPP = """
            #include <iostream>
            #include <string>
            #include <vector>
            #include <cstdlib>
            #include <cstring>
            int main() {
                std::string c; std::cin >> c;
                if (c == "sum") { long a, b; std::cin >> a >> b; std::cout << a + b << "\\n"; }
                else if (c == "wrong") std::cout << 42 << "\\n";
                else if (c == "loop") { volatile long n = 0; for (;;) n++; }
                else if (c == "alloc") { std::vector<char*> keep; for (;;) { char* p = (char*) malloc(1 << 20); memset(p, 1, 1 << 20); keep.push_back(p); } }
                else if (c == "crash") { volatile int* p = nullptr; *p = 1; }
                else if (c == "exit") return 3;
                else if (c == "spam") { std::string s(1000, 'x'); for (;;) std::cout << s << "\\n"; }
                return 0;
            }
            """;

    private static final List<Map<String, Object>> TESTS = List.of(
            test("accepted", "sum\n1 2\n", "3\n"),
            test("wrong", "wrong\n", "3\n"),
            test("loop", "loop\n", "3\n"),
            test("alloc", "alloc\n", "3\n"),
            test("crash", "crash\n", "3\n"),
            test("exit", "exit\n", "3\n"),
            test("spam", "spam\n", "3\n"));

    @AfterEach
    void hostIsClean() throws Exception {
        assertNothingLeftOnTheHost();
    }

    @Test
    void pythonGetsEveryVerdict() throws Exception {
        RunnerClient.Answer answer = client.post(RunnerClient.run("python", PYTHON, limits(4000, 1500, 128), TESTS));
        assertEveryVerdict(answer, "skipped");
        assertThat(answer.test(4).get("signal").asString()).isEqualTo("SIGSEGV");
    }

    @Test
    void javascriptGetsEveryVerdict() throws Exception {
        RunnerClient.Answer answer = client.post(RunnerClient.run("javascript", JAVASCRIPT, limits(4000, 1500, 256), TESTS));
        assertEveryVerdict(answer, "skipped");
        assertThat(answer.test(4).get("signal").asString()).isEqualTo("SIGSEGV");
    }

    @Test
    void javaGetsEveryVerdict() throws Exception {
        RunnerClient.Answer answer = client.post(RunnerClient.run("java", JAVA, limits(6000, 3000, 256), TESTS));
        assertEveryVerdict(answer, "ok");
        assertThat(answer.test(4).get("stderr").asString()).contains("IllegalStateException: crash");
        assertThat(answer.test(4).get("exit_code").asInt()).isEqualTo(1);
    }

    @Test
    void cppGetsEveryVerdict() throws Exception {
        RunnerClient.Answer answer = client.post(RunnerClient.run("cpp", CPP, limits(4000, 1500, 128), TESTS));
        assertEveryVerdict(answer, "ok");
        assertThat(answer.test(4).get("signal").asString()).isEqualTo("SIGSEGV");
    }

    @Test
    void javaCompileErrorGivesEveryTestCompileErrorWithTheCompilersMessage() throws Exception {
        RunnerClient.Answer answer = client.post(RunnerClient.run("java",
                "public class Main { public static void main(String[] a) { int x = \"no\"; } }",
                limits(4000, 2000, 256), List.of(test("a", "", "1\n"), test("b", "", "2\n"))));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("compile").get("status").asString()).isEqualTo("error");
        assertThat(answer.body().get("compile").get("message").asString()).contains("incompatible types");
        assertThat(answer.verdict(0)).isEqualTo("COMPILE_ERROR");
        assertThat(answer.verdict(1)).isEqualTo("COMPILE_ERROR");
    }

    @Test
    void cppCompileErrorGivesCompileErrorWithTheCompilersMessage() throws Exception {
        RunnerClient.Answer answer = client.post(RunnerClient.run("cpp", "int main() { return undeclared; }",
                limits(4000, 2000, 256), List.of(test("a", "", "1\n"))));
        assertThat(answer.body().get("compile").get("status").asString()).isEqualTo("error");
        assertThat(answer.body().get("compile").get("message").asString()).contains("undeclared");
        assertThat(answer.verdict(0)).isEqualTo("COMPILE_ERROR");
    }

    @Test
    void numericComparisonAcceptsNumbersWithinTheTolerance() throws Exception {
        RunnerClient.Answer answer = client.post(Map.of("language", "python", "source", "print(0.1 + 0.2, 'ok')",
                "tests", List.of(
                        Map.of("id", "close", "expected_stdout", "0.3 ok", "compare", "numeric", "tolerance", 1e-9),
                        Map.of("id", "exact", "expected_stdout", "0.3 ok\n", "compare", "exact"))));
        assertThat(answer.verdict(0)).isEqualTo("ACCEPTED");
        assertThat(answer.verdict(1)).isEqualTo("WRONG_ANSWER");
    }

    private static void assertEveryVerdict(RunnerClient.Answer answer, String compileStatus) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.body().get("compile").get("status").asString()).as(answer.raw().body()).isEqualTo(compileStatus);
        assertThat(List.of(answer.verdict(0), answer.verdict(1), answer.verdict(2), answer.verdict(3),
                answer.verdict(4), answer.verdict(5), answer.verdict(6)))
                .as(answer.raw().body())
                .containsExactly("ACCEPTED", "WRONG_ANSWER", "TIME_LIMIT", "MEMORY_LIMIT", "RUNTIME_ERROR",
                        "RUNTIME_ERROR", "OUTPUT_LIMIT");
        assertThat(answer.test(0).get("stdout").asString()).isEqualTo("3\n");
        assertThat(answer.test(0).get("exit_code").asInt()).isZero();
        assertThat(answer.test(2).get("signal").asString()).isEqualTo("SIGKILL");
        assertThat(answer.test(5).get("exit_code").asInt()).isEqualTo(3);
    }
}
