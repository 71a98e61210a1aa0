package io.vigil.load;

/** What is measured; the raw-Kafka phases are the baselines the others are divided by. */
enum Phase {
    RAW_KAFKA("raw Kafka producer loop", "records"),
    RAW_KAFKA_ROUND_TRIPS("raw Kafka, one record per send, waited for", "records"),
    SYSLOG_TCP("intake, syslog over TCP", "alerts"),
    BATCH_WEBHOOK("intake, batch webhook (1,000 a request)", "alerts"),
    SINGLE_WEBHOOK("intake, single-alert webhook", "requests");

    final String label;
    final String unit;

    Phase(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }
}
