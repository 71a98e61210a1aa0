package io.vigil.testing;

import io.vigil.stack.SmtpOutage;
import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * The SMTP relay and the Notify stand-in a Quarkus test resource starts, made reachable from the
 * test itself. The resource and the test run in different class loaders, so the servers are
 * registered on the JVM's platform MBean server and driven through it by operation name.
 */
public final class TestServers {

    /** What a test may do with the SMTP relay. */
    public interface SmtpControl {
        void down();

        void up();

        /** Refuses {@code RCPT TO} this address with {@code 550} until {@link #acceptAll}. */
        void refuse(String address);

        void acceptAll();

        int getPort();
    }

    /** What a test may do with the Notify stand-in. */
    public interface NotifyControl {
        void failNext(int status, String error, String message);

        /** Accepted text messages, oldest first: {id, recipient, body}. */
        List<String[]> getTexts();

        String getBaseUrl();

        String getApiKey();
    }

    private static final String SMTP = "io.vigil.testing:type=SmtpOutage";
    private static final String NOTIFY = "io.vigil.testing:type=NotifyServer";

    private TestServers() {
    }

    /** The JVM's SMTP relay to the stack's server, started on first use. */
    public static synchronized SmtpControl smtp(String host, int port) {
        if (!registered(SMTP)) {
            SmtpOutage relay = SmtpOutage.relayTo(host, port);
            register(SMTP, new SmtpControl() {
                @Override
                public void down() {
                    relay.down();
                }

                @Override
                public void up() {
                    relay.up();
                }

                @Override
                public void refuse(String address) {
                    relay.refuse(address);
                }

                @Override
                public void acceptAll() {
                    relay.acceptAll();
                }

                @Override
                public int getPort() {
                    return relay.port();
                }
            }, SmtpControl.class);
        }
        return smtp();
    }

    /** The running SMTP relay, from any class loader. */
    public static SmtpControl smtp() {
        return JMX.newMBeanProxy(ManagementFactory.getPlatformMBeanServer(), name(SMTP), SmtpControl.class);
    }

    /** The JVM's Notify stand-in with the given text-message templates ({@code ((body))}), started on first use. */
    public static synchronized NotifyControl notify(List<String> smsTemplateIds) {
        if (!registered(NOTIFY)) {
            NotifyServer server = NotifyServer.start();
            smsTemplateIds.forEach(id -> server.smsTemplate(id, "((body))"));
            register(NOTIFY, new NotifyControl() {
                @Override
                public void failNext(int status, String error, String message) {
                    server.failNext(status, error, message);
                }

                @Override
                public List<String[]> getTexts() {
                    return server.sms().stream().map(n -> new String[] {n.id(), n.recipient(), n.body()}).toList();
                }

                @Override
                public String getBaseUrl() {
                    return server.baseUrl().toString();
                }

                @Override
                public String getApiKey() {
                    return server.apiKey();
                }
            }, NotifyControl.class);
        }
        return notifyServer();
    }

    /** The running Notify stand-in, from any class loader. */
    public static NotifyControl notifyServer() {
        return JMX.newMBeanProxy(ManagementFactory.getPlatformMBeanServer(), name(NOTIFY), NotifyControl.class);
    }

    private static boolean registered(String name) {
        return ManagementFactory.getPlatformMBeanServer().isRegistered(name(name));
    }

    private static <T> void register(String name, T control, Class<T> type) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.registerMBean(new StandardMBean(control, type), name(name));
        } catch (JMException e) {
            throw new IllegalStateException("could not register " + name, e);
        }
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (JMException e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
