package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults, then the config file, then flags. */
class ConfigTest {
    @TempDir
    Path tmp;

    @Test
    void embeddedDefaultsWorkOnALaptop() throws Exception {
        Config c = Config.from(java.util.Map.of());
        assertEquals(Path.of("./data").toAbsolutePath().normalize(), c.dataDir());
        assertEquals("127.0.0.1", c.s3Address().getHostString());
        assertEquals(9000, c.s3Address().getPort());
        assertEquals(9001, c.adminAddress().getPort());
        assertEquals(c.dataDir().resolve("amber-secret.key"), c.secretKeyFile());
    }

    @Test
    void flagsOverrideTheFileWhichOverridesDefaults() throws Exception {
        Path file = tmp.resolve("amber.conf");
        Files.writeString(file, "# comment\ndata = /srv/amber\nregion = eu-west-1\nvhost-domains = s3.box.lan, localhost\n");
        Config c = Config.fromArgs("--config", file.toString(), "--s3-address", "0.0.0.0:9100", "--region=us-west-2");
        assertEquals(Path.of("/srv/amber"), c.dataDir());
        assertEquals("us-west-2", c.region());
        assertEquals(9100, c.s3Address().getPort());
        assertEquals(List.of("s3.box.lan", "localhost"), c.vhostDomains());
    }

    @Test
    void mistakesAreReportedNotIgnored() {
        assertThrows(IllegalArgumentException.class, () -> Config.fromArgs("--dta", "/x"));
        assertThrows(IllegalArgumentException.class, () -> Config.fromArgs("--s3-address", "9000"));
        assertThrows(IllegalArgumentException.class, () -> Config.fromArgs("--data"));
        assertThrows(IllegalArgumentException.class, () -> Config.fromArgs("stray"));
    }

    /** systemd/amber.conf, installed as /etc/amber/amber.conf: every key documented, and the defaults a storage box wants. */
    @Test
    void thePackagedConfigDocumentsEveryKeyAndParses() throws Exception {
        Path packaged = Path.of("").toAbsolutePath().getParent().resolve("systemd/amber.conf");
        String text = Files.readString(packaged);
        for (String key : Config.DEFAULTS.keySet()) {
            assertTrue(java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(key) + " =").matcher(text).find(),
                    "amber.conf does not set " + key);
        }
        Config c = Config.fromArgs("--config", packaged.toString());
        assertEquals(Path.of("/var/lib/amber"), c.dataDir());
        assertEquals("0.0.0.0", c.s3Address().getHostString());
        assertEquals(9000, c.s3Address().getPort());
        assertEquals(Path.of("/var/lib/amber/amber-secret.key"), c.secretKeyFile());
    }
}
