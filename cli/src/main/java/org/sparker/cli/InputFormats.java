package org.sparker.cli;

/** The words every input option's help ends with: the formats {@code DataFiles} reads. */
final class InputFormats {

    /** Appended to the description of every option that names a data file. */
    static final String ANY = " Formats: npy, csv, an HDF5 dataset (file.h5:/ds) or an npz member (file.npz:name).";

    private InputFormats() {
    }
}
