using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ServiceExcellence.Web.Api;

/// <summary>
/// Reads JSON bodies itself so that a value of the wrong type is reported against its field
/// (<c>invoicedAmount: "abc"</c> → 400 naming <c>invoicedAmount</c>) instead of as an unreadable request.
/// </summary>
internal static class ApiBody
{
    public const string Field = "body";

    public static async Task<JsonDocument> ReadDocumentAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasJsonContentType() is false)
        {
            throw Invalid(Field, "Send the body as JSON with Content-Type: application/json.");
        }

        try
        {
            return await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 16 }, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw Invalid(Field, $"Not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
        }
    }

    /// <summary>Deserialises one element; the error of a mistyped value names its field (e.g. <c>contact.email</c>).</summary>
    public static (T? Value, string? Field, string? Error) Deserialize<T>(JsonElement element, HttpContext context)
        where T : class
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, Field, "Expected a JSON object.");
        }

        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            return (element.Deserialize<T>(options), null, null);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? path[2..] : Field;
            return (null, field, "A value of the wrong type (check quotes, numbers and nesting).");
        }
    }

    public static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}
