package org.openlearning.web;

import org.openlearning.identity.PlatformUser;
import org.openlearning.identity.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.view.RedirectView;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What every page's header needs: who is signed in and which sections they may open. It is added
 * to the model of a page once its controller has run; API answers have no model and skip it. (As a
 * {@code @ModelAttribute} advice it was looked up and run for every API request too: 8 % of the
 * web app's CPU in a catalog search.)
 */
@Component
class PageModel implements HandlerInterceptor, WebMvcConfigurer {

    record Viewer(PlatformUser user, boolean instructor, boolean admin, boolean ops, boolean registrar) {
    }

    private final String jobsDashboard;

    PageModel(@Value("${platform.links.jobs-dashboard}") String jobsDashboard) {
        this.jobsDashboard = jobsDashboard;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
            ModelAndView page) {
        if (page == null || redirect(page)) {
            return; // an API answer, or a redirect (whose model would end up in the URL)
        }
        page.addObject("viewer", viewer(signedIn()));
        page.addObject("jobsDashboard", jobsDashboard);
    }

    private static Viewer viewer(PlatformUser user) {
        if (user == null) {
            return null;
        }
        return new Viewer(user, user.has(Role.INSTRUCTOR) || user.isAdmin(), user.isAdmin(),
                user.has(Role.OPS) || user.isAdmin(), user.has(Role.REGISTRAR) || user.isAdmin());
    }

    private static PlatformUser signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof PlatformUser user ? user : null;
    }

    private static boolean redirect(ModelAndView page) {
        return page.getView() instanceof RedirectView
                || (page.getViewName() != null && page.getViewName().startsWith("redirect:"));
    }
}
