package com.greenroom.system;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Describes the API at /v3/api-docs (browsable at /swagger-ui.html) so that client generators produce a
 * usable client: stable operation ids, no internal arguments, shared problem responses, 201 with Location,
 * ETag and If-Match, and schemas that say what is always present. Everything here applies to every
 * endpoint, including ones added later, without touching their controllers.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String PROBLEM_SCHEMA = "ProblemDetail";

	static final String MERGE_PATCH = "application/merge-patch+json";

	@Bean
	OpenAPI greenroomOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Greenroom API")
				.version("v1")
				.description("Creator operations for live-streaming platforms. Authenticate with 'Authorization: Bearer <token>'. "
						+ "Errors are RFC 9457 problem details (application/problem+json); lists are cursor-paginated (pass "
						+ "nextCursor back as cursor). Single resources carry an ETag; send it back as If-Match on PATCH or PUT "
						+ "to change only what you read (412 otherwise)."))
			// a fixed server, so the document does not change with the port it was read from
			.servers(List.of(new io.swagger.v3.oas.models.servers.Server().url("http://localhost:8080")
				.description("Greenroom started with its defaults; use your own address")))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description("Greenroom API token")));
	}

	/**
	 * Arguments that an application-registered resolver supplies (the caller's {@code Viewer}, for one)
	 * are not request parameters: hide their types from the document, whichever module declares them.
	 */
	@Bean
	static SmartInitializingSingleton hideResolvedArguments(
			@Qualifier("requestMappingHandlerMapping") org.springframework.beans.factory.ObjectProvider<RequestMappingHandlerMapping> mapping,
			org.springframework.beans.factory.ObjectProvider<RequestMappingHandlerAdapter> adapter) {
		return () -> {
			List<HandlerMethodArgumentResolver> resolvers = adapter.getObject().getCustomArgumentResolvers();
			if (resolvers == null || resolvers.isEmpty()) {
				return;
			}
			Set<Class<?>> hidden = new HashSet<>();
			for (HandlerMethod method : mapping.getObject().getHandlerMethods().values()) {
				for (MethodParameter parameter : method.getMethodParameters()) {
					if (resolvers.stream().anyMatch(r -> r.supportsParameter(parameter))) {
						hidden.add(parameter.getParameterType());
					}
				}
			}
			SpringDocUtils.getConfig().addRequestWrapperToIgnore(hidden.toArray(Class<?>[]::new));
			// a JSON tree in a response (audit before/after) is any JSON value, not Jackson's node class
			SpringDocUtils.getConfig().replaceWithSchema(tools.jackson.databind.JsonNode.class,
					new Schema<>().description("Any JSON value"));
		};
	}

	@Bean
	GlobalOperationCustomizer greenroomOperations() {
		return (operation, handler) -> {
			RequestMapping mapping = handler.getMethodAnnotation(RequestMapping.class) == null
					? org.springframework.core.annotation.AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class)
					: handler.getMethodAnnotation(RequestMapping.class);
			String httpMethod = mapping == null || mapping.method().length == 0 ? "GET" : mapping.method()[0].name();
			String path = pathOf(handler, mapping);
			boolean csv = mapping != null && java.util.Arrays.stream(mapping.produces()).anyMatch(p -> p.startsWith("text/csv"));
			if (csv) {
				ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().get("200");
				if (ok != null) {
					ok.content(new Content().addMediaType("text/csv", new MediaType().schema(new StringSchema())));
				}
			}
			if (operation.getOperationId() == null || operation.getOperationId().equals(handler.getMethod().getName())
					|| operation.getOperationId().startsWith(handler.getMethod().getName() + "_")) {
				operation.setOperationId(OperationIds.of(httpMethod, path, handler.getMethod().getName(), returnsCollection(handler), csv));
			}
			ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
			operation.setResponses(responses);
			if ("POST".equals(httpMethod) && ResponseEntity.class.isAssignableFrom(handler.getMethod().getReturnType())
					&& responses.containsKey("200")) {
				ApiResponse ok = responses.remove("200");
				responses.addApiResponse("201", ok.description("Created; Location names the new resource")
					.addHeaderObject("Location", new Header().description("URL of the created resource").schema(new StringSchema())));
			}
			if ("GET".equals(httpMethod) && responses.get("200") != null && !csv) {
				responses.get("200").addHeaderObject("ETag", new Header()
					.description("Version of this representation: send it back as If-Match to change only what you read")
					.schema(new StringSchema()));
			}
			if (csv) {
				operation.addParametersItem(new QueryParameter().name("bom")
					.description("true: start the file with a UTF-8 byte order mark, so spreadsheet programs read it as UTF-8")
					.required(false)
					.schema(new io.swagger.v3.oas.models.media.BooleanSchema()._default(false)));
			}
			if ("PATCH".equals(httpMethod) || "PUT".equals(httpMethod)) {
				operation.addParametersItem(new HeaderParameter().name("If-Match")
					.description("The ETag of the representation you read: the change is refused with 412 if it is no longer current")
					.required(false)
					.schema(new StringSchema()));
				refer(responses, "412", "PreconditionFailed");
			}
			if ("PATCH".equals(httpMethod) && operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
				Content content = operation.getRequestBody().getContent();
				MediaType json = content.get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
				if (json != null && !content.containsKey(MERGE_PATCH)) {
					content.addMediaType(MERGE_PATCH, new MediaType().schema(json.getSchema()));
				}
			}
			refer(responses, "400", "BadRequest");
			refer(responses, "401", "Unauthorized");
			refer(responses, "403", "Forbidden");
			if (path.contains("{")) {
				refer(responses, "404", "NotFound");
			}
			if (!"GET".equals(httpMethod)) {
				refer(responses, "409", "Conflict");
			}
			if (operation.getRequestBody() != null) {
				refer(responses, "413", "ContentTooLarge");
			}
			return operation;
		};
	}

	/** Primitive properties are always present in JSON: say so, so generated clients need not treat them as optional. */
	@Bean
	PropertyCustomizer primitivesAreRequired() {
		return (property, type) -> {
			Type javaType = type.getType();
			boolean primitive = javaType instanceof Class<?> c ? c.isPrimitive()
					: javaType instanceof com.fasterxml.jackson.databind.JavaType jackson && jackson.isPrimitive();
			Schema<?> parent = type.getParent();
			if (primitive && parent != null && type.getPropertyName() != null
					&& (parent.getRequired() == null || !parent.getRequired().contains(type.getPropertyName()))) {
				parent.addRequiredItem(type.getPropertyName());
			}
			return property;
		};
	}

	/** The shared problem schema and responses, and no {@code *}/{@code *} media type left anywhere. */
	@Bean
	GlobalOpenApiCustomizer greenroomComponents() {
		return openApi -> {
			Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
			openApi.setComponents(components);
			components.addSchemas(PROBLEM_SCHEMA, problemSchema());
			Map<String, String> shared = new TreeMap<>(Map.of("BadRequest", "Invalid input: the problem names each offending field",
					"Unauthorized", "No valid API token", "Forbidden", "The token's roles do not allow this",
					"NotFound", "Not found, or outside your regions", "Conflict", "Conflicts with the current state (a duplicate, say)",
					"ContentTooLarge", "The request body is larger than this endpoint accepts",
					"PreconditionFailed", "If-Match did not match the current ETag: read again, then retry"));
			shared.forEach((name, description) -> components.addResponses(name, new ApiResponse().description(description)
				.content(new Content().addMediaType("application/problem+json",
						new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))))));
			if (openApi.getPaths() != null) {
				openApi.getPaths().values().forEach(OpenApiConfiguration::replaceWildcardMediaTypes);
			}
			if (components.getSchemas() != null) {
				components.getSchemas().values().forEach(schema -> {
					if (schema.getRequired() != null) {
						schema.setRequired(new ArrayList<>(new java.util.LinkedHashSet<>(schema.getRequired())));
					}
				});
			}
		};
	}

	private static void replaceWildcardMediaTypes(PathItem item) {
		for (Operation operation : item.readOperations()) {
			if (operation.getResponses() == null) {
				continue;
			}
			operation.getResponses().forEach((status, response) -> {
				Content content = response.getContent();
				if (content != null && content.containsKey("*/*")) {
					MediaType any = content.remove("*/*");
					content.addMediaType(status.startsWith("2") ? "application/json" : "application/problem+json", any);
				}
			});
		}
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("An RFC 9457 problem; 400s name the offending field in 'field' and list every broken rule in 'errors'")
			.addProperty("type", new StringSchema().format("uri").description("Identifies the kind of problem"))
			.addProperty("title", new StringSchema().description("Short summary of the kind of problem"))
			.addProperty("status", new IntegerSchema().format("int32").description("The HTTP status code"))
			.addProperty("detail", new StringSchema().description("What went wrong with this request"))
			.addProperty("instance", new StringSchema().format("uri-reference").description("The request path"))
			.addProperty("field", new StringSchema().description("The first offending field (400, 409, 413)"))
			.addProperty("errors", new io.swagger.v3.oas.models.media.ArraySchema().items(new ObjectSchema()
				.addProperty("field", new StringSchema())
				.addProperty("reason", new StringSchema())
				.required(List.of("field", "reason"))))
			.required(List.of("type", "title", "status", "detail", "instance"));
	}

	private static void refer(ApiResponses responses, String status, String name) {
		if (!responses.containsKey(status)) {
			responses.addApiResponse(status, new ApiResponse().$ref("#/components/responses/" + name));
		}
	}

	private static String pathOf(HandlerMethod handler, RequestMapping method) {
		RequestMapping type = org.springframework.core.annotation.AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(),
				RequestMapping.class);
		String prefix = type == null || type.path().length == 0 ? "" : type.path()[0];
		String suffix = method == null || method.path().length == 0 ? "" : method.path()[0];
		return prefix + suffix;
	}

	private static boolean returnsCollection(HandlerMethod handler) {
		Type type = handler.getMethod().getGenericReturnType();
		if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == ResponseEntity.class) {
			type = parameterized.getActualTypeArguments()[0];
		}
		Class<?> raw = type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType()
				: type instanceof Class<?> c ? c : Object.class;
		return raw.isArray() || Collection.class.isAssignableFrom(raw) || raw == PageOf.class;
	}

	/** Readable, stable operation ids from the HTTP method and the path: listCreators, getCreator, claimTask... */
	static final class OperationIds {

		private OperationIds() {
		}

		static String of(String httpMethod, String path, String methodName, boolean collection, boolean csv) {
			List<String> segments = new ArrayList<>(List.of(path.replaceFirst("^/api/v\\d+/?", "").split("/")));
			segments.removeIf(String::isEmpty);
			String verb;
			String last = segments.isEmpty() ? "" : segments.get(segments.size() - 1);
			boolean action = "POST".equals(httpMethod) && !last.startsWith("{") && last.equals(methodName);
			if (action) {
				verb = methodName;
				segments.remove(segments.size() - 1);
			}
			else if (csv) {
				verb = "export";
			}
			else {
				verb = switch (httpMethod) {
					case "GET" -> collection ? "list" : "get";
					case "POST" -> "create";
					case "PUT" -> "replace";
					case "PATCH" -> "update";
					case "DELETE" -> "delete";
					default -> httpMethod.toLowerCase(Locale.ROOT);
				};
			}
			StringBuilder noun = new StringBuilder();
			for (int i = 0; i < segments.size(); i++) {
				String segment = segments.get(i);
				if (segment.startsWith("{")) {
					continue;
				}
				boolean final_ = i == segments.size() - 1;
				String word = pascal(segment);
				if (!final_) {
					word = singular(word);
				}
				else if ("create".equals(verb)) {
					word = singular(word);
				}
				noun.append(word);
			}
			return verb + noun;
		}

		private static String pascal(String segment) {
			StringBuilder out = new StringBuilder();
			for (String part : segment.split("[^A-Za-z0-9]+")) {
				if (!part.isEmpty()) {
					out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
				}
			}
			return out.toString();
		}

		private static String singular(String word) {
			if (word.endsWith("ies")) {
				return word.substring(0, word.length() - 3) + "y";
			}
			if (word.endsWith("sses")) {
				return word.substring(0, word.length() - 2);
			}
			if (word.endsWith("s") && !word.endsWith("ss")) {
				return word.substring(0, word.length() - 1);
			}
			return word;
		}
	}
}
