package cn.jianbao.testing;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import java.net.InetAddress;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real LDAP server in the test JVM (UnboundID's in-memory directory), started once, and the
 * application configured to log in against it, as an office with an LDAP / AD directory would.
 */
public class TestLdap implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String BASE = "dc=jianbao,dc=test";
    private static InMemoryDirectoryServer server;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of("jianbao.ldap.enabled=true",
                "jianbao.ldap.url=ldap://127.0.0.1:" + server().getListenPort() + "/" + BASE,
                "jianbao.ldap.user-dn-patterns=uid={0},ou=people").applyTo(context);
    }

    public static synchronized InMemoryDirectoryServer server() {
        if (server == null) {
            try {
                InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
                config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
                        InetAddress.getLoopbackAddress(), 0, null));
                config.setSchema(null); // plain entries, no schema checks needed here
                server = new InMemoryDirectoryServer(config);
                server.add("dn: " + BASE, "objectClass: domain", "dc: jianbao");
                server.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
                server.startListening();
            } catch (LDAPException | LDIFException e) {
                throw new IllegalStateException("cannot start the in-memory LDAP server", e);
            }
        }
        return server;
    }

    /** A person in the office's directory, with their directory password. */
    public static void addUser(String uid, String name, String password) {
        try {
            server().add("dn: uid=" + uid + ",ou=people," + BASE, "objectClass: inetOrgPerson", "uid: " + uid,
                    "cn: " + name, "sn: " + name, "userPassword: " + password);
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException(e);
        }
    }
}
