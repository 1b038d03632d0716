package com.greenroom.audit;

import com.greenroom.system.PageOf;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The admin's audit log page. */
@Controller
class AuditConsole {

	private final AuditLog audit;

	AuditConsole(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/admin/audit")
	String audit(@RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String cursor, Model model) {
		AuditLog.AuditQuery query = new AuditLog.AuditQuery(entityType, entityId, actor);
		PageOf<AuditEntry> page = audit.search(query, cursor, 50);
		model.addAttribute("page", page);
		model.addAttribute("query", query);
		return "admin/audit";
	}

}
