package org.openlearning.catalog;

public enum LessonKind {
    VIDEO, READING, QUIZ, ASSIGNMENT
}
