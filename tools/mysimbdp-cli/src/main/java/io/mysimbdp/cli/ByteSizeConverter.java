package io.mysimbdp.cli;

import io.mysimbdp.common.profile.ByteSize;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --size 10MiB}: picocli prefixes our message with the option name, so users see both. */
public final class ByteSizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        long bytes;
        try {
            bytes = ByteSize.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
        if (bytes <= 0) {
            throw new TypeConversionException("'" + value + "' must be more than 0 bytes");
        }
        return bytes;
    }
}
