package org.sparker.app.io;

import java.util.Locale;

import io.jhdf.exceptions.HdfException;
import io.jhdf.filter.Filter;

/**
 * HDF5's Fletcher-32 chunk checksum, verified. jhdf's own filter for it returns the chunk without
 * looking at the checksum, so a damaged chunk would be read as numbers; this one replaces it
 * (registered by {@link Hdf5Files}) and refuses a chunk whose stored checksum does not match. The
 * sum is HDF5's {@code H5_checksum_fletcher32} (16-bit big-endian words, both sums folded every
 * 360 words); the stored value is little-endian, and files of HDF5 1.6 and older stored it byte-
 * reversed, which is accepted too, as the HDF5 library accepts it.
 */
final class Fletcher32 implements Filter {

    /** HDF5's filter identifier for Fletcher-32. */
    static final int ID = 3;

    @Override
    public int getId() {
        return ID;
    }

    @Override
    public String getName() {
        return "fletcher32";
    }

    @Override
    public byte[] decode(byte[] encoded, int[] filterData) {
        if (encoded.length < 4) {
            throw new HdfException("a Fletcher-32 chunk of " + encoded.length + " bytes has no room for its checksum");
        }
        int n = encoded.length - 4;
        long stored = (encoded[n] & 0xffL) | (encoded[n + 1] & 0xffL) << 8 | (encoded[n + 2] & 0xffL) << 16
                | (encoded[n + 3] & 0xffL) << 24;
        long reversed = (encoded[n + 3] & 0xffL) | (encoded[n + 2] & 0xffL) << 8 | (encoded[n + 1] & 0xffL) << 16
                | (encoded[n] & 0xffL) << 24;
        long sum = checksum(encoded, n);
        if (sum != stored && sum != reversed) {
            throw new HdfException(String.format(Locale.ROOT, "a chunk's Fletcher-32 checksum does not match (stored %08x, "
                    + "computed %08x): the file is damaged", stored, sum));
        }
        // jhdf's filter hands on the chunk with its checksum bytes; readers take only the data's length
        return encoded;
    }

    /** {@code H5_checksum_fletcher32} of the first {@code length} bytes of {@code data}. */
    static long checksum(byte[] data, int length) {
        long sum1 = 0;
        long sum2 = 0;
        int words = length / 2;
        int i = 0;
        while (words > 0) {
            int block = Math.min(360, words);
            words -= block;
            for (int w = 0; w < block; w++, i += 2) {
                sum1 += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
                sum2 += sum1;
            }
            sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
            sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
        }
        if (length % 2 != 0) {
            sum1 += (data[i] & 0xff) << 8;
            sum2 += sum1;
            sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
            sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
        }
        sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
        sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
        return (sum2 << 16) | sum1;
    }
}
