package org.amber.lockd.command;

import org.amber.lockd.Account;

/** Create an account; refused if its name or access key already exists. */
public record CreateAccount(Account account) implements Command {
}
