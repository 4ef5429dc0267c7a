package org.sparker.calibration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says what went wrong with a file in words: the JDK's file-system exceptions carry only the path
 * in their message ({@code AccessDeniedException: /out/x}), which printed after the path reads as
 * the path twice and no reason.
 */
public final class IoErrors {

    private IoErrors() {
    }

    /** The reason, and the path it concerns when the exception names one. */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f) {
            String what = f instanceof AccessDeniedException ? "permission denied"
                    : f instanceof NoSuchFileException ? "no such file or folder"
                    : f instanceof FileAlreadyExistsException ? "already exists"
                    : f instanceof NotDirectoryException ? "not a folder"
                    : f instanceof DirectoryNotEmptyException ? "a folder that is not empty"
                    : f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
            if (f.getReason() != null && !what.equals(f.getReason())) {
                what += ": " + f.getReason();
            }
            if (f.getFile() == null) {
                return what;
            }
            java.nio.file.Path file = java.nio.file.Path.of(f.getFile());
            String name = file.getFileName() == null ? "" : file.getFileName().toString();
            if (name.startsWith(".") && name.endsWith(".tmp") && file.getParent() != null) {
                return what + " in " + file.getParent(); // the hidden file written first: its folder is what matters
            }
            return what + ": " + f.getFile() + (f.getOtherFile() == null ? "" : " → " + f.getOtherFile());
        }
        return String.valueOf(e.getMessage());
    }

    /** {@link #describe(IOException)} of the cause of an {@link UncheckedIOException}. */
    public static String describe(UncheckedIOException e) {
        return describe(e.getCause());
    }
}
