package org.openlearning.identity;

/** What a person may do on the platform. A user holds one or more roles. */
public enum Role {
    LEARNER, INSTRUCTOR, REGISTRAR, OPS, ADMIN
}
