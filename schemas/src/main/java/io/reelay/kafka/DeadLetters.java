package io.reelay.kafka;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What a dead-letter record looks like: the original key and value bytes, sent to {@code <topic>.dlq}, with the
 * error and the record's origin in headers so an operator can see why it was parked and replay it.
 */
public final class DeadLetters {

    public static final String ERROR_CLASS = "reelay.error.class";
    public static final String ERROR_MESSAGE = "reelay.error.message";
    public static final String SOURCE_TOPIC = "reelay.source.topic";
    public static final String SOURCE_PARTITION = "reelay.source.partition";
    public static final String SOURCE_OFFSET = "reelay.source.offset";
    /** Set when the value was re-encoded (Avro single-object encoding) because the original bytes were gone. */
    public static final String VALUE_ENCODING = "reelay.value.encoding";

    private static final int MAX_MESSAGE_LENGTH = 4000;

    private DeadLetters() {
    }

    public static ProducerRecord<byte[], byte[]> record(String topic, int partition, long offset, byte[] key,
                                                        byte[] value, Throwable error) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ERROR_CLASS, utf8(error.getClass().getName()));
        String message = String.valueOf(error.getMessage());
        headers.add(ERROR_MESSAGE, utf8(message.length() > MAX_MESSAGE_LENGTH
                ? message.substring(0, MAX_MESSAGE_LENGTH) : message));
        headers.add(SOURCE_TOPIC, utf8(topic));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(partition)));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(offset)));
        return new ProducerRecord<>(topic + ".dlq", null, key, value, headers);
    }

    static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
