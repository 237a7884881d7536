package dev.ebpfmon.sink.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The secret that {@code POST} requests must present as {@code Authorization: Bearer <token>}. It
 * lives in a file only its owner can read, so that being able to read the file is the permission
 * to change the agent.
 */
final class ApiToken {
    private static final int TOKEN_BYTES = 32;
    private static final int MAX_FILE_BYTES = 4096;
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final byte[] token;

    private ApiToken(String token) {
        this.token = token.getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads the token file, or creates it with a fresh random token when there is none. */
    static ApiToken loadOrCreate(Path file) throws TokenFileException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            try {
                return create(file);
            } catch (FileAlreadyExistsException raced) {
                // Another process created it in between; read theirs.
            } catch (IOException | UnsupportedOperationException e) {
                throw new TokenFileException("cannot create the API token file " + file + ": " + e.getMessage(), e);
            }
        }
        return read(file);
    }

    /** Whether an {@code Authorization} header carries this token; compares in constant time. */
    boolean accepts(String authorization) {
        if (authorization == null) {
            return false;
        }
        String prefix = "Bearer ";
        if (authorization.length() <= prefix.length()
                || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return false;
        }
        byte[] presented = authorization.substring(prefix.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, token);
    }

    private static ApiToken create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        byte[] random = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        // CREATE_NEW with the mode as an attribute: the file never exists with wider permissions.
        try (SeekableByteChannel channel = Files.newByteChannel(file,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer bytes = ByteBuffer.wrap((token + "\n").getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
        return new ApiToken(token);
    }

    private static ApiToken read(Path file) throws TokenFileException {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new TokenFileException("the API token file " + file + " is not a regular file");
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (mode.stream().anyMatch(NOT_OWNER::contains)) {
                throw new TokenFileException("the API token file " + file + " is accessible by group or others (mode "
                        + PosixFilePermissions.toString(mode) + "); run 'chmod 600 " + file + "' or delete it");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new TokenFileException("the API token file " + file + " is larger than "
                        + MAX_FILE_BYTES + " bytes; it should hold one token");
            }
            String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                throw new TokenFileException("the API token file " + file
                        + " must hold one token of printable characters without spaces");
            }
            return new ApiToken(token);
        } catch (TokenFileException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            throw new TokenFileException("cannot read the API token file " + file + ": " + e.getMessage(), e);
        }
    }
}
