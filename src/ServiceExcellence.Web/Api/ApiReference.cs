using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ServiceExcellence.Web.Api;

/// <summary>The OpenAPI document of the REST API (only <c>/api/v1</c>), with its API-key security scheme.</summary>
internal static class ApiReference
{
    public const string DocumentPath = "/openapi/{documentName}.json";

    public static IServiceCollection AddApiReference(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;

            // A use case's read model is a nested "Model": name its schema after the use case (ApiTransaction).
            options.CreateSchemaReferenceId = type => type.Type is { Name: "Model", DeclaringType: { } useCase }
                ? useCase.Name
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            // The JSON body is described here rather than with Accepts(): routing would refuse another content type
            // with a bare 415 before the endpoint could answer with a ProblemDetails naming the body.
            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonRequestBody>().FirstOrDefault() is { } body
                    && context.Document is { } document)
                {
                    // A named schema under components, as Accepts() would have made it (the reference page links to it).
                    var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken);
                    document.Components ??= new OpenApiComponents();
                    document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
                    document.Components.Schemas[body.Type.Name] = schema;
                    var reference = new OpenApiSchemaReference(body.Type.Name, document);
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = reference } },
                    };
                }
            });
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "ServiceExcellence API",
                    Version = "v1",
                    Description = "Post the transactions your systems perform for clients, idempotently, and read back their survey and rating. "
                        + "Authenticate with an API key in the X-Api-Key header; examples in docs/api.md.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyAuthenticationHandler.HeaderName,
                    Description = "An API key created by an administrator under Administration → API keys.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [] }];
                return Task.CompletedTask;
            });
        });
}

/// <summary>The JSON body an endpoint reads itself (<see cref="ApiBody"/>), for the OpenAPI document only.</summary>
internal sealed record JsonRequestBody(Type Type);
