package dev.saferoll.clinic;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface PetRepository extends JpaRepository<Pet, Integer> {

    List<Pet> findAllByOwnerIdOrderByName(Long ownerId);
}
