package com.greenroom.playbooks;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.tasks.TaskDraft;
import com.greenroom.tasks.TaskSource;
import com.greenroom.tasks.Tasks;
import org.springframework.stereotype.Component;

/**
 * Where a playbook's work goes. A task lives in a region: the request's or variant's region, else (global
 * work) the owner's first region, else the first region. The owner gets it if they can own work there;
 * otherwise the region's leads may claim it, or admins when a global playbook has no owner.
 */
@Component
class OwnerRouting {

	private final Users users;

	private final Regions regions;

	private final Tasks tasks;

	OwnerRouting(Users users, Regions regions, Tasks tasks) {
		this.users = users;
		this.regions = regions;
		this.tasks = tasks;
	}

	TaskDraft task(Playbook playbook, String region, String title, TaskSource source, Instant due) {
		Optional<UserSummary> owner = Optional.ofNullable(playbook.ownerId()).flatMap(users::find).filter(UserSummary::enabled);
		String taskRegion = region != null ? region
				: playbook.region() != null ? playbook.region()
						: owner.flatMap(o -> o.regions().stream().sorted().findFirst())
							.orElseGet(() -> regions.all().stream().map(Region::code).sorted(Comparator.naturalOrder()).findFirst().orElseThrow());
		Long ownerId = owner.map(UserSummary::id).filter(o -> tasks.canOwn(o, taskRegion)).orElse(null);
		Role role = ownerId != null ? null
				: playbook.ownerId() == null && region == null && playbook.region() == null ? Role.ADMIN : Role.REGIONAL_LEAD;
		String shortTitle = title.length() > 200 ? title.substring(0, 199) + "…" : title;
		return new TaskDraft(shortTitle, source, null, taskRegion, ownerId, role, due);
	}
}
