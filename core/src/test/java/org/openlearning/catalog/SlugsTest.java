package org.openlearning.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void foldsAccentsAndJoinsWordsWithHyphens() {
        assertThat(Slugs.of("Introducción a la Estadística")).isEqualTo("introduccion-a-la-estadistica");
        assertThat(Slugs.of("  C++ & Data -- Structures!  ")).isEqualTo("c-data-structures");
        assertThat(Slugs.of("Łódź für Anfänger")).isEqualTo("lodz-fur-anfanger");
    }

    @Test
    void neverReturnsAnEmptyOrOverlongSlug() {
        assertThat(Slugs.of("???")).isEqualTo("course");
        String slug = Slugs.of("word ".repeat(100));
        assertThat(slug).hasSizeLessThanOrEqualTo(Slugs.MAX_LENGTH).doesNotEndWith("-");
    }
}
