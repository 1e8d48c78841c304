package io.stockledger.api.web.console;

import io.stockledger.api.ledger.Ledger;
import io.stockledger.api.web.audit.MovementsResponse;
import io.stockledger.query.api.FindRecentMovements;
import io.stockledger.query.api.MovementPage;
import io.stockledger.query.api.MovementView;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Follows the movement journal for each open feed: a poll every {@link #POLL} from the position after the last row
 * sent, each new row an SSE {@code movement} event whose id is its global position (so a client reconnecting with
 * that id misses nothing). Polling the read model rather than listening to the event bus: the journal already has
 * each event once, in store order, with its actor and trace id, and a poll cannot fall behind silently. A feed is
 * closed after {@link #LIFETIME}; the console reconnects from the last id it saw.
 *
 * <p>A feed never ends by itself, so on shutdown every open feed is completed before the web server's graceful
 * shutdown waits for requests to end (a lifecycle phase that stops first): otherwise each open feed would hold the
 * shutdown for its whole grace period.
 */
@Component
class LiveFeed implements SmartLifecycle {

    static final Duration POLL = Duration.ofMillis(500);
    static final Duration LIFETIME = Duration.ofMinutes(30);
    static final int MAX_OPEN = 50;
    private static final int BACKLOG = 20;
    private static final int PAGE = 200;
    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final Ledger ledger;
    private final ScheduledExecutorService polls = Executors.newScheduledThreadPool(2,
            Thread.ofPlatform().name("console-feed-", 0).daemon().factory());
    private final AtomicInteger open = new AtomicInteger();
    private final Set<SseEmitter> feeds = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    LiveFeed(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Opens a feed of the warehouse's movements (null: all), from {@code fromPosition} or the latest few. */
    SseEmitter open(UUID warehouseId, Long fromPosition) {
        if (open.incrementAndGet() > MAX_OPEN) {
            open.decrementAndGet();
            return null;
        }
        SseEmitter emitter = new SseEmitter(LIFETIME.toMillis());
        AtomicReference<Long> next = new AtomicReference<>(fromPosition);
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable close = () -> {
            feeds.remove(emitter);
            ScheduledFuture<?> polling = task.getAndSet(null);
            if (polling != null) {
                polling.cancel(false);
                open.decrementAndGet();
            }
        };
        feeds.add(emitter);
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(failure -> close.run());
        task.set(polls.scheduleWithFixedDelay(() -> {
            try {
                poll(emitter, warehouseId, next);
            } catch (IOException | IllegalStateException gone) {
                close.run(); // the browser went away
            } catch (RuntimeException failure) {
                log.warn("live feed poll failed: {}", failure.toString());
                emitter.completeWithError(failure);
                close.run();
            }
        }, 0, POLL.toMillis(), TimeUnit.MILLISECONDS));
        return emitter;
    }

    private void poll(SseEmitter emitter, UUID warehouseId, AtomicReference<Long> next) throws IOException {
        MovementPage page;
        do {
            Long from = next.get();
            page = ledger.ask(new FindRecentMovements(warehouseId, from, from == null ? BACKLOG : PAGE),
                    MovementPage.class).orElseThrow();
            for (MovementView movement : page.movements()) {
                emitter.send(SseEmitter.event().name("movement").id(Long.toString(movement.globalPosition()))
                        .data(MovementsResponse.Movement.of(movement), MediaType.APPLICATION_JSON));
                next.set(movement.globalPosition() + 1);
            }
            if (next.get() == null) {
                next.set(0L); // nothing stored yet: follow from the start
            }
        } while (page.nextFromPosition() != null);
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every open feed, so that graceful shutdown does not wait for them. */
    @Override
    public void stop() {
        running = false;
        for (SseEmitter emitter : feeds) {
            emitter.complete();
        }
        feeds.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @PreDestroy
    void shutDown() {
        polls.shutdownNow();
    }
}
