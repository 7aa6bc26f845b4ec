using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Webhooks;

namespace ServiceExcellence.Application.Webhooks;

/// <summary>Every registered endpoint by name, with what waits for it and what failed.</summary>
public static class ListWebhookEndpoints
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(Guid Id, string Name, string Url, IReadOnlyList<string> Events, bool IsActive, int Pending, int Failed, DateTimeOffset? LastDeliveredAt);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var endpoints = await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.Name).ToListAsync(cancellationToken);
            var figures = await db.WebhookDeliveries.AsNoTracking()
                .GroupBy(d => d.EndpointId)
                .Select(g => new
                {
                    EndpointId = g.Key,
                    Pending = g.Count(d => d.Status == WebhookDeliveryStatus.Pending),
                    Failed = g.Count(d => d.Status == WebhookDeliveryStatus.Failed),
                    LastDeliveredAt = g.Max(d => d.DeliveredAt),
                })
                .ToDictionaryAsync(f => f.EndpointId, cancellationToken);
            return endpoints.Select(e =>
            {
                var f = figures.GetValueOrDefault(e.Id);
                return new Row(e.Id, e.Name, e.Url, e.Events, e.IsActive, f?.Pending ?? 0, f?.Failed ?? 0, f?.LastDeliveredAt);
            }).ToList();
        }
    }
}
