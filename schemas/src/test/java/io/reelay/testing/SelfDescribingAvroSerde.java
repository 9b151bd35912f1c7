package io.reelay.testing;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * An Avro serde for tests that runs without a schema registry: a value is written as its class name followed by
 * its Avro binary, so the reader knows which generated class to decode into. It stands in where the configured
 * serde class would otherwise be the registry-backed one.
 */
public class SelfDescribingAvroSerde extends Serdes.WrapperSerde<SpecificRecord> {

    public SelfDescribingAvroSerde() {
        super(new Writer(), new Reader());
    }

    @SuppressWarnings("unchecked")
    public static <V> Serde<V> forValues() {
        return (Serde<V>) new SelfDescribingAvroSerde();
    }

    /** The serializer half, usable on its own as a producer's value.serializer. */
    public static class Writer implements Serializer<SpecificRecord> {

        @Override
        public byte[] serialize(String topic, SpecificRecord value) {
            if (value == null) {
                return null;
            }
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                new DataOutputStream(bytes).writeUTF(value.getClass().getName());
                BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
                new SpecificDatumWriter<SpecificRecord>(value.getSchema(), SpecificData.getForClass(value.getClass()))
                        .write(value, encoder);
                encoder.flush();
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new SerializationException(e);
            }
        }
    }

    /** The deserializer half, usable on its own as a consumer's value.deserializer. */
    public static class Reader implements Deserializer<SpecificRecord> {

        @Override
        public SpecificRecord deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            try {
                ByteArrayInputStream bytes = new ByteArrayInputStream(data);
                Class<?> type = Class.forName(new DataInputStream(bytes).readUTF());
                SpecificData model = SpecificData.getForClass(type);
                BinaryDecoder decoder = DecoderFactory.get().directBinaryDecoder(bytes, null);
                return new SpecificDatumReader<SpecificRecord>(model.getSchema(type), model.getSchema(type), model)
                        .read(null, decoder);
            } catch (IOException | ClassNotFoundException e) {
                throw new SerializationException(e);
            }
        }
    }
}
