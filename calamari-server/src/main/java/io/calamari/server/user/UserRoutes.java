package io.calamari.server.user;

import static java.util.Objects.requireNonNull;

import io.calamari.server.auth.Principal;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.FieldErrors;
import io.calamari.server.http.Access;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.Requests;
import io.calamari.server.http.RouteGroup;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Users, as Calamari's {@code /api/v2/user} (plus {@code role} and {@code enabled}):
 *
 * <pre>
 * GET    /api/v2/user             superuser: [{"id": 1, "username": "admin", "email": "", "role": "superuser", "enabled": true}]
 * POST   /api/v2/user             superuser: {"username": "ops", "password": "…", "role": "readonly"} → 201 user
 * GET    /api/v2/user/{id|me}     yourself, or anyone as superuser
 * PATCH  /api/v2/user/{id|me}     {"password": "…"} your own; superusers also others' and role, enabled
 * PUT    /api/v2/user/{id|me}     same as PATCH
 * DELETE /api/v2/user/{id}        superuser → 204
 * </pre>
 */
public final class UserRoutes implements RouteGroup {
    /** A user as the API shows it. */
    record UserView(long id, String username, String email, String role, boolean enabled) {
        static UserView of(User user) {
            return new UserView(
                    user.id(), user.username(), user.email(), user.role().wireName(), user.enabled());
        }
    }

    private static final Set<String> CREATE_FIELDS = Set.of("username", "email", "password", "role", "enabled");
    private static final Set<String> UPDATE_FIELDS = Set.of("email", "password", "role", "enabled");

    private final UserService users;
    private final Requests requests;

    public UserRoutes(UserService users, Requests requests) {
        this.users = requireNonNull(users, "users");
        this.requests = requireNonNull(requests, "requests");
    }

    @Override
    public void addTo(ApiRouter router) {
        router.get(
                "/api/v2/user",
                Access.SUPERUSER,
                ctx -> ctx.json(users.list().stream().map(UserView::of).toList()));
        router.post("/api/v2/user", Access.SUPERUSER, this::create);
        router.get(
                "/api/v2/user/{id}", Access.ANY_USER, ctx -> ctx.json(UserView.of(users.getAs(actor(ctx), id(ctx)))));
        router.put("/api/v2/user/{id}", Access.ANY_USER, this::update);
        router.patch("/api/v2/user/{id}", Access.ANY_USER, this::update);
        router.delete("/api/v2/user/{id}", Access.SUPERUSER, ctx -> {
            users.delete(actor(ctx), id(ctx));
            ctx.status(204);
        });
    }

    private void create(Context ctx) {
        ObjectNode body = requests.jsonObject(ctx);
        FieldErrors errors = new FieldErrors();
        Requests.allowOnly(body, CREATE_FIELDS, "POST", errors);
        Optional<String> username = Requests.string(body, "username", errors);
        if (username.filter(name -> !name.isEmpty()).isEmpty() && !errors.hasErrorFor("username")) {
            errors.add("username", "This field is required.");
        }
        String email = Requests.string(body, "email", errors).orElse("");
        Optional<String> password = Requests.string(body, "password", errors);
        Role role = role(body, errors).orElse(Role.READ_WRITE);
        boolean enabled = Requests.bool(body, "enabled", errors).orElse(true);
        errors.throwIfAny();
        User user = users.create(new NewUser(username.orElse(""), email, password, role, enabled));
        ctx.status(201).json(UserView.of(user));
    }

    private void update(Context ctx) {
        ObjectNode body = requests.jsonObject(ctx);
        FieldErrors errors = new FieldErrors();
        Requests.allowOnly(body, UPDATE_FIELDS, ctx.method().name(), errors);
        UserChanges changes = new UserChanges(
                Requests.string(body, "password", errors),
                Requests.string(body, "email", errors),
                role(body, errors),
                Requests.bool(body, "enabled", errors));
        errors.throwIfAny();
        ctx.json(UserView.of(users.update(actor(ctx), id(ctx), changes)));
    }

    private static Optional<Role> role(ObjectNode body, FieldErrors errors) {
        Optional<String> name = Requests.string(body, "role", errors);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<Role> role = Role.fromWireName(name.get());
        if (role.isEmpty()) {
            errors.add("role", "\"" + name.get() + "\" is not a valid choice. Choose one of: " + Role.choices() + ".");
        }
        return role;
    }

    private static Actor actor(Context ctx) {
        return Requests.principal(ctx).actor();
    }

    /** The user id of the path: a number, or {@code me} for the logged-in user. */
    private static long id(Context ctx) {
        String id = ctx.pathParam("id");
        if (id.equals("me")) {
            Principal principal = Requests.principal(ctx);
            return principal.user().id();
        }
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw CalamariException.notFound("Not found.");
        }
    }
}
