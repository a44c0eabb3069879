package io.calamari.server.user;

import static java.util.Objects.requireNonNull;

import io.calamari.server.error.CalamariException;
import io.calamari.server.error.FieldErrors;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Users and their rules: validation, who may change whom, and that one enabled superuser always
 * remains. Used by the API and by calamari-ctl alike. Thread-safe.
 */
public final class UserService {
    public static final int MINIMUM_PASSWORD_LENGTH = 8;
    private static final Pattern USERNAME = Pattern.compile("[\\w.@+-]{1,150}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final UserStore store;
    private final PasswordHasher hasher;
    private final Clock clock;

    public UserService(UserStore store, PasswordHasher hasher, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.hasher = requireNonNull(hasher, "hasher");
        this.clock = requireNonNull(clock, "clock");
    }

    public User create(NewUser request) {
        FieldErrors errors = new FieldErrors();
        checkUsername(request.username(), errors);
        checkEmail(request.email(), errors);
        request.password().ifPresent(password -> checkPassword(password, errors));
        errors.throwIfAny();
        if (store.findByUsername(request.username()).isPresent()) {
            throw CalamariException.conflict("A user with that username already exists.");
        }
        String hash = request.password().map(hasher::hash).orElse(null);
        return store.create(
                request.username(), request.email(), hash, request.role(), request.enabled(), clock.instant());
    }

    public List<User> list() {
        return store.list();
    }

    public User get(long id) {
        return store.findById(id).orElseThrow(() -> CalamariException.notFound("Not found."));
    }

    public Optional<User> findById(long id) {
        return store.findById(id);
    }

    public Optional<User> findByUsername(String username) {
        return store.findByUsername(username);
    }

    public User getByUsername(String username) {
        return store.findByUsername(username)
                .orElseThrow(() -> CalamariException.notFound("User '" + username + "' does not exist."));
    }

    /** What {@code actor} may see: themselves, or anyone when a superuser. */
    public User getAs(Actor actor, long id) {
        if (!actor.isSuperuser() && actor.userId() != id) {
            throw CalamariException.forbidden("You do not have permission to perform this action.");
        }
        return get(id);
    }

    /**
     * Applies {@code changes} to user {@code id} on behalf of {@code actor}: anyone may change their own
     * password and e-mail; only a superuser may change other users, roles and the enabled flag. A new
     * password ends the user's other sessions.
     */
    public User update(Actor actor, long id, UserChanges changes) {
        if (!actor.isSuperuser() && actor.userId() != id) {
            throw CalamariException.forbidden("May not change another user's password");
        }
        if (!actor.isSuperuser()
                && (changes.role().isPresent() || changes.enabled().isPresent())) {
            throw CalamariException.forbidden("Only a superuser may change roles or enable and disable users.");
        }
        User user = get(id);
        FieldErrors errors = new FieldErrors();
        changes.email().ifPresent(email -> checkEmail(email, errors));
        changes.password().ifPresent(password -> checkPassword(password, errors));
        errors.throwIfAny();
        boolean losesSuperuser = user.role() == Role.SUPERUSER
                && user.enabled()
                && (changes.role().filter(role -> role != Role.SUPERUSER).isPresent()
                        || changes.enabled().filter(enabled -> !enabled).isPresent());
        if (losesSuperuser) {
            requireAnotherSuperuser();
        }
        Optional<String> keepSession = actor.userId() == id ? actor.sessionTokenHash() : Optional.empty();
        changes.password()
                .ifPresent(password -> store.updatePassword(id, hasher.hash(password), clock.instant(), keepSession));
        changes.email().ifPresent(email -> store.updateEmail(id, email));
        changes.role().ifPresent(role -> store.updateRole(id, role));
        changes.enabled().ifPresent(enabled -> store.updateEnabled(id, enabled));
        return get(id);
    }

    public void rename(long id, String newUsername) {
        FieldErrors errors = new FieldErrors();
        checkUsername(newUsername, errors);
        errors.throwIfAny();
        get(id);
        if (store.findByUsername(newUsername).isPresent()) {
            throw CalamariException.conflict("A user with that username already exists.");
        }
        store.rename(id, newUsername);
    }

    public void delete(Actor actor, long id) {
        if (!actor.isSuperuser()) {
            throw CalamariException.forbidden("You do not have permission to perform this action.");
        }
        if (actor.userId() == id) {
            throw CalamariException.conflict("You cannot delete your own account.");
        }
        User user = get(id);
        if (user.role() == Role.SUPERUSER && user.enabled()) {
            requireAnotherSuperuser();
        }
        store.delete(id);
    }

    /**
     * The enabled user with this name and password, if both match. Takes the same time whether or not
     * the user exists.
     */
    public Optional<User> authenticate(String username, String password) {
        Optional<User> user = store.findByUsername(username);
        Optional<String> hash = user.flatMap(User::passwordHash);
        if (hash.isEmpty()) {
            hasher.matchDecoy(password);
            return Optional.empty();
        }
        if (!hasher.matches(password, hash.get())) {
            return Optional.empty();
        }
        return user.filter(User::enabled);
    }

    public boolean hasEnabledSuperuser() {
        return store.countEnabledSuperusers() > 0;
    }

    private void requireAnotherSuperuser() {
        if (store.countEnabledSuperusers() <= 1) {
            throw CalamariException.conflict("At least one enabled superuser must remain.");
        }
    }

    private static void checkUsername(String username, FieldErrors errors) {
        if (username.isEmpty()) {
            errors.add("username", "This field is required.");
        } else if (username.length() > 150) {
            errors.add("username", "Ensure this field has no more than 150 characters.");
        } else if (!USERNAME.matcher(username).matches()) {
            errors.add(
                    "username",
                    "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.");
        }
    }

    private static void checkEmail(String email, FieldErrors errors) {
        if (!email.isEmpty() && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            errors.add("email", "Enter a valid email address.");
        }
    }

    private static void checkPassword(String password, FieldErrors errors) {
        if (password.length() < MINIMUM_PASSWORD_LENGTH) {
            errors.add("password", "Ensure this field has at least " + MINIMUM_PASSWORD_LENGTH + " characters.");
        }
    }
}
