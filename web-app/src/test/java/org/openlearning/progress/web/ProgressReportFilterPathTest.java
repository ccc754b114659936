package org.openlearning.progress.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which paths the direct progress path takes: exactly /api/progress/{digits}/lessons/{digits}. */
class ProgressReportFilterPathTest {

    @Test
    void takesTheReportPathWithItsTwoIds() {
        assertThat(ProgressReportFilter.ids("/api/progress/17/lessons/4021")).containsExactly(17, 4021);
        assertThat(ProgressReportFilter.ids("/api/progress/0/lessons/999999999999999999"))
                .containsExactly(0, 999_999_999_999_999_999L);
    }

    @Test
    void leavesEveryOtherPathToTheGeneralChain() {
        for (String path : new String[] {"/api/progress/17", "/api/progress/17/lessons/", "/api/progress//lessons/3",
                "/api/progress/17/lessons/4/", "/api/progress/17/lessons/4;jsessionid=x",
                "/api/progress/1%37/lessons/4", "/api/progress/-1/lessons/4", "/api/progress/+1/lessons/4",
                "/api/progress/first/lessons/4", "/api/progress/17/lessons/4/../5", "/api/progress/17/lesson/4",
                "/api/progress/1000000000000000000/lessons/4", "/api/progresss/17/lessons/4", "", null}) {
            assertThat(ProgressReportFilter.ids(path)).as(path).isNull();
        }
    }
}
