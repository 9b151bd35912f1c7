package io.reelay.kafka;

import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What a dead-letter record looks like: the original key and value bytes, sent to {@code <topic>.dlq}, with the
 * error, the record's origin and the consumer that gave up on it in headers, so an operator can see why it was
 * parked and replay it. Several consumers read the same topic (e.g. probe and state both read job-requested), so
 * one bad record may be parked once by each; the consumer header tells the copies apart.
 */
public final class DeadLetters {

    public static final String ERROR_CLASS = "reelay.error.class";
    public static final String ERROR_MESSAGE = "reelay.error.message";
    public static final String SOURCE_TOPIC = "reelay.source.topic";
    public static final String SOURCE_PARTITION = "reelay.source.partition";
    public static final String SOURCE_OFFSET = "reelay.source.offset";
    /** The consumer group (a Kafka Streams application id for a topology) that could not read or process it. */
    public static final String CONSUMER = "reelay.consumer";
    /** Set when the value was re-encoded (Avro single-object encoding) because the original bytes were gone. */
    public static final String VALUE_ENCODING = "reelay.value.encoding";

    private static final int MAX_MESSAGE_LENGTH = 4000;

    private DeadLetters() {
    }

    /** A letter for a record that could not be read: its bytes exactly as they were on the topic. */
    public static ProducerRecord<byte[], byte[]> record(String consumer, String topic, int partition, long offset,
                                                        byte[] key, byte[] value, Throwable error) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ERROR_CLASS, utf8(error.getClass().getName()));
        String message = String.valueOf(error.getMessage());
        headers.add(ERROR_MESSAGE, utf8(message.length() > MAX_MESSAGE_LENGTH
                ? message.substring(0, MAX_MESSAGE_LENGTH) : message));
        headers.add(SOURCE_TOPIC, utf8(topic));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(partition)));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(offset)));
        headers.add(CONSUMER, utf8(consumer));
        return new ProducerRecord<>(topic + ".dlq", null, key, value, headers);
    }

    /**
     * A letter for a record that was read but failed in processing, when only its decoded key and value are left:
     * an Avro value is re-encoded with Avro's single-object encoding (and says so in {@link #VALUE_ENCODING}).
     */
    public static ProducerRecord<byte[], byte[]> ofProcessed(String consumer, String topic, int partition,
                                                             long offset, Object key, Object value, Throwable error)
            throws IOException {
        ProducerRecord<byte[], byte[]> letter = record(consumer, topic, partition, offset,
                key == null ? null : utf8(key.toString()), encode(value), error);
        if (value instanceof SpecificRecordBase) {
            letter.headers().add(VALUE_ENCODING, utf8("avro-single-object"));
        }
        return letter;
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

    private static byte[] encode(Object value) throws IOException {
        if (value instanceof SpecificRecordBase avro) {
            return bytes(new BinaryMessageEncoder<SpecificRecordBase>(avro.getSpecificData(), avro.getSchema())
                    .encode(avro));
        }
        return value == null ? null : utf8(value.toString());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
