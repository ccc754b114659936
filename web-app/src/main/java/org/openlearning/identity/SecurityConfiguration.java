package org.openlearning.identity;

import org.openlearning.error.ErrorResponses;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains: the JSON API (session or personal access token; JSON 401/403) and the pages
 * (form sign-in, CSRF on every form). Sessions live in Redis ({@link SessionConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    private static final RequestMatcher BEARER = request -> {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    };

    /** Requests without a session cookie: a forged cross-site request has no session to ride on. */
    private static final RequestMatcher NO_SESSION = request -> request.getCookies() == null
            || java.util.Arrays.stream(request.getCookies()).noneMatch(c -> "SESSION".equals(c.getName()));

    /** Requests that carry credentials in their body and act on no session: CSRF cannot abuse them. */
    private static final RequestMatcher CREDENTIALS = request -> "POST".equals(request.getMethod())
            && ("/api/auth/signup".equals(request.getServletPath()) || "/api/auth/tokens".equals(request.getServletPath()));

    /**
     * No observation around each security filter: it cost more CPU than the whole progress endpoint
     * (a timer and a long-task timer per filter per request). Requests are still timed as a whole
     * ({@code http_server_requests}).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, Accounts accounts, JsonMapper json) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/auth/signup", "/api/auth/tokens").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/courses", "/api/courses/*").permitAll()
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/certificates/*/verify").permitAll()
                        .requestMatchers("/api/registrar/**").hasAnyRole("REGISTRAR", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/courses", "/api/courses/**", "/api/modules/**")
                        .hasAnyRole("INSTRUCTOR", "ADMIN")
                        .requestMatchers(HttpMethod.PUT, "/api/courses/**").hasAnyRole("INSTRUCTOR", "ADMIN")
                        .requestMatchers("/api/lessons/*/video-uploads", "/api/video-uploads", "/api/video-uploads/**")
                        .hasAnyRole("INSTRUCTOR", "ADMIN")
                        .anyRequest().authenticated())
                .csrf(c -> c.ignoringRequestMatchers(BEARER, NO_SESSION, CREDENTIALS))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> ErrorResponses.write(response, json,
                                HttpStatus.UNAUTHORIZED, "unauthorized",
                                "sign in, or send a personal access token as 'Authorization: Bearer ...'"))
                        .accessDeniedHandler((request, response, ex) -> ErrorResponses.write(response, json,
                                HttpStatus.FORBIDDEN, "forbidden", "you may not do this")))
                .addFilterBefore(new BearerTokenFilter(accounts, json), UsernamePasswordAuthenticationFilter.class)
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, LoginAttempts attempts) throws Exception {
        SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();
        success.setDefaultTargetUrl("/my-learning");
        http.authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/", "/courses", "/courses/*").permitAll()
                        .requestMatchers(HttpMethod.GET, "/certificates/*/verify").permitAll()
                        .requestMatchers("/registrar", "/registrar/**").hasAnyRole("REGISTRAR", "ADMIN")
                        .requestMatchers("/login", "/signup", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error")
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                                "/actuator/info").permitAll()
                        .requestMatchers("/teach/**").hasAnyRole("INSTRUCTOR", "ADMIN")
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .successHandler((request, response, authentication) -> {
                            attempts.succeeded(authentication.getName());
                            success.onAuthenticationSuccess(request, response, authentication);
                        })
                        .failureHandler((request, response, exception) -> {
                            attempts.failed(request.getParameter("email"), request.getRemoteAddr());
                            response.sendRedirect(request.getContextPath() + "/login?error");
                        }))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/courses?signed-out"))
                .addFilterBefore(new LoginRateLimitFilter(attempts), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }
}
