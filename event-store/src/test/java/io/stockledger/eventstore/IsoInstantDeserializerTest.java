package io.stockledger.eventstore;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import io.stockledger.eventstore.timestamp.UtcInstants;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IsoInstantDeserializerTest {

    /** Jackson's own reading of instants, as the storage mapper had it before. */
    private static final ObjectMapper JACKSON = new ObjectMapper().findAndRegisterModules();
    private static final ObjectMapper STORAGE = SerializerConfiguration.storageObjectMapper();

    @Test
    void everyInstantWrittenTheWayInstantWritesItReadsBackTheSame() throws Exception {
        Random random = new Random(20261207);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        int[] fractionDigits = {0, 3, 6, 9};
        for (int i = 0; i < 50_000; i++) {
            long second = first + (long) (random.nextDouble() * (last - first));
            int digits = fractionDigits[i % fractionDigits.length];
            int nanos = digits == 0 ? 0 : random.nextInt(1_000_000_000) / (int) Math.pow(10, 9 - digits)
                    * (int) Math.pow(10, 9 - digits);
            Instant instant = Instant.ofEpochSecond(second, nanos);
            String text = instant.toString();

            assertThat(UtcInstants.parse(text)).as(text).isEqualTo(instant);
            assertThat(STORAGE.readValue(json(text), Instant.class)).as(text).isEqualTo(instant);
        }
    }

    @Test
    void fractionsOfAnyLengthReadAsJacksonReadsThem() throws Exception {
        for (String text : List.of("2026-12-07T07:26:18.5Z", "2026-12-07T07:26:18.05Z", "2026-12-07T07:26:18.1234Z",
                "2026-12-07T07:26:18.12345678Z", "2026-12-07T07:26:18.000000001Z")) {
            assertThat(UtcInstants.parse(text)).as(text).isNotNull();
            assertThat(STORAGE.readValue(json(text), Instant.class)).as(text)
                    .isEqualTo(JACKSON.readValue(json(text), Instant.class));
        }
    }

    /** What the fast path does not take is Jackson's: the same instant, or the same refusal. */
    @Test
    void everyOtherShapeIsReadOrRefusedExactlyAsJacksonDoes() {
        List<String> others = List.of(json("2026-12-07T07:26:18+01:00"), json("2026-12-07t07:26:18z"),
                json("2026-12-31T23:59:60Z"), json("2026-12-07T24:00:00Z"), json("+12026-12-07T07:26:18Z"),
                json("2026-02-30T00:00:00Z"), json("2026-12-07T07:26:18.Z"), json("2026-12-07 07:26:18Z"),
                json("2026-13-07T07:26:18Z"), json("2026-12-07T07:61:18Z"), json(" 2026-12-07T07:26:18Z "),
                json("2026-12-07T07:26:18.1234567890Z"), json("2026-12-07T07:26Z"), json(""), json("soon"),
                "1765093578.123456789", "1765093578", "null");
        for (String value : others) {
            Object ours = readOrFailure(STORAGE, value);
            Object jacksons = readOrFailure(JACKSON, value);
            assertThat(ours).as(value).isEqualTo(jacksons);
        }
        assertThat(UtcInstants.parse("2026-12-07T07:26:18+01:00")).isNull();
        assertThat(UtcInstants.parse("2026-02-30T00:00:00Z")).isNull();
        assertThat(UtcInstants.parse("2026-12-31T23:59:60Z")).isNull();
    }

    @Test
    void everyStorageSerializerReadsInstantsThisWay() throws Exception {
        for (var serializer : StorageSerializers.all()) {
            ObjectMapper mapper = ((JacksonSerializer) serializer).getObjectMapper();
            DeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                    .createInstance(mapper.getDeserializationConfig(), null, null);
            assertThat(context.findRootValueDeserializer(mapper.constructType(Instant.class)))
                    .isInstanceOf(IsoInstantDeserializer.class);
        }
    }

    private static String json(String text) {
        return "\"" + text + "\"";
    }

    /** The instant read, or the failure's class. */
    private static Object readOrFailure(ObjectMapper mapper, String value) {
        try {
            return String.valueOf(mapper.readValue(value, Instant.class));
        } catch (Exception e) {
            return e.getClass();
        }
    }
}
