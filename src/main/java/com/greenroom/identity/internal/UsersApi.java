package com.greenroom.identity.internal;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.ApiToken;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.system.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin-only: users, their roles and regions, and their API tokens. */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users", description = "Users, roles, regions and API tokens (admin only)")
@SecurityRequirement(name = "bearer")
class UsersApi {

	private final Users users;

	UsersApi(Users users) {
		this.users = users;
	}

	@GetMapping
	@Operation(summary = "List users")
	List<UserSummary> list() {
		return users.all();
	}

	@PostMapping
	@Operation(summary = "Create a user")
	ResponseEntity<UserSummary> create(@RequestBody Users.UserDraft draft) {
		UserSummary created = users.create(draft);
		return ResponseEntity.created(URI.create("/api/v1/users/" + created.id())).body(created);
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a user")
	UserSummary get(@PathVariable long id) {
		return users.find(id).orElseThrow(() -> new NotFoundException("User", id));
	}

	@PatchMapping("/{id}")
	@Operation(summary = "Change a user's name, email, password, roles, regions or enabled flag; absent fields stay")
	UserSummary update(@PathVariable long id, @RequestBody Users.UserChanges changes) {
		return users.update(id, changes);
	}

	@GetMapping("/{id}/tokens")
	@Operation(summary = "List a user's API tokens (secrets are never shown again)")
	List<ApiToken> tokens(@PathVariable long id) {
		get(id);
		return users.tokensOf(id);
	}

	@PostMapping("/{id}/tokens")
	@Operation(summary = "Issue an API token; the secret is in this response only")
	ResponseEntity<ApiToken.Issued> issue(@PathVariable long id, @RequestBody TokenRequest request) {
		ApiToken.Issued issued = users.issueToken(id, request.name(), request.kind(), null);
		return ResponseEntity.created(URI.create("/api/v1/users/" + id + "/tokens/" + issued.token().id())).body(issued);
	}

	@DeleteMapping("/{id}/tokens/{tokenId}")
	@Operation(summary = "Revoke an API token")
	ApiToken revoke(@PathVariable long id, @PathVariable long tokenId) {
		return users.revokeToken(id, tokenId);
	}

	record TokenRequest(String name, String kind) {
	}
}
