package dev.parley.connector.gewe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The failures injected into a {@link FakeGeweServer}: per path (or for every path), for a number of
 * calls or until cleared, a delay before the normal answer or an answer of its own (an HTTP error,
 * malformed JSON, the offline envelope, any body). Faults of a path apply in the order they were added.
 */
public final class FakeGeweFaults {

    private final List<Fault> faults = new ArrayList<>();

    FakeGeweFaults() {
    }

    /**
     * @param path an API path, or {@code null} for every path
     * @return a builder of a fault of that path
     */
    Builder on(String path) {
        return new Builder(path);
    }

    /**
     * Takes the first fault in force for a path (and device), counting one call against it.
     *
     * @param path  an API path
     * @param appId the device the call is for, or {@code null}
     * @return the fault, or {@code null} when the path answers normally
     */
    synchronized Fault take(String path, String appId) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
            Fault fault = it.next();
            if ((fault.path == null || fault.path.equals(path)) && (fault.appId == null || fault.appId.equals(appId))) {
                if (fault.remaining > 0 && --fault.remaining == 0) {
                    it.remove();
                }
                return fault;
            }
        }
        return null;
    }

    /** Removes every fault. */
    synchronized void clear() {
        faults.clear();
    }

    private synchronized void add(Fault fault) {
        faults.add(fault);
    }

    /** One injected failure; {@code status} 0 means "answer normally after the delay". */
    static final class Fault {
        private final String path;
        private final String appId;
        private final Duration delay;
        private final int status;
        private final String contentType;
        private final String body;
        private int remaining;

        private Fault(String path, String appId, int times, Duration delay, int status, String contentType, String body) {
            this.path = path;
            this.appId = appId;
            this.remaining = times;
            this.delay = delay;
            this.status = status;
            this.contentType = contentType;
            this.body = body;
        }

        Duration delay() {
            return delay;
        }

        int status() {
            return status;
        }

        String contentType() {
            return contentType;
        }

        String body() {
            return body;
        }
    }

    /** Describes a fault of a path; each terminal method puts it in force. */
    public final class Builder {
        private final String path;
        private int times = -1;
        private String appId;

        private Builder(String path) {
            this.path = path;
        }

        /**
         * @param device the only device ({@code appId}) whose calls fail (default: every device's)
         * @return this builder
         */
        public Builder forDevice(String device) {
            this.appId = device;
            return this;
        }

        /**
         * @param calls how many calls fail before the path answers normally again (default: until cleared)
         * @return this builder
         */
        public Builder times(int calls) {
            if (calls < 1) {
                throw new IllegalArgumentException("times must be at least 1: " + calls);
            }
            this.times = calls;
            return this;
        }

        /** @param delay how long the path waits before answering normally (a slow GeWe) */
        public void delay(Duration delay) {
            add(new Fault(path, appId, times, Objects.requireNonNull(delay, "delay"), 0, null, null));
        }

        /** @param status the HTTP status to answer with (e.g. 500, 502), with a plain-text body */
        public void httpStatus(int status) {
            add(new Fault(path, appId, times, null, status, "text/plain", "HTTP " + status));
        }

        /** Answers HTTP 200 with a body that is not JSON. */
        public void malformedJson() {
            add(new Fault(path, appId, times, null, 200, "application/json", "{\"ret\":200,\"msg\":\"操作成功\",\"data\":{"));
        }

        /** Answers the offline envelope {@code {"ret":500,…,"data":{"code":"-1","msg":"微信已离线"}}}. */
        public void offline() {
            String envelope = FakeGeweEnvelope.offline(path == null ? "" : path).toString();
            add(new Fault(path, appId, times, null, 200, "application/json", envelope));
        }

        /** @param json any body to answer with HTTP 200, e.g. a custom error envelope */
        public void envelope(String json) {
            add(new Fault(path, appId, times, null, 200, "application/json", Objects.requireNonNull(json, "json")));
        }
    }
}
