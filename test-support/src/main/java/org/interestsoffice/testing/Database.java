package org.interestsoffice.testing;

/**
* A PostgreSQL database that belongs to one test run.
*
* @param jdbcUrl  where to connect
* @param username who to connect as
* @param password that user's password, empty where the server trusts local connections
* @param name     the database's name on the server, {@code iop_<runId>_<name asked for>}
*/
public record Database(String jdbcUrl, String username, String password, String name) {
}
