package com.greenroom.system;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Requests the security firewall refuses (paths with {@code //}, {@code %2e}, {@code ;}, encoded
 * slashes...) end on the error page like every other error: a 400 problem, or the console's page.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected) throws IOException {
		request.setAttribute(ProblemErrorController.REJECTION, "The request URL is not allowed: paths may not contain '//', "
				+ "'.' or '..' segments (also encoded), ';', encoded slashes or backslashes");
		response.sendError(HttpStatus.BAD_REQUEST.value());
	}
}
