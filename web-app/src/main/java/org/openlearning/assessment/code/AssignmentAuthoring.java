package org.openlearning.assessment.code;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.openlearning.assessment.code.CodeAssignmentDao.Assignment;
import org.openlearning.catalog.CourseEditing;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Instructors define an ASSIGNMENT lesson's programming assignment: languages with starter code,
 * tests (visible or hidden, with a comparison mode and points), the passing score, limits. Saving
 * replaces the whole definition in one transaction; a test keeps its id (and earlier results) when
 * sent back with it.
 */
@Service
public class AssignmentAuthoring {

    public static final int MAX_TESTS = 100;
    static final int MAX_STARTER_BYTES = 64 * 1024;
    static final int MAX_TEST_TEXT_BYTES = 64 * 1024;
    static final double DEFAULT_TOLERANCE = 1e-6;

    public record LanguageForm(String language, String starterCode) {
    }

    public record TestForm(Long id, String name, String stdin, String expectedStdout, String compareMode,
            Double tolerance, Boolean hidden, Integer points) {
    }

    /** The assignment as sent and shown to its instructors; {@code configured} is false before the first save. */
    public record Form(Boolean configured, Integer passingPercent, Integer maxSubmissions, Integer timeLimitMs,
            Integer memoryMb, List<LanguageForm> languages, List<TestForm> tests) {
    }

    /** What the editor offers to choose from. */
    public record Choice(String id, String label) {
    }

    private final AssignmentLesson lessons;
    private final CodeAssignmentDao assignments;
    private final CourseEditing editing;
    private final TransactionTemplate tx;

    AssignmentAuthoring(AssignmentLesson lessons, CodeAssignmentDao assignments, CourseEditing editing,
            TransactionTemplate tx) {
        this.lessons = lessons;
        this.assignments = assignments;
        this.editing = editing;
        this.tx = tx;
    }

    public static List<Choice> languageChoices() {
        return java.util.Arrays.stream(CodeLanguage.values()).map(l -> new Choice(l.id(), l.label())).toList();
    }

    /** 404 no lesson, 403 not the course's instructor, 422 not an assignment lesson. */
    public AssignmentLesson.Lesson editableLesson(PlatformUser user, long lessonId) {
        AssignmentLesson.Lesson lesson = lessons.get(lessonId);
        editing.editable(user, lesson.courseId());
        return AssignmentLesson.requireAssignment(lesson);
    }

    public Form get(PlatformUser user, long lessonId) {
        editableLesson(user, lessonId);
        return assignments.findByLesson(lessonId).map(this::form)
                .orElse(new Form(false, 100, null, 5000, 256, List.of(), List.of()));
    }

    public Form save(PlatformUser user, long lessonId, Form form) {
        editableLesson(user, lessonId);
        return replace(lessonId, form);
    }

    /** Validates and stores the definition of an ASSIGNMENT lesson whose editor was already checked (or demo data). */
    public Form replace(long lessonId, Form form) {
        Valid valid = validate(form);
        tx.executeWithoutResult(status -> {
            long id = assignments.upsert(lessonId, valid.passingPercent(), valid.maxSubmissions(),
                    valid.timeLimitMs(), valid.memoryMb());
            Set<Long> existing = new HashSet<>();
            assignments.tests(id).forEach(t -> existing.add(t.id()));
            for (int i = 0; i < valid.tests().size(); i++) {
                Long testId = valid.tests().get(i).id();
                if (testId != null && !existing.contains(testId)) {
                    throw ApiException.invalid("tests[" + i + "].id", "test " + testId
                            + " is not a test of this assignment; leave id out for a new test");
                }
            }
            assignments.deleteLanguages(id);
            for (int i = 0; i < valid.languages().size(); i++) {
                LanguageForm l = valid.languages().get(i);
                assignments.insertLanguage(id, l.language(), i, l.starterCode());
            }
            assignments.deleteTestsExcept(id, valid.tests().stream().map(TestForm::id)
                    .filter(java.util.Objects::nonNull).mapToLong(Long::longValue).toArray());
            for (int i = 0; i < valid.tests().size(); i++) {
                TestForm t = valid.tests().get(i);
                CompareMode mode = CompareMode.valueOf(t.compareMode());
                if (t.id() != null) {
                    assignments.updateTest(id, t.id(), i + 1, t.name(), t.stdin(), t.expectedStdout(), mode,
                            t.tolerance(), t.hidden(), t.points());
                } else {
                    assignments.insertTest(id, i + 1, t.name(), t.stdin(), t.expectedStdout(), mode, t.tolerance(),
                            t.hidden(), t.points());
                }
            }
        });
        return assignments.findByLesson(lessonId).map(this::form).orElseThrow();
    }

    private Form form(Assignment a) {
        return new Form(true, a.passingPercent(), a.maxSubmissions(), a.timeLimitMs(), a.memoryMb(),
                assignments.languages(a.id()).stream().map(l -> new LanguageForm(l.language(), l.starterCode()))
                        .toList(),
                assignments.tests(a.id()).stream().map(t -> new TestForm(t.id(), t.name(), t.stdin(),
                        t.expectedStdout(), t.compareMode().name(), t.tolerance(), t.hidden(), t.points())).toList());
    }

