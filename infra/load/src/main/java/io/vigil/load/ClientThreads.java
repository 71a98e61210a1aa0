package io.vigil.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;

/**
 * A fixed number of threads, each making one call after another (a request and its answer) until
 * there is nothing left to send or the time is up, noting when each call ended and how long it took.
 */
final class ClientThreads {

    /** What a call answers when there is nothing left to send. */
    static final int DONE = Integer.MIN_VALUE;
    /** The status that counts as accepted. */
    static final int ACCEPTED = 202;

    /** One request and its answer: the status, or {@link #DONE}. */
    interface Call {
        int call() throws InterruptedException;
    }

    /**
     * What a run did.
     *
     * @param accepted calls answered {@link #ACCEPTED} (or the success status the run was given)
     * @param failures other answers by status (-1: no answer, the connection or send failed)
     * @param seconds from the start to the last answer
     * @param samples completion time (nanoseconds after the start) and latency of every call, in pairs
     */
    record Outcome(long accepted, Map<Integer, Long> failures, double seconds, long[] samples) {

        /** Latencies of every call, ascending, in nanoseconds. */
        long[] sortedLatencies() {
            long[] latencies = new long[samples.length / 2];
            for (int i = 0; i < latencies.length; i++) {
                latencies[i] = samples[2 * i + 1];
            }
            Arrays.sort(latencies);
            return latencies;
        }

        double rate() {
            return accepted / seconds;
        }
    }

    private ClientThreads() {
    }

    /** Runs {@code threads} threads, each with the call {@code perThread} gives it, for at most {@code forNanos}. */
    static Outcome run(int threads, long forNanos, IntFunction<Call> perThread) throws InterruptedException {
        return run(threads, forNanos, ACCEPTED, perThread);
    }

    /** Like {@link #run(int, long, IntFunction)}, counting {@code success} as accepted instead of 202. */
    static Outcome run(int threads, long forNanos, int success, IntFunction<Call> perThread)
            throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        long[] start = new long[1];
        List<Worker> workers = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Worker worker = new Worker(go, start, forNanos, success, perThread.apply(t));
            workers.add(worker);
            Thread thread = new Thread(worker, "load-client-" + t);
            thread.start();
            running.add(thread);
        }
        start[0] = System.nanoTime();
        go.countDown();
        for (Thread thread : running) {
            thread.join();
        }
        long accepted = 0;
        long last = start[0];
        Map<Integer, Long> failures = new TreeMap<>();
        int sampleCount = 0;
        for (Worker worker : workers) {
            accepted += worker.accepted;
            last = Math.max(last, worker.lastAnswerNanos);
            worker.failures.forEach((status, n) -> failures.merge(status, n, Long::sum));
            sampleCount += worker.size;
        }
        long[] samples = new long[sampleCount];
        int at = 0;
        for (Worker worker : workers) {
            System.arraycopy(worker.samples, 0, samples, at, worker.size);
            at += worker.size;
        }
        return new Outcome(accepted, failures, (last - start[0]) / 1e9, samples);
    }

    private static final class Worker implements Runnable {
        private final CountDownLatch go;
        private final long[] start;
        private final long forNanos;
        private final int success;
        private final Call call;
        private final Map<Integer, Long> failures = new TreeMap<>();
        private long[] samples = new long[8192];
        private int size;
        private long accepted;
        private long lastAnswerNanos;

        Worker(CountDownLatch go, long[] start, long forNanos, int success, Call call) {
            this.go = go;
            this.start = start;
            this.forNanos = forNanos;
            this.success = success;
            this.call = call;
        }

        @Override
        public void run() {
            try {
                go.await();
                long begin = start[0];
                while (System.nanoTime() - begin < forNanos) {
                    long sent = System.nanoTime();
                    int status = call.call();
                    if (status == DONE) {
                        return;
                    }
                    long answered = System.nanoTime();
                    lastAnswerNanos = answered;
                    if (status == success) {
                        accepted++;
                    } else {
                        failures.merge(status, 1L, Long::sum);
                    }
                    record(answered - begin, answered - sent);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void record(long at, long latency) {
            if (size + 2 > samples.length) {
                samples = Arrays.copyOf(samples, samples.length * 2);
            }
            samples[size++] = at;
            samples[size++] = latency;
        }
    }
}
