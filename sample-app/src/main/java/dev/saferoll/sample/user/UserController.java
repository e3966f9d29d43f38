package dev.saferoll.sample.user;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Users: the {@code users} table the User migrations create. */
@RestController
@RequestMapping("/api/users")
class UserController {

    private static final String SELECT = "SELECT id, email, name, nickname, role FROM users";

    private final JdbcClient jdbc;

    UserController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    List<User> list() {
        return this.jdbc.sql(SELECT + " ORDER BY id").query(User.class).list();
    }

    @GetMapping("/{id}")
    User get(@PathVariable long id) {
        return this.jdbc.sql(SELECT + " WHERE id = ?")
            .param(id)
            .query(User.class)
            .optional()
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No user with id " + id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    User create(@RequestBody NewUser user) {
        if (user.email() == null || !user.email().contains("@") || user.name() == null || user.name().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "email and name are required");
        }
        return this.jdbc.sql("INSERT INTO users (email, name, nickname, created_at, updated_at) "
                + "VALUES (?, ?, ?, now(), now()) RETURNING id, email, name, nickname, role")
            .params(user.email().trim().toLowerCase(Locale.ROOT), user.name().trim(), user.nickname())
            .query(User.class)
            .single();
    }

    record NewUser(@Nullable String email, @Nullable String name, @Nullable String nickname) {
    }
}
