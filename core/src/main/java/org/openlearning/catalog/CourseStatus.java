package org.openlearning.catalog;

/** A course is visible to learners only while PUBLISHED. */
public enum CourseStatus {
    DRAFT, PUBLISHED, ARCHIVED
}
