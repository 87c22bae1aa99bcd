package io.engram.api;

/** The API test's tiny network and experiment, for tests in other packages. */
public final class EngramApiTestAccess {
    public static final String NETWORK = EngramApiTest.NETWORK;
    public static final String EXPERIMENT = EngramApiTest.EXPERIMENT;

    private EngramApiTestAccess() {}
}
