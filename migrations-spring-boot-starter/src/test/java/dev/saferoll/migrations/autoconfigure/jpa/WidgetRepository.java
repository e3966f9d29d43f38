package dev.saferoll.migrations.autoconfigure.jpa;

import org.springframework.data.jpa.repository.JpaRepository;

public interface WidgetRepository extends JpaRepository<Widget, Long> {
}
