package io.vigil.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Restarts of the stack's Kafka broker or PostgreSQL server asked for by another process (a fault-injection
 * run), through files in {@code <state-dir>/control}: the asker writes {@code <component>-<id>.restart}; the
 * stack restarts that component and answers {@code <component>-<id>.done} holding {@code ok} or why not.
 * Files keep it to the JDK on both sides and need no port.
 */
public final class StackControl {

    private static final String REQUEST = ".restart";
    private static final String ANSWER = ".done";
    private static final Duration POLL = Duration.ofMillis(200);

    private final Path dir;
    private final List<Component> components;

    private StackControl(Path dir, List<Component> components) {
        this.dir = dir;
        this.components = components;
    }

    /** Answers restart requests for {@code components} on a daemon thread for as long as the stack runs. */
    static void serve(Path stateDir, List<Component> components) throws IOException {
        StackControl control = new StackControl(Files.createDirectories(stateDir.resolve("control")), components);
        Thread thread = new Thread(control::loop, "stack-control");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Asks the stack in {@code stateDir} to restart {@code component} ({@code kafka} or {@code postgresql})
     * and waits until it runs again; fails with the stack's reason if it could not.
     */
    public static void restart(Path stateDir, String component, Duration timeout) {
        String id = component.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID();
        Path dir = stateDir.resolve("control");
        Path answer = dir.resolve(id + ANSWER);
        try {
            Files.createDirectories(dir);
            Path partial = dir.resolve(id + ".tmp");
            Files.writeString(partial, component, StandardCharsets.UTF_8);
            Files.move(partial, dir.resolve(id + REQUEST), StandardCopyOption.ATOMIC_MOVE);
            Instant deadline = Instant.now().plus(timeout);
            while (!Files.exists(answer)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The stack in " + stateDir + " did not restart " + component
                            + " within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(POLL.toMillis());
            }
            String outcome = Files.readString(answer, StandardCharsets.UTF_8).trim();
            Files.deleteIfExists(answer);
            if (!outcome.equals("ok")) {
                throw new IllegalStateException("The stack could not restart " + component + ": " + outcome);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + component + " restarted", e);
        }
    }

    private void loop() {
        while (true) {
            try (DirectoryStream<Path> requests = Files.newDirectoryStream(dir, "*" + REQUEST)) {
                for (Path request : requests) {
                    answer(request);
                }
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                System.err.println("Stack control: " + e);
            }
        }
    }

    private void answer(Path request) throws IOException {
        String file = request.getFileName().toString();
        String id = file.substring(0, file.length() - REQUEST.length());
        String wanted = Files.readString(request, StandardCharsets.UTF_8).trim();
        Files.delete(request);
        String outcome;
        Component component = components.stream()
                .filter(c -> c.name().toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT)))
                .findFirst().orElse(null);
        if (component == null) {
            outcome = "no component named " + wanted;
        } else {
            Instant t0 = Instant.now();
            try {
                System.out.println("Restarting " + component.name() + " as asked");
                component.restart();
                outcome = "ok";
                System.out.printf("%s restarted in %.1f s%n", component.name(),
                        Duration.between(t0, Instant.now()).toMillis() / 1000.0);
            } catch (Exception e) {
                outcome = e.toString().replace('\n', ' ');
                System.err.println("Restarting " + component.name() + " failed: " + outcome);
            }
        }
        Path partial = dir.resolve(id + ".answer.tmp");
        Files.writeString(partial, outcome, StandardCharsets.UTF_8);
        Files.move(partial, dir.resolve(id + ANSWER), StandardCopyOption.ATOMIC_MOVE);
    }
}
