package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.http.HttpClient;

import generated.greenroom.client.ApiClient;
import generated.greenroom.client.ApiException;
import generated.greenroom.client.api.CreatorsApi;
import generated.greenroom.client.model.Creator;
import generated.greenroom.client.model.CreatorChanges;
import generated.greenroom.client.model.CreatorDraft;
import generated.greenroom.client.model.PageOfRosterEntry;
import generated.greenroom.client.model.RosterEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A Java client generated at build time from the OpenAPI document (openapi-generator, native HttpClient and
 * Jackson) works against the running server, exactly as an integrator would use it.
 */
@IntegrationTest
class ApiClientIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	CreatorsApi creators;

	@BeforeEach
	void connect() {
		data.reset();
		ApiClient client = new ApiClient(HttpClient.newBuilder(), ApiClient.createDefaultObjectMapper(), api.baseUrl());
		client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + TestData.ADMIN_TOKEN));
		creators = new CreatorsApi(client);
	}

	@Test
	void aGeneratedClientListsCreatesGetsAndPatchesCreators() throws ApiException {
		data.creator("c-1", "luna", "BR");

		PageOfRosterEntry page = creators.listCreators("LATAM", null, null, null, null, null, null, null, null, null, null, null, 10);
		assertThat(page.getItems()).extracting(RosterEntry::getCreatorId).containsExactly("c-1");

		var created = creators.createCreatorWithHttpInfo(new CreatorDraft().creatorId("c-2").handle("sol").country("MX"));
		assertThat(created.getStatusCode()).isEqualTo(201);
		assertThat(created.getHeaders().get("location")).containsExactly("/api/v1/creators/c-2");
		assertThat(created.getData().getRegionCode()).isEqualTo("LATAM");

		Creator fetched = creators.getCreator("c-2");
		assertThat(fetched.getHandle()).isEqualTo("sol");
		assertThat(fetched.getStatus()).isEqualTo(Creator.StatusEnum.ACTIVE);

		Creator patched = creators.updateCreator("c-2", new CreatorChanges().handle("sol.live").notes("prefers email"), null);
		assertThat(patched.getHandle()).isEqualTo("sol.live");
		assertThat(patched.getNotes()).isEqualTo("prefers email");
		assertThat(patched.getCountry()).as("absent fields stay").isEqualTo("MX");
	}

	@Test
	void aGeneratedClientPatchesOnlyWhatItReadWhenItSendsTheETag() throws ApiException {
		data.creator("c-1", "luna", "BR");
		String tag = creators.getCreatorWithHttpInfo("c-1").getHeaders().get("etag").get(0);

		creators.updateCreator("c-1", new CreatorChanges().notes("first"), tag);
		ApiException stale = catchThrowableOfType(ApiException.class,
				() -> creators.updateCreator("c-1", new CreatorChanges().notes("second"), tag));

		assertThat(stale.getCode()).isEqualTo(412);
		assertThat(creators.getCreator("c-1").getNotes()).isEqualTo("first");
	}

	@Test
	void aGeneratedClientSeesAMissingCreatorAsA404Problem() {
		ApiException missing = catchThrowableOfType(ApiException.class, () -> creators.getCreator("nobody"));

		assertThat(missing.getCode()).isEqualTo(404);
		assertThat(missing.getResponseHeaders().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(missing.getResponseBody()).contains("\"instance\":\"/api/v1/creators/nobody\"");
	}
}
