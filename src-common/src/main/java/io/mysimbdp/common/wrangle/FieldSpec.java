package io.mysimbdp.common.wrangle;

import java.util.Set;

/**
 * How one field of {@code fields} is read: its type, the declared format of its text, and the
 * spellings that mean "no value". The short form {@code price: double} is a spec with the
 * type's plain format. Built by {@link FieldSpecs#parse}; immutable.
 *
 * @param type     the stored type
 * @param format   the format's name as declared ({@code plain} for the short form)
 * @param expected what a value must look like, for refusal reasons (e.g. {@code an en-US amount like $1,234.56})
 * @param missing  texts read as "no value" (the field is left out, as for an empty cell)
 * @param reader   the conversion
 */
public record FieldSpec(FieldType type, String format, String expected, Set<String> missing, ValueReader reader) {
    public static final String PLAIN = "plain";

    public FieldSpec {
        missing = Set.copyOf(missing);
    }

    /** The short form: the type's own reading. */
    public static FieldSpec of(FieldType type) {
        return new FieldSpec(type, PLAIN, type.configName(), Set.of(), type::convert);
    }

    /** The value as stored, or why it does not fit (the reason says what was expected). */
    public Object read(Object value) throws FieldType.BadValue {
        return reader.read(value);
    }

    /** True when the text is one of the declared "no value" spellings. */
    public boolean isMissing(Object value) {
        return !missing.isEmpty() && value instanceof String s && missing.contains(s.strip());
    }

    /** One conversion; pure. */
    @FunctionalInterface
    public interface ValueReader {
        Object read(Object value) throws FieldType.BadValue;
    }
}
