package org.openlearning.identity.web;

import org.openlearning.error.ApiException;
import org.openlearning.identity.Accounts;
import org.openlearning.identity.PlatformUser;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The sign-in and sign-up pages. Signing in itself is Spring Security's form login. */
@Controller
class SignInPageController {

    private final Accounts accounts;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SignInPageController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/login")
    String login() {
        return "identity/login";
    }

    @GetMapping("/signup")
    String signupForm(Model model) {
        model.addAttribute("minPassword", Accounts.MIN_PASSWORD);
        return "identity/signup";
    }

    @PostMapping("/signup")
    String signup(@RequestParam(defaultValue = "") String email,
            @RequestParam(name = "display_name", defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String password, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        PlatformUser user;
        try {
            user = accounts.signUp(email, displayName, password);
        } catch (ApiException e) {
            model.addAttribute("minPassword", Accounts.MIN_PASSWORD);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e.field());
            model.addAttribute("email", email);
            model.addAttribute("displayName", displayName);
            response.setStatus(e.status().value());
            return "identity/signup";
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        request.getSession(true);
        request.changeSessionId();
        contexts.saveContext(context, request, response);
        return "redirect:/courses?welcome";
    }
}
