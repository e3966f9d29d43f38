package dev.saferoll.clinic;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** A pet owner; {@code owners.id} is a bigint identity key ({@code id()}). */
@Entity
@Table(name = "owners")
public class Owner {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(name = "first_name", nullable = false, length = 30)
    private String firstName = "";

    @Column(name = "last_name", nullable = false, length = 30)
    private String lastName = "";

    @Column(nullable = false, unique = true)
    private String email = "";

    protected Owner() {
    }

    public Owner(String firstName, String lastName, String email) {
        this.firstName = firstName;
        this.lastName = lastName;
        this.email = email;
    }

    public @Nullable Long getId() {
        return this.id;
    }

    public String getFirstName() {
        return this.firstName;
    }

    public String getLastName() {
        return this.lastName;
    }

    public String getEmail() {
        return this.email;
    }
}
