package dev.saferoll.migrations.autoconfigure.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "widgets")
public class Widget {

    @Id
    private Long id;

    @Column(length = 100)
    private String name;

    protected Widget() {
    }

    public Widget(Long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return this.id;
    }

    public String getName() {
        return this.name;
    }
}
