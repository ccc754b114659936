package org.openlearning.web.direct;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which paths the direct API lane takes: exactly a route's shape, with decimal ids. */
class DirectPathsTest {

    private static final String REPORT = "/api/progress/{}/lessons/{}";
    private static final String SUBMIT = "/api/assessments/{}/submit";

    @Test
    void takesARoutesPathWithItsIds() {
        assertThat(DirectPaths.match(REPORT, "/api/progress/17/lessons/4021")).containsExactly(17, 4021);
        assertThat(DirectPaths.match(REPORT, "/api/progress/0/lessons/999999999999999999"))
                .containsExactly(0, 999_999_999_999_999_999L);
        assertThat(DirectPaths.match(SUBMIT, "/api/assessments/88/submit")).containsExactly(88);
    }

    @Test
    void leavesEveryOtherPathToTheGeneralChain() {
        for (String path : new String[] {"/api/progress/17", "/api/progress/17/lessons/", "/api/progress//lessons/3",
                "/api/progress/17/lessons/4/", "/api/progress/17/lessons/4;jsessionid=x",
                "/api/progress/1%37/lessons/4", "/api/progress/-1/lessons/4", "/api/progress/+1/lessons/4",
                "/api/progress/first/lessons/4", "/api/progress/17/lessons/4/../5", "/api/progress/17/lesson/4",
                "/api/progress/1000000000000000000/lessons/4", "/api/progresss/17/lessons/4", "", null}) {
            assertThat(DirectPaths.match(REPORT, path)).as(path).isNull();
        }
        assertThat(DirectPaths.match(SUBMIT, "/api/assessments/88/attempts")).isNull();
        assertThat(DirectPaths.match(SUBMIT, "/api/assessments/88/submit/")).isNull();
    }

    @Test
    void theUrlPatternCoversTheRoute() {
        assertThat(DirectPaths.urlPattern(REPORT)).isEqualTo("/api/progress/*");
        assertThat(DirectPaths.urlPattern(SUBMIT)).isEqualTo("/api/assessments/*");
    }
}
