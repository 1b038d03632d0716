package com.greenroom.identity.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import com.greenroom.identity.ApiToken;
import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.FormErrors;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin pages: users with their roles, regions and tokens; regions with their country maps. */
@Controller
class AdminConsole {

	private final Users users;

	private final Regions regions;

	AdminConsole(Users users, Regions regions) {
		this.users = users;
		this.regions = regions;
	}

	@GetMapping("/admin/users")
	String users(Model model) {
		model.addAttribute("users", users.all());
		return "admin/users";
	}

	@GetMapping("/admin/users/new")
	String newUser(Model model) {
		return userForm(model, null, new UserForm("", "", "", List.of(), List.of(), true, ""), Map.of());
	}

	@PostMapping("/admin/users")
	String createUser(@RequestParam Map<String, String> params, @RequestParam(required = false) List<String> roles,
			@RequestParam(required = false) List<String> regionCodes, Model model, RedirectAttributes redirect) {
		UserForm form = new UserForm(params.get("username"), params.get("displayName"), params.get("email"), nonNull(roles),
				nonNull(regionCodes), true, params.get("timeZone"));
		try {
			UserSummary created = users.create(new Users.UserDraft(form.username(), form.displayName(), form.email(),
					Checks.blankToNull(params.get("password")), form.roles(), form.regions(), Checks.blankToNull(form.timeZone())));
			redirect.addFlashAttribute("flash", "Created " + created.username() + ".");
			return "redirect:/admin/users/" + created.id();
		}
		catch (InvalidInputException | ConflictException ex) {
			return userForm(model, null, form, FormErrors.of(ex));
		}
	}

	@GetMapping("/admin/users/{id}")
	String user(@PathVariable long id, Model model) {
		UserSummary user = users.find(id).orElseThrow(() -> new NotFoundException("User", id));
		return userForm(model, user, new UserForm(user.username(), user.displayName(), user.email(),
				user.roles().stream().map(Role::name).toList(), user.regions(), user.enabled(), user.timeZone()), Map.of());
	}

	@PostMapping("/admin/users/{id}")
	String updateUser(@PathVariable long id, @RequestParam Map<String, String> params, @RequestParam(required = false) List<String> roles,
			@RequestParam(required = false) List<String> regionCodes, Model model, RedirectAttributes redirect) {
		UserSummary user = users.find(id).orElseThrow(() -> new NotFoundException("User", id));
		UserForm form = new UserForm(user.username(), params.get("displayName"), params.get("email"), nonNull(roles), nonNull(regionCodes),
				params.containsKey("enabled"), params.get("timeZone"));
		try {
			users.update(id, new Users.UserChanges(form.displayName(), form.email() == null ? "" : form.email(),
					Checks.blankToNull(params.get("password")), form.roles(), form.regions(), form.enabled(),
					form.timeZone() == null ? "" : form.timeZone()));
			redirect.addFlashAttribute("flash", "Saved " + user.username() + ".");
			return "redirect:/admin/users/" + id;
		}
		catch (InvalidInputException | ConflictException ex) {
			return userForm(model, user, form, FormErrors.of(ex));
		}
	}

	/**
	 * Answers the user page with the new secret in it, rather than redirecting with it in a flash
	 * attribute: sessions live in PostgreSQL, and a secret shown once must never be written anywhere.
	 */
	@PostMapping("/admin/users/{id}/tokens")
	String issueToken(@PathVariable long id, @RequestParam(required = false) String name, @RequestParam(required = false) String kind,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		try {
			ApiToken.Issued issued = users.issueToken(id, name, kind, null);
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			model.addAttribute("issued", issued);
			return user(id, model);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("flashError", FormErrors.summary(ex));
			return "redirect:/admin/users/" + id + "#tokens";
		}
	}

	@PostMapping("/admin/users/{id}/tokens/{tokenId}/revoke")
	String revokeToken(@PathVariable long id, @PathVariable long tokenId, RedirectAttributes redirect) {
		ApiToken token = users.revokeToken(id, tokenId);
		redirect.addFlashAttribute("flash", "Revoked token " + token.name() + ".");
		return "redirect:/admin/users/" + id + "#tokens";
	}

	@GetMapping("/admin/regions")
	String regions(Model model) {
		model.addAttribute("regions", regions.all());
		return "admin/regions";
	}

	@GetMapping("/admin/regions/new")
	String newRegion(Model model) {
		return regionForm(model, null, Map.of("code", "", "name", "", "timeZone", "", "countries", ""), Map.of());
	}

	@PostMapping("/admin/regions")
	String createRegion(@RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
		try {
			Region created = regions.create(new Region(upper(params.get("code")), params.get("name"), Checks.blankToNull(params.get("timeZone")),
					countries(params.get("countries"))));
			redirect.addFlashAttribute("flash", "Created region " + created.code() + ".");
			return "redirect:/admin/regions";
		}
		catch (InvalidInputException | ConflictException ex) {
			return regionForm(model, null, params, FormErrors.of(ex));
		}
	}

	@GetMapping("/admin/regions/{code}")
	String region(@PathVariable String code, Model model) {
		Region region = regions.find(code).orElseThrow(() -> new NotFoundException("Region", code));
		return regionForm(model, region, Map.of("code", region.code(), "name", region.name(), "timeZone", region.timeZone(), "countries",
				String.join(", ", region.countries())), Map.of());
	}

	@PostMapping("/admin/regions/{code}")
	String updateRegion(@PathVariable String code, @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
		Region region = regions.find(code).orElseThrow(() -> new NotFoundException("Region", code));
		try {
			regions.update(code, params.get("name"), Checks.blankToNull(params.get("timeZone")), countries(params.get("countries")));
			redirect.addFlashAttribute("flash", "Saved region " + code + ".");
			return "redirect:/admin/regions";
		}
		catch (InvalidInputException | ConflictException ex) {
			Map<String, String> form = new HashMap<>(params);
			form.put("code", code);
			return regionForm(model, region, form, FormErrors.of(ex));
		}
	}

	private String userForm(Model model, UserSummary user, UserForm form, Map<String, String> errors) {
		model.addAttribute("user", user);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("allRoles", Role.values());
		model.addAttribute("allRegions", regions.all());
		model.addAttribute("tokens", user == null ? List.of() : users.tokensOf(user.id()));
		return user == null ? "admin/user-new" : "admin/user";
	}

	private String regionForm(Model model, Region region, Map<String, String> form, Map<String, String> errors) {
		model.addAttribute("region", region);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "admin/region";
	}

	private static List<String> countries(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		return Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isBlank()).map(AdminConsole::upper).toList();
	}

	private static <T> List<T> nonNull(List<T> list) {
		return list == null ? List.of() : list;
	}

	private static String upper(String value) {
		return value == null ? null : value.strip().toUpperCase(java.util.Locale.ROOT);
	}

	/** What the user form shows, including values that failed validation. */
	record UserForm(String username, String displayName, String email, List<String> roles, List<String> regions, boolean enabled,
			String timeZone) {
	}
}
