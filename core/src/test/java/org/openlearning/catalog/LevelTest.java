package org.openlearning.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LevelTest {

    @Test
    void readsTheSpellingsOfPartnerCatalogs() {
        assertThat(Level.parse("Beginner")).contains(Level.BEGINNER);
        assertThat(Level.parse("Intermediate level")).contains(Level.INTERMEDIATE);
        assertThat(Level.parse("All Levels")).contains(Level.MIXED);
        assertThat(Level.parse(" ADVANCED ")).contains(Level.ADVANCED);
    }

    @Test
    void rejectsWhatIsNotALevel() {
        assertThat(Level.parse("expertish")).isEmpty();
        assertThat(Level.parse("")).isEmpty();
        assertThat(Level.parse(null)).isEmpty();
    }
}
