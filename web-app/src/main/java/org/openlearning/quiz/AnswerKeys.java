package org.openlearning.quiz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.openlearning.error.ApiException;
import org.openlearning.quiz.QuizDao.QuestionRow;
import org.openlearning.quiz.QuizDao.QuizRow;
import org.openlearning.quiz.QuizKey.AnswerKey;
import org.openlearning.quiz.QuizKey.Option;
import org.openlearning.quiz.QuizKey.Question;
import org.openlearning.redis.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Quizzes with their answer keys, for grading. A key is stored under its version ({@code quiz:ID:vN}
 * in Redis, and in this process), so a cached key is never wrong, only superseded: an edit raises the
 * version, and which version is current is asked of PostgreSQL at most every
 * {@code platform.quiz.version-ttl} (an edit on this replica forgets it at once). Redis lets a new
 * or restarted replica skip the question query; when Redis is away, PostgreSQL answers.
 */
@Component
public class AnswerKeys {

    private static final Logger log = LoggerFactory.getLogger(AnswerKeys.class);
    private static final TypeReference<List<Option>> OPTIONS = new TypeReference<>() {
    };
    private static final long REDIS_TTL_SECONDS = Duration.ofDays(7).toSeconds();

    private record Versioned(long quizId, int version) {
    }

    private final QuizDao quizzes;
    private final RedisClient redis;
    private final RedisKeys keys;
    private final JsonMapper json;
    private final Cache<Long, Optional<QuizKey>> current;
    private final Cache<Versioned, QuizKey> byVersion;

    AnswerKeys(QuizDao quizzes, RedisClient redis, RedisKeys keys, JsonMapper json, QuizProperties properties) {
        this.quizzes = quizzes;
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.current = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(properties.versionTtl()).build();
        this.byVersion = Caffeine.newBuilder().maximumSize(10_000).expireAfterAccess(Duration.ofHours(1)).build();
    }

    /** The quiz as it is now (within the version TTL); 404 when there is no such quiz. */
    public QuizKey current(long quizId) {
        return current.get(quizId, id -> quizzes.version(id).flatMap(v -> version(id, v)))
                .orElseThrow(() -> ApiException.notFound("no quiz " + quizId));
    }

    /** Forgets which version is current: the next {@link #current} asks PostgreSQL. */
    public void forget(long quizId) {
        current.invalidate(quizId);
    }

    /** The current version as PostgreSQL has it now, when this replica's idea of it proved older. */
    QuizKey reload(long quizId) {
        forget(quizId);
        return current(quizId);
    }

    private Optional<QuizKey> version(long quizId, int version) {
        Versioned at = new Versioned(quizId, version);
        QuizKey cached = byVersion.getIfPresent(at);
        if (cached != null) {
            return Optional.of(cached);
        }
        String redisKey = keys.key("quiz", Long.toString(quizId), "v" + version);
        QuizKey key = fromRedis(redisKey);
        if (key == null) {
            Optional<QuizKey> loaded = load(quizId);
            if (loaded.isEmpty()) {
                return loaded;
            }
            key = loaded.get();
            // an edit may have committed between the version query and this load: store what was read
            // under its own version
            toRedis(keys.key("quiz", Long.toString(quizId), "v" + key.version()), key);
        }
        byVersion.put(new Versioned(quizId, key.version()), key);
        return Optional.of(key);
    }

    /**
     * The quiz and its questions from PostgreSQL. An edit replaces the questions and raises the
     * version in one transaction, so questions read between two equal versions belong to that version.
     */
    Optional<QuizKey> load(long quizId) {
        for (int tries = 0; tries < 5; tries++) {
            Optional<QuizRow> row = quizzes.find(quizId);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            List<QuestionRow> questions = quizzes.questions(quizId);
            if (quizzes.version(quizId).orElse(-1) == row.get().version()) {
                return Optional.of(assemble(row.get(), questions));
            }
        }
        throw new IllegalStateException("quiz " + quizId + " changed during every read");
    }

    QuizKey assemble(QuizRow row, List<QuestionRow> rows) {
        List<Question> questions = new ArrayList<>(rows.size());
        for (QuestionRow q : rows) {
            questions.add(new Question(q.id(), q.kind(), q.prompt(), q.points(), q.explanation(),
                    List.copyOf(json.readValue(q.options(), OPTIONS)), json.readValue(q.answerKey(), AnswerKey.class)));
        }
        return new QuizKey(row.id(), row.lessonId(), row.courseId(), row.version(), row.passingPercent(),
                row.maxAttempts(), row.cooldownSeconds(), row.timeLimitSeconds(), row.latePolicy(),
                row.shuffleOptions(), List.copyOf(questions));
    }

    private QuizKey fromRedis(String redisKey) {
        try {
            String text = redis.get(redisKey);
            return text == null ? null : json.readValue(text, QuizKey.class);
        } catch (JedisException e) {
            log.warn("Redis unreachable reading answer key {} ({}); reading PostgreSQL", redisKey, e.toString());
            return null;
        }
    }

    private void toRedis(String redisKey, QuizKey key) {
        try {
            redis.set(redisKey, json.writeValueAsString(key), SetParams.setParams().ex(REDIS_TTL_SECONDS));
        } catch (JedisException e) {
            log.warn("Redis unreachable caching answer key {} ({})", redisKey, e.toString());
        }
    }
}
