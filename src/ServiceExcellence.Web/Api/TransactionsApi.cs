using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Integrations;
using ServiceExcellence.Infrastructure.Integrations;

namespace ServiceExcellence.Web.Api;

/// <summary>
/// The REST API for integrating systems under <c>/api/v1</c> (see docs/api.md): post transactions one at a
/// time or in batches, read one back with its survey and rating, and list the clients and service lines to
/// refer to. Every call needs an <c>X-Api-Key</c>; transactions are recorded under the key's source system.
/// </summary>
public static class TransactionsApi
{
    public const string Root = "/api";
    public const string Prefix = Root + "/v1";

    public static void MapTransactionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix)
            .RequireAuthorization(Composition.ApiClients)
            .RequireRateLimiting(Composition.ApiPolicy)
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/transactions", PostOneAsync)
            .WithName("PostTransaction").WithTags("Transactions")
            .WithSummary("Record one transaction, idempotently")
            .WithDescription("201 with Location when recorded; 200 with the existing transaction when the same externalReference arrives with the same data; 409 when it arrives with different data; 400 for missing or malformed fields; 422 when clientReference, serviceLine or performedBy is unknown.")
            .WithMetadata(new JsonRequestBody(typeof(TransactionInput)))
            .Produces<ApiTransaction.Model>(StatusCodes.Status201Created)
            .Produces<ApiTransaction.Model>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/transactions/batch", PostBatchAsync)
            .WithName("PostTransactionBatch").WithTags("Transactions")
            .WithSummary($"Record up to {PostTransactions.MaxItems:N0} transactions with one answer per item")
            .WithDescription("Every item is checked; the good ones are recorded together and the bad ones reported with the same status an individual post would get (201, 200, 409, 400, 422). The request itself answers 200 unless the body is unreadable or holds too many items (400).")
            .WithMetadata(new JsonRequestBody(typeof(BatchRequest)))
            .Produces<BatchResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/transactions/{id:guid}", GetAsync)
            .WithName("GetTransaction").WithTags("Transactions")
            .WithSummary("A transaction posted with this key's source system, with its survey invitation and rating")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/clients", async (IMediator mediator, CancellationToken cancellationToken, int page = 1, int pageSize = 100) =>
                Paged.Of(await mediator.Send(new ListReferences.Clients(page, pageSize), cancellationToken)))
            .WithName("ListClients").WithTags("References")
            .WithSummary("Clients, by name; clientReference carries a client's externalId (paged, at most 200 per page)");

        api.MapGet("/service-lines", async (IMediator mediator, CancellationToken cancellationToken, int page = 1, int pageSize = 100) =>
                Paged.Of(await mediator.Send(new ListReferences.ServiceLines(page, pageSize), cancellationToken)))
            .WithName("ListServiceLines").WithTags("References")
            .WithSummary("Service lines, by code; serviceLine carries the code (paged, at most 200 per page)");

        // Any other path or method under /api/v1 is a ProblemDetails too, never the staff app's status page.
        api.Map("/{**path}", (HttpContext context) => TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Title = $"No API endpoint answers {context.Request.Method} {context.Request.Path}.",
            Detail = "See /openapi/v1.json or docs/api.md for the endpoints and their methods.",
        }))
            .ExcludeFromDescription();
    }

    private static async Task<IResult> PostOneAsync(HttpContext context, TransactionPoster poster, IMediator mediator, CancellationToken cancellationToken)
    {
        using var document = await ApiBody.ReadDocumentAsync(context.Request, cancellationToken);
        var (input, field, error) = ApiBody.Deserialize<TransactionInput>(document.RootElement, context);
        if (input is null)
        {
            throw ApiBody.Invalid(field!, error!);
        }

        var source = ApiKeyAuthenticationHandler.SourceOf(context.User);
        var result = (await poster.PostAsync(source, [input], cancellationToken))[0];
        switch (result.Outcome)
        {
            case IngestOutcome.Created:
            case IngestOutcome.Existing:
                var model = await mediator.Send(new ApiTransaction.Query(result.Id!.Value, source), cancellationToken);
                return result.Outcome == IngestOutcome.Created ? TypedResults.Created(Location(model.Id), model) : TypedResults.Ok(model);
            case IngestOutcome.Conflict:
                return TypedResults.Problem(new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = "This externalReference was already recorded with different data.",
                    Detail = $"Nothing was changed. Differing fields: {string.Join(", ", result.Errors.Keys)}. The transaction recorded first is at {Location(result.Id!.Value)}.",
                    Extensions = { ["errors"] = result.Errors, ["existing"] = Location(result.Id!.Value) },
                });
            default:
                return TypedResults.Problem(new HttpValidationProblemDetails(result.Errors.ToDictionary(e => e.Key, e => e.Value))
                {
                    Status = StatusOf(result.Outcome),
                    Title = result.Outcome == IngestOutcome.Invalid ? "The request has invalid fields." : "The request refers to something the app does not know.",
                });
        }
    }

    private static async Task<Ok<BatchResponse>> PostBatchAsync(HttpContext context, TransactionPoster poster, CancellationToken cancellationToken)
    {
        using var document = await ApiBody.ReadDocumentAsync(context.Request, cancellationToken);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("transactions", out var array)
            || array.ValueKind != JsonValueKind.Array)
        {
            throw ApiBody.Invalid("transactions", "Send {\"transactions\": [ … ]}.");
        }

        var count = array.GetArrayLength();
        if (count is 0 or > PostTransactions.MaxItems)
        {
            throw ApiBody.Invalid("transactions", $"Send between 1 and {PostTransactions.MaxItems:N0} transactions.");
        }

        // Items whose JSON cannot even be read are answered here; the others go to the ingestion together.
        var answers = new BatchItem?[count];
        var readable = new List<(int Index, TransactionInput Input)>(count);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var (input, field, error) = ApiBody.Deserialize<TransactionInput>(element, context);
            if (input is null)
            {
                var reference = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("externalReference", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                answers[index] = new BatchItem(index, reference, StatusCodes.Status400BadRequest, "invalid", null, null, new Dictionary<string, string[]> { [field!] = [error!] });
            }
            else
            {
                readable.Add((index, input));
            }

            index++;
        }

        if (readable.Count > 0)
        {
            var results = await poster.PostAsync(ApiKeyAuthenticationHandler.SourceOf(context.User), readable.Select(r => r.Input).ToList(), cancellationToken);
            for (var i = 0; i < results.Count; i++)
            {
                var result = results[i];
                var at = readable[i].Index;
                answers[at] = new BatchItem(
                    at, result.ExternalReference, StatusOf(result.Outcome), result.Outcome.ToString().ToLowerInvariant(), result.Id,
                    result.Id is { } id ? Location(id) : null, result.Errors.Count == 0 ? null : result.Errors);
            }
        }

        var items = answers.Select(a => a!).ToList();
        return TypedResults.Ok(new BatchResponse(
            items.Count(i => i.Status == StatusCodes.Status201Created),
            items.Count(i => i.Status == StatusCodes.Status200OK),
            items.Count(i => i.Status == StatusCodes.Status409Conflict),
            items.Count(i => i.Status is StatusCodes.Status400BadRequest or StatusCodes.Status422UnprocessableEntity),
            items));
    }

    private static async Task<Ok<ApiTransaction.Model>> GetAsync(Guid id, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ApiTransaction.Query(id, ApiKeyAuthenticationHandler.SourceOf(context.User)), cancellationToken));

    private static string Location(Guid id) => $"{Prefix}/transactions/{id}";

    private static int StatusOf(IngestOutcome outcome) => outcome switch
    {
        IngestOutcome.Created => StatusCodes.Status201Created,
        IngestOutcome.Existing => StatusCodes.Status200OK,
        IngestOutcome.Conflict => StatusCodes.Status409Conflict,
        IngestOutcome.Invalid => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>The body of <c>POST /api/v1/transactions/batch</c>.</summary>
    public sealed record BatchRequest(IReadOnlyList<TransactionInput> Transactions);

    /// <summary>Counts per answer and one result per item, in the order sent.</summary>
    public sealed record BatchResponse(int Created, int Existing, int Conflicts, int Rejected, IReadOnlyList<BatchItem> Results);

    /// <summary>
    /// <c>status</c> is what posting the item alone would have answered (201, 200, 409, 400 or 422);
    /// <c>outcome</c> says the same in words; <c>errors</c> name the fields at fault.
    /// </summary>
    public sealed record BatchItem(
        int Index, string? ExternalReference, int Status, string Outcome, Guid? Id, string? Location, IReadOnlyDictionary<string, string[]>? Errors);

    /// <summary>A page of a list.</summary>
    public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount, int PageCount);

    private static class Paged
    {
        public static Paged<T> Of<T>(PagedList<T> list) => new(list.Items, list.Page, list.PageSize, list.TotalCount, list.PageCount);
    }
}
