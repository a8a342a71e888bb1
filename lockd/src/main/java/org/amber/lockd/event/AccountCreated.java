package org.amber.lockd.event;

import org.amber.lockd.Account;

/** An account (the root account at first start) was created with its sealed secret. */
public record AccountCreated(Account account) implements Event {
}
