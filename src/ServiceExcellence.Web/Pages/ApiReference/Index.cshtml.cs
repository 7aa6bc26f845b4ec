using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ServiceExcellence.Web.Pages.ApiReference;

/// <summary>
/// The browsable API reference, rendered on the server from the app's own OpenAPI document (no script, no CDN,
/// so it works under the strict CSP). Open to anyone, like the document itself: it holds no data.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel([FromKeyedServices("v1")] IOpenApiDocumentProvider documents) : PageModel
{
    public OpenApiDocument Document { get; private set; } = default!;

    public IReadOnlyList<Operation> Operations { get; private set; } = [];

    public IReadOnlyList<(string Name, IOpenApiSchema Schema)> Schemas { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Document = await documents.GetOpenApiDocumentAsync(cancellationToken);
        Operations = (Document.Paths ?? [])
            .SelectMany(path => (path.Value.Operations ?? []).Select(op => new Operation(op.Key.Method, path.Key, op.Value)))
            .OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)
            .ToList();
        Schemas = (Document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => (s.Key, s.Value))
            .ToList();
    }

    public sealed record Operation(string Method, string Path, OpenApiOperation Details)
    {
        public string Anchor => $"{Method}-{Path}".ToLowerInvariant().Replace('/', '-').Replace("{", string.Empty, StringComparison.Ordinal).Replace("}", string.Empty, StringComparison.Ordinal);
    }

    /// <summary>The media types and schemas of a body: <c>application/json: TransactionInput</c>.</summary>
    public static string DescribeContent(IDictionary<string, OpenApiMediaType>? content) =>
        content is null ? string.Empty : string.Join(", ", content.Select(c => $"{c.Key}: {Describe(c.Value.Schema)}"));

    /// <summary>A schema's type as a reader would say it: <c>string (date-time)</c>, <c>TransactionInput</c>, <c>array of BatchItem</c>.</summary>
    public static string Describe(IOpenApiSchema? schema)
    {
        switch (schema)
        {
            case null:
                return string.Empty;
            case OpenApiSchemaReference reference when reference.Reference?.Id is { } id:
                return id;
        }

        if (schema.Type?.HasFlag(JsonSchemaType.Array) == true)
        {
            return "array of " + Describe(schema.Items);
        }

        if (schema.OneOf is { Count: > 0 } || schema.AnyOf is { Count: > 0 })
        {
            return string.Join(" or ", (schema.OneOf ?? schema.AnyOf)!.Select(Describe).Where(s => s.Length > 0).Distinct());
        }

        var type = schema.Type is { } t
            ? string.Join(" or ", Enum.GetValues<JsonSchemaType>().Where(v => t.HasFlag(v)).Select(v => v.ToString().ToLowerInvariant()))
            : "any";
        return schema.Format is { Length: > 0 } format ? $"{type} ({format})" : type;
    }
}
