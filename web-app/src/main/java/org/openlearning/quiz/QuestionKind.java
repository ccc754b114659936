package org.openlearning.quiz;

/** What a question asks for, and so which field of an answer carries it. */
public enum QuestionKind {
    /** One option: {@code choice}. */
    SINGLE("choice"),
    /** Any set of options: {@code choices}. */
    MULTIPLE("choices"),
    /** {@code value}: true or false. */
    TRUE_FALSE("value"),
    /** {@code value}: a number, right within the question's tolerance. */
    NUMERIC("value"),
    /** {@code text}: one of the accepted answers. */
    TEXT("text");

    private final String answerField;

    QuestionKind(String answerField) {
        this.answerField = answerField;
    }

    /** The field of an answer that carries the learner's response to this kind of question. */
    public String answerField() {
        return answerField;
    }

    public boolean hasOptions() {
        return this == SINGLE || this == MULTIPLE;
    }
}
