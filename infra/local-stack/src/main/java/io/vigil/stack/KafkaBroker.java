package io.vigil.stack;

import io.vigil.contracts.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Time;

/** A single-node KRaft Kafka (broker and controller in one) inside this JVM, with Vigil's topics. */
final class KafkaBroker implements Component {

    private static final int NODE_ID = 1;

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    KafkaBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    @Override
    public String name() {
        return "Kafka";
    }

    String bootstrap() {
        return Ports.HOST + ":" + port;
    }

    @Override
    public void start() throws Exception {
        Dirs.deleteRecursively(dir);
        Path logs = Files.createDirectories(dir.resolve("data"));
        Properties props = config(logs);
        Path configFile = dir.resolve("server.properties");
        try (Writer w = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
            props.store(w, null);
        }
        format(configFile);

        server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        server.startup();
        createTopics();
    }

    /**
     * A controlled shutdown of the broker, then a new broker on the same log directories and ports: the
     * topics, records and committed offsets survive, as they do when a broker of a cluster restarts.
     */
    @Override
    public void restart() throws Exception {
        close();
        Properties props = new Properties();
        try (java.io.Reader r = Files.newBufferedReader(dir.resolve("server.properties"), StandardCharsets.UTF_8)) {
            props.load(r);
        }
        server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        server.startup();
    }

    private Properties config(Path logs) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + Ports.HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + Ports.HOST + ":" + port + ",CONTROLLER://" + Ports.HOST + ":"
                + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + Ports.HOST + ":" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logs.toString());
        // One broker: every internal topic must accept a single replica, or consumer groups,
        // transactions and share groups never become available.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // Tests join and leave groups constantly; the default 3 s wait before the first rebalance adds up.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created on purpose with their partition counts; a typo must fail, not invent a topic.
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        return p;
    }

    private void format(Path configFile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            code = StorageTool.execute(new String[] {
                    "format", "--config", configFile.toString(),
                    "--cluster-id", Uuid.randomUuid().toString(), "--ignore-formatted"}, print);
        }
        if (code != 0) {
            throw new IOException("Formatting Kafka storage failed (" + code + "): "
                    + out.toString(StandardCharsets.UTF_8));
        }
    }

    private void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            List<NewTopic> topics = Topics.all().stream()
                    .map(spec -> {
                        NewTopic topic = new NewTopic(spec.name(), spec.partitions(), (short) 1);
                        if (spec.compacted()) {
                            topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                                    TopicConfig.CLEANUP_POLICY_COMPACT));
                        }
                        return topic;
                    })
                    .toList();
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException e) {
                System.err.println("Kafka did not shut down cleanly: " + e);
            }
            server = null;
        }
    }
}
