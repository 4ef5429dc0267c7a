package org.sparker.app.io;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * The one JSON mapper of the files the workflows read and write ({@code model.json},
 * {@code result.json}, the eval file): records with snake_case names, indented; on reading,
 * unknown keys, duplicate keys, trailing content, strings for numbers and fractions for whole
 * numbers are errors; on writing, a non-finite number is an error (JSON has none, and a file with
 * {@code "NaN"} in it would be a silent failure).
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .addModule(new SimpleModule("finite-numbers").addSerializer(Double.class, new FiniteDouble())
                    .addSerializer(double.class, new FiniteDouble()).addSerializer(double[].class, new FiniteArray()))
            .build();

    private Json() {
    }

    /** A double, refused when not finite. */
    private static final class FiniteDouble extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        FiniteDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (!Double.isFinite(v)) {
                throw JsonMappingException.from(g, "a non-finite number (" + v + ") cannot be written as JSON");
            }
            g.writeNumber(v);
        }
    }

    /** A double array, every element refused when not finite. */
    private static final class FiniteArray extends StdSerializer<double[]> {
        private static final long serialVersionUID = 1L;

        FiniteArray() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] v, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartArray(v, v.length);
            for (double x : v) {
                if (!Double.isFinite(x)) {
                    throw JsonMappingException.from(g, "a non-finite number (" + x + ") cannot be written as JSON");
                }
                g.writeNumber(x);
            }
            g.writeEndArray();
        }
    }
}
