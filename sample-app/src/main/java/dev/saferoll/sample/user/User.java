package dev.saferoll.sample.user;

import org.jspecify.annotations.Nullable;

/** A user, as the migrations shape the {@code users} table. */
public record User(long id, String email, String name, @Nullable String nickname, String role) {
}
