package io.calamari.server;

import io.calamari.server.user.NewUser;
import io.calamari.server.user.Role;
import io.calamari.server.user.UserService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start without {@code calamari ctl initialize}: when the database has no users at all, creates
 * superuser {@code admin} with a random password written to {@code initial-admin-password} in the data
 * directory (mode 0600), so that one command gives a server one can log in to.
 */
final class InitialAdmin {
    static final String USERNAME = "admin";
    static final String PASSWORD_FILE = "initial-admin-password";
    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final UserService users;
    private final Path dataDirectory;

    InitialAdmin(UserService users, Path dataDirectory) {
        this.users = users;
        this.dataDirectory = dataDirectory;
    }

    void createIfNoUsers() {
        if (!users.list().isEmpty()) {
            return;
        }
        String password = randomPassword();
        // Create first: if another server sharing the database won the race, this throws and the
        // file keeps the winner's password.
        users.create(new NewUser(USERNAME, "", Optional.of(password), Role.SUPERUSER, true));
        Path file = dataDirectory.resolve(PASSWORD_FILE);
        try {
            Files.createDirectories(dataDirectory);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "created superuser '" + USERNAME + "' but cannot write its password to " + file
                            + "; set one with: calamari ctl change-password " + USERNAME,
                    e);
        }
        log.warn(
                "created superuser '{}'; its password is in {} (change it with: calamari ctl change-password {})",
                USERNAME,
                file.toAbsolutePath(),
                USERNAME);
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int index = 0; index < 20; index++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
