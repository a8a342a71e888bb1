package org.amber.s3;

import java.time.Clock;
import java.util.List;
import org.amber.lockd.Store;
import org.amber.lockd.port.BlobStore;
import org.amber.lockd.port.CommandBus;
import org.amber.s3.auth.Sealer;
import org.amber.s3.auth.SecretLookup;
import org.amber.s3.iam.Access;

/**
 * What the S3 endpoint needs from the rest of the daemon.
 *
 * @param published the durable state that reads see (only what is synced appears here)
 * @param vhostDomains domains under which {@code <bucket>.<domain>} selects virtual-host addressing
 * @param region the region reported by GetBucketLocation and expected in credential scopes
 * @param clock the system clock, for request signatures
 * @param complianceClock the clock retention is measured against (never the system clock)
 * @param sealer seals new access keys' secrets and STS session tokens under the daemon's key
 * @param access the access decisions (policies)
 */
public record S3Services(Store published, CommandBus bus, BlobStore blobs, SecretLookup secrets, Clock clock,
                         List<String> vhostDomains, String region, RequestListener listener, Clock complianceClock,
                         Sealer sealer, Access access) {
    public S3Services {
        vhostDomains = List.copyOf(vhostDomains);
    }

    public S3Services(Store published, CommandBus bus, BlobStore blobs, SecretLookup secrets, Clock clock,
                      List<String> vhostDomains, String region, RequestListener listener, Clock complianceClock, Sealer sealer) {
        this(published, bus, blobs, secrets, clock, vhostDomains, region, listener, complianceClock, sealer,
                new Access(published, clock, complianceClock));
    }
}
