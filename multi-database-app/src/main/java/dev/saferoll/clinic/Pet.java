package dev.saferoll.clinic;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** A pet; {@code pets.id} is an integer identity key ({@code increments("id")}). */
@Entity
@Table(name = "pets")
public class Pet {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Integer id;

    @Column(nullable = false, length = 30)
    private String name = "";

    @Column(name = "birth_date")
    private @Nullable LocalDate birthDate;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "owner_id")
    private @Nullable Owner owner;

    protected Pet() {
    }

    public Pet(String name, @Nullable LocalDate birthDate, Owner owner) {
        this.name = name;
        this.birthDate = birthDate;
        this.owner = owner;
    }

    public @Nullable Integer getId() {
        return this.id;
    }

    public String getName() {
        return this.name;
    }

    public @Nullable LocalDate getBirthDate() {
        return this.birthDate;
    }
}