    private record Valid(int passingPercent, Integer maxSubmissions, int timeLimitMs, int memoryMb,
            List<LanguageForm> languages, List<TestForm> tests) {
    }

    static Valid validate(Form form) {
        if (form == null) {
            throw ApiException.badRequest(null, "send the assignment as JSON");
        }
        int passing = within(form.passingPercent(), 100, 1, 100, "passing_percent", "passing_percent is 1 to 100");
        Integer max = form.maxSubmissions() == null ? null : within(form.maxSubmissions(), 0, 1, 1000,
                "max_submissions", "max_submissions is 1 to 1000, or null for no limit");
        int time = within(form.timeLimitMs(), 5000, 100, 10000, "time_limit_ms", "time_limit_ms is 100 to 10000");
        int memory = within(form.memoryMb(), 256, 32, 512, "memory_mb", "memory_mb is 32 to 512");

        List<LanguageForm> languages = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<LanguageForm> sent = form.languages() == null ? List.of() : form.languages();
        if (sent.isEmpty()) {
            throw ApiException.invalid("languages", "choose at least one language");
        }
        for (int i = 0; i < sent.size(); i++) {
            LanguageForm l = sent.get(i);
            String field = "languages[" + i + "]";
            String id = l == null ? null : CodeLanguage.of(l.language()).map(CodeLanguage::id).orElse(null);
            if (id == null) {
                throw ApiException.invalid(field + ".language", "language is one of python, java, cpp, javascript");
            }
            if (!seen.add(id)) {
                throw ApiException.invalid(field + ".language", id + " is listed twice");
            }
            String starter = l.starterCode() == null ? "" : l.starterCode();
            if (bytes(starter) > MAX_STARTER_BYTES) {
                throw ApiException.invalid(field + ".starter_code", "starter code is at most 64 KB");
            }
            languages.add(new LanguageForm(id, starter));
        }

        List<TestForm> sentTests = form.tests() == null ? List.of() : form.tests();
        if (sentTests.isEmpty()) {
            throw ApiException.invalid("tests", "add at least one test");
        }
        if (sentTests.size() > MAX_TESTS) {
            throw ApiException.invalid("tests", "at most " + MAX_TESTS + " tests");
        }
        List<TestForm> tests = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        int total = 0;
        for (int i = 0; i < sentTests.size(); i++) {
            TestForm t = sentTests.get(i);
            String field = "tests[" + i + "]";
            if (t == null) {
                throw ApiException.invalid(field, "a test is an object");
            }
            if (t.id() != null && !ids.add(t.id())) {
                throw ApiException.invalid(field + ".id", "test " + t.id() + " is listed twice");
            }
            String name = t.name() == null || t.name().isBlank() ? "Test " + (i + 1) : t.name().strip();
            if (name.length() > 200) {
                throw ApiException.invalid(field + ".name", "a test's name is at most 200 characters");
            }
            String stdin = t.stdin() == null ? "" : t.stdin();
            String expected = t.expectedStdout() == null ? "" : t.expectedStdout();
            if (bytes(stdin) > MAX_TEST_TEXT_BYTES || stdin.indexOf('\u0000') >= 0) {
                throw ApiException.invalid(field + ".stdin", "stdin is text of at most 64 KB");
            }
            if (bytes(expected) > MAX_TEST_TEXT_BYTES || expected.indexOf('\u0000') >= 0) {
                throw ApiException.invalid(field + ".expected_stdout", "expected_stdout is text of at most 64 KB");
            }
            CompareMode mode;
            try {
                mode = t.compareMode() == null || t.compareMode().isBlank() ? CompareMode.TRIMMED
                        : CompareMode.valueOf(t.compareMode().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid(field + ".compare_mode", "compare_mode is EXACT, TRIMMED or NUMERIC");
            }
            Double tolerance = null;
            if (mode == CompareMode.NUMERIC) {
                tolerance = t.tolerance() == null ? DEFAULT_TOLERANCE : t.tolerance();
                if (tolerance.isNaN() || tolerance < 0 || tolerance > 1) {
                    throw ApiException.invalid(field + ".tolerance", "tolerance is between 0 and 1");
                }
            }
            int points = within(t.points(), 1, 0, 1000, field + ".points", "points are 0 to 1000");
            total += points;
            tests.add(new TestForm(t.id(), name, stdin, expected, mode.name(), tolerance,
                    Boolean.TRUE.equals(t.hidden()), points));
        }
        if (total == 0) {
            throw ApiException.invalid("tests", "at least one test must be worth points");
        }
        return new Valid(passing, max, time, memory, languages, tests);
    }

    private static int within(Integer value, int fallback, int min, int max, String field, String message) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw ApiException.invalid(field, message);
        }
        return v;
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
