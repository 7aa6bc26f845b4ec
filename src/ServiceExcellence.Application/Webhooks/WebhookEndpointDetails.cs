using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Webhooks;

namespace ServiceExcellence.Application.Webhooks;

/// <summary>One endpoint and its delivery log, newest first.</summary>
public static class WebhookEndpointDetails
{
    public const int PageSize = 50;

    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query(Guid Id, WebhookDeliveryStatus? Status = null, int Page = 1) : IQuery<Result>;

    public sealed record Result(Guid Id, string Name, string Url, IReadOnlyList<string> Events, bool IsActive, DateTimeOffset CreatedAt, DateTimeOffset SecretCreatedAt, PagedList<Delivery> Deliveries);

    public sealed record Delivery(
        Guid Id,
        Guid EventId,
        string EventType,
        DateTimeOffset CreatedAt,
        WebhookDeliveryStatus Status,
        int Attempts,
        DateTimeOffset? LastAttemptAt,
        int? LastStatusCode,
        string? LastError,
        string? LastResponseExcerpt,
        DateTimeOffset NextAttemptAt,
        DateTimeOffset? DeliveredAt);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("The webhook endpoint");
            var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpoint.Id);
            if (query.Status is { } status)
            {
                deliveries = deliveries.Where(d => d.Status == status);
            }

            var rows = deliveries
                .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
                .Select(d => new Delivery(d.Id, d.EventId, d.EventType, d.CreatedAt, d.Status, d.Attempts, d.LastAttemptAt, d.LastStatusCode, d.LastError,
                    d.LastResponseExcerpt, d.NextAttemptAt, d.DeliveredAt));
            var page = await PagedList<Delivery>.CreateAsync(rows, query.Page, PageSize, cancellationToken);
            return new Result(endpoint.Id, endpoint.Name, endpoint.Url, endpoint.Events, endpoint.IsActive, endpoint.CreatedAt, endpoint.SecretCreatedAt, page);
        }
    }
}
