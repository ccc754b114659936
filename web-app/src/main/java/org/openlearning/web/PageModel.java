package org.openlearning.web;

import org.openlearning.identity.PlatformUser;
import org.openlearning.identity.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's header needs: who is signed in and which sections they may open. */
@ControllerAdvice(annotations = Controller.class)
class PageModel {

    record Viewer(PlatformUser user, boolean instructor, boolean admin, boolean ops, boolean registrar) {
    }

    private final String jobsDashboard;

    PageModel(@Value("${platform.links.jobs-dashboard}") String jobsDashboard) {
        this.jobsDashboard = jobsDashboard;
    }

    @ModelAttribute("viewer")
    Viewer viewer(@AuthenticationPrincipal PlatformUser user) {
        if (user == null) {
            return null;
        }
        return new Viewer(user, user.has(Role.INSTRUCTOR) || user.isAdmin(), user.isAdmin(),
                user.has(Role.OPS) || user.isAdmin(), user.has(Role.REGISTRAR) || user.isAdmin());
    }

    @ModelAttribute("jobsDashboard")
    String jobsDashboard() {
        return jobsDashboard;
    }
}
