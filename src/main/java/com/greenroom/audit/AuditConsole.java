package com.greenroom.audit;

import java.util.List;

import com.greenroom.system.PageOf;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The admin's audit log page. */
@Controller
class AuditConsole {

	static final int PAGE_SIZE = 50;

	/** An entry with its changed fields, as the page shows it. */
	record Row(AuditEntry entry, List<AuditDiff.FieldChange> changes) {
	}

	private final AuditLog audit;

	AuditConsole(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/admin/audit")
	String audit(@RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String cursor, Model model) {
		AuditLog.AuditQuery query = new AuditLog.AuditQuery(entityType, entityId, actor);
		PageOf<AuditEntry> page = audit.search(query, cursor, PAGE_SIZE);
		model.addAttribute("rows", page.items().stream().map(e -> new Row(e, AuditDiff.between(e.before(), e.after()))).toList());
		model.addAttribute("page", page);
		model.addAttribute("query", query);
		model.addAttribute("entityTypes", audit.entityTypes());
		model.addAttribute("firstPage", cursor == null || cursor.isBlank());
		return "admin/audit";
	}

}
