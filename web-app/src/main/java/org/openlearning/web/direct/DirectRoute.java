package org.openlearning.web.direct;

import org.openlearning.identity.PlatformUser;
import org.springframework.http.ResponseEntity;

/**
 * One hot JSON API request that {@link DirectApiFilter} answers for clients with a personal access
 * token, ahead of the general filter chain. The route does what its controller does, through the
 * same service; the filter does the rest (authentication, reading the body, the error shape).
 */
public interface DirectRoute {

    /** {@code PUT}, {@code POST}, … */
    String method();

    /** The path, with {@code {}} for each numeric id: {@code /api/progress/{}/lessons/{}}. */
    String path();

    /** What the JSON body is read into ({@code JsonNode}, a record); an empty body is null; null: not read. */
    Class<?> body();

    /** The answer; an {@code ApiException} for a refusal. {@code ids} in the order of the path's {@code {}}. */
    ResponseEntity<?> answer(PlatformUser user, long[] ids, Object body);
}
