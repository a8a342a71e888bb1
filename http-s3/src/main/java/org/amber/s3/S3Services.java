package org.amber.s3;

import java.time.Clock;
import java.util.List;
import org.amber.lockd.Store;
import org.amber.lockd.port.BlobStore;
import org.amber.lockd.port.CommandBus;
import org.amber.s3.auth.SecretLookup;

/**
 * What the S3 endpoint needs from the rest of the daemon.
 *
 * @param published the durable state that reads see (only what is synced appears here)
 * @param vhostDomains domains under which {@code <bucket>.<domain>} selects virtual-host addressing
 * @param region the region reported by GetBucketLocation and expected in credential scopes
 * @param clock the system clock, for request signatures
 * @param complianceClock the clock retention is measured against (never the system clock)
 */
public record S3Services(Store published, CommandBus bus, BlobStore blobs, SecretLookup secrets, Clock clock,
                         List<String> vhostDomains, String region, RequestListener listener, Clock complianceClock) {
    public S3Services {
        vhostDomains = List.copyOf(vhostDomains);
    }
}
