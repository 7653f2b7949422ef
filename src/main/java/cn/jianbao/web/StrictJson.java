package cn.jianbao.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.temporal.TemporalAccessor;
import org.springframework.stereotype.Component;

/**
 * JSON as our API reads it (Spring Boot adds this module to its ObjectMapper): a text field takes
 * only a JSON string, without control characters, and a date or time only a string within sane
 * years. Jackson would otherwise take {@code "title": 123} as "123" and {@code "eventTime": 1e308}
 * as seconds since 1970 (stored as 1970, the item 20,787 days late). Refusals name the field.
 */
@Component
public class StrictJson extends SimpleModule {

    public StrictJson() {
        super("jianbao-strict-json");
        addDeserializer(String.class, new Text());
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return TemporalAccessor.class.isAssignableFrom(description.getBeanClass())
                        ? new Dated(deserializer) : deserializer;
            }
        });
    }

    /** The field a value stands in, as a path ("title", "distribution/0/name"); "body" for the whole. */
    static String field(JsonParser p) {
        String pointer = p.getParsingContext().pathAsPointer().toString();
        return pointer.isEmpty() ? "body" : pointer.substring(1);
    }

    static final class Text extends StdScalarDeserializer<String> {

        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                return Inputs.text(field(p), p.getText());
            }
            if (p.hasToken(JsonToken.VALUE_NULL)) {
                return null;
            }
            throw new BadRequestException(field(p), "“" + field(p) + "”应为文字（用引号括起），不能是数字、是非值、列表或对象。");
        }

        @Override
        public String getNullValue(DeserializationContext context) {
            return null;
        }
    }

    static final class Dated extends DelegatingDeserializer {

        Dated(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Dated(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                throw new BadRequestException(field(p), "“" + field(p)
                        + "”应为日期文字，如 2026-01-31 或 2026-01-31T09:30:00+08:00，不能是数字。");
            }
            String field = field(p);
            Object value = super.deserialize(p, context);
            return value instanceof TemporalAccessor t ? Inputs.year(field, t) : value;
        }
    }
}
