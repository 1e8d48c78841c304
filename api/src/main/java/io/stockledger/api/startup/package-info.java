/**
 * The service's start: a check of its ports before any database work, and failure analyzers that turn the common
 * ways a start fails (a port taken, the database URL, connection, credentials or database, the embedded data
 * directory in use, the token key, the Redis URL) into a few lines naming the cause and the fix, in place of the
 * stack trace that buries them.
 */
package io.stockledger.api.startup;
