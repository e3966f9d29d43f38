package dev.saferoll.clinic;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Owners and their pets, read and written through JPA. */
@RestController
class OwnerController {

    private final OwnerRepository owners;

    private final PetRepository pets;

    OwnerController(OwnerRepository owners, PetRepository pets) {
        this.owners = owners;
        this.pets = pets;
    }

    @GetMapping("/owners")
    List<OwnerView> owners() {
        return this.owners.findAllByOrderByLastNameAsc().stream().map(this::view).toList();
    }

    @PostMapping("/owners")
    OwnerView add(@RequestBody NewOwner owner) {
        return view(this.owners.save(new Owner(owner.firstName(), owner.lastName(), owner.email())));
    }

    @GetMapping("/owners/{id}/pets")
    List<String> pets(@PathVariable long id) {
        return this.pets.findAllByOwnerIdOrderByName(id).stream().map(Pet::getName).toList();
    }

    private OwnerView view(Owner owner) {
        return new OwnerView(owner.getId(), owner.getFirstName() + " " + owner.getLastName(), owner.getEmail());
    }

    record OwnerView(Long id, String name, String email) {
    }

    record NewOwner(String firstName, String lastName, String email) {
    }
}
