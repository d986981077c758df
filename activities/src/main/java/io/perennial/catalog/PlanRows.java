package io.perennial.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rows of {@code plans} (name, active, current version), kept in memory while PostgreSQL tells this process of
 * every change: a trigger on the table notifies {@value #CHANNEL} with the plan's id when its transaction commits
 * (V84), and a connection of this process's own listens. A plan retired or given a new version on any instance is
 * therefore seen everywhere within the notification's delivery (milliseconds), and on the instance that made the
 * change at once ({@link #changed}). While the listening connection is down, nothing is kept and every read goes to
 * the database, so a lost notification can never leave a stale row behind; rows kept are also dropped after
 * {@link #KEPT_AT_MOST} as a last guard.
 * <p>
 * A read racing a change keeps nothing: a row is kept only when no change was heard between before the read and
 * after it.
 */
@Singleton
public class PlanRows {

    static final String CHANNEL = "perennial_plans";
    static final Duration KEPT_AT_MOST = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(PlanRows.class);
    private static final int WAIT_MILLIS = 5_000;

    private final PlanRepository plans;
    private final String url;
    private final String username;
    private final String password;
    private final Cache<String, Plan> kept = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(KEPT_AT_MOST).build();
    /** Changes heard (and connections lost) so far: a read keeps its row only if this did not move meanwhile. */
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong heard = new AtomicLong();
    private volatile boolean listening;
    private volatile boolean closed;
    private Thread listener;
    private volatile Connection connection;

    public PlanRows(PlanRepository plans, @Value("${datasources.default.url}") String url,
                    @Value("${datasources.default.username:}") String username,
                    @Nullable @Value("${datasources.default.password:}") String password) {
        this.plans = plans;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /** The plan's row, from memory when it was read since the last change this process heard of. */
    public Optional<Plan> find(String planId) {
        startListening();
        Plan known = listening ? kept.getIfPresent(planId) : null;
        if (known != null) {
            return Optional.of(known);
        }
        long before = changes.get();
        Optional<Plan> read = plans.findById(planId);
        // Absent plans are not kept: one created a moment later must be found.
        if (read.isPresent() && listening && changes.get() == before) {
            kept.put(planId, read.get());
        }
        return read;
    }

    /** This process changed the plan's row (before its commit, and again after it). */
    public void changed(String planId) {
        changes.incrementAndGet();
        kept.invalidate(planId);
    }

    /** Notifications heard so far (for tests). */
    long heard() {
        return heard.get();
    }

    /** Whether rows are being kept now (for tests and health). */
    boolean isListening() {
        return listening;
    }

    private synchronized void startListening() {
        if (listener == null && !closed) {
            listener = new Thread(this::listen, "plan-rows-listener");
            listener.setDaemon(true);
            listener.start();
        }
    }

    private void listen() {
        while (!closed) {
            try (Connection connection = connect()) {
                this.connection = connection;
                if (closed) {
                    break;
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                // Whatever changed before the LISTEN was not heard: start from nothing kept.
                changes.incrementAndGet();
                kept.invalidateAll();
                listening = true;
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                    if (received != null) {
                        for (PGNotification each : received) {
                            changed(each.getParameter());
                            heard.incrementAndGet();
                        }
                    }
                    if (!connection.isValid(2)) {
                        throw new SQLException("the listening connection is no longer valid");
                    }
                }
            } catch (SQLException | RuntimeException e) {
                forgetAll();
                if (!closed) {
                    log.warn("Not listening to plan changes ({}); plans are read from the database until it is back",
                            e.toString());
                    pause();
                }
            }
        }
        forgetAll();
    }

    private void forgetAll() {
        listening = false;
        changes.incrementAndGet();
        kept.invalidateAll();
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (username != null && !username.isEmpty()) {
            properties.setProperty("user", username);
        }
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "perennial plan-rows listener");
        properties.setProperty("tcpKeepAlive", "true");
        // A PostgreSQL that stalls must not hold the listener for long: until it is back, rows are read, not kept.
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "5");
        properties.setProperty("socketTimeout", "30");
        // The driver itself, not DriverManager: no lookup through the class path's service files.
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL address: " + url);
        }
        return connection;
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    synchronized void close() {
        closed = true;
        forgetAll();
        Connection current = connection;
        if (current != null) {
            try {
                // From this thread while the listener waits on it: abort is the JDBC call made for that.
                current.abort(Runnable::run);
            } catch (SQLException e) {
                log.debug("Closing the plan-rows listener", e);
            }
        }
    }
}
