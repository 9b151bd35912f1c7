package io.reelay.state.http;

import org.apache.kafka.streams.state.HostInfo;

/**
 * Where other instances reach this one over HTTP; advertised to them through Kafka Streams' metadata
 * ({@code application.server}), so that any instance can forward a query to the instance owning the job.
 */
public record InstanceEndpoint(String host, int port) {

    public HostInfo hostInfo() {
        return new HostInfo(host, port);
    }

    public String hostPort() {
        return host + ":" + port;
    }

    /** Parses {@code host:port}. */
    public static InstanceEndpoint parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("Expected host:port, got '" + hostPort + "'");
        }
        return new InstanceEndpoint(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
