package org.openlearning.identity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.openlearning.redis.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.session.MapSession;
import org.springframework.session.SessionRepository;
import org.springframework.session.UuidSessionIdGenerator;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * HTTP sessions in Redis (through Jedis), so that any web replica serves any request. A session is
 * one key holding the serialized {@link MapSession}, expiring with the session's inactivity timeout.
 */
final class RedisSessionRepository implements SessionRepository<MapSession> {

    private static final Logger log = LoggerFactory.getLogger(RedisSessionRepository.class);

    /** Only the platform's and the JDK's and Spring's own classes are ever read back from Redis. */
    private static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;maxbytes=1048576;java.base/*;org.springframework.**;org.openlearning.**;!*");

    private final RedisClient redis;
    private final RedisKeys keys;
    private final Duration timeout;

    RedisSessionRepository(RedisClient redis, RedisKeys keys, Duration timeout) {
        this.redis = redis;
        this.keys = keys;
        this.timeout = timeout;
    }

    @Override
    public MapSession createSession() {
        MapSession session = new MapSession();
        session.setMaxInactiveInterval(timeout);
        return session;
    }

    @Override
    public void save(MapSession session) {
        if (!session.getId().equals(session.getOriginalId())) {
            redis.del(key(session.getOriginalId())); // the id changed at sign-in (session fixation defence)
        }
        long seconds = Math.max(1, session.getMaxInactiveInterval().toSeconds());
        // the copy's original id is its id, so the next request does not see a change again
        redis.set(key(session.getId()), serialize(new MapSession(session)), SetParams.setParams().ex(seconds));
    }

    @Override
    public MapSession findById(String id) {
        byte[] bytes = redis.get(key(id));
        if (bytes == null) {
            return null;
        }
        MapSession session;
        try {
            session = deserialize(bytes);
        } catch (RuntimeException e) {
            log.warn("dropping unreadable session: {}", e.toString());
            deleteById(id);
            return null;
        }
        session.setSessionIdGenerator(UuidSessionIdGenerator.getInstance()); // transient, not serialized
        if (session.isExpired()) {
            deleteById(id);
            return null;
        }
        return session;
    }

    @Override
    public void deleteById(String id) {
        redis.del(key(id));
    }

    private byte[] key(String id) {
        return keys.key("session", id).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] serialize(MapSession session) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(session);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialize session", e);
        }
        return bytes.toByteArray();
    }

    private static MapSession deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(FILTER);
            return (MapSession) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("could not read session", e);
        }
    }
}
