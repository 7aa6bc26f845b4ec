using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;

namespace ServiceExcellence.Application.Home;

/// <summary>The start page: a few counts and the latest transactions.</summary>
public static class GetOverview
{
    public sealed record Query : IQuery<Model>;

    public sealed record Model(int TransactionsLast30Days, int Clients, int Contacts, int ServiceLines, IReadOnlyList<LatestTransaction> Latest);

    public sealed record LatestTransaction(Guid Id, DateTimeOffset OccurredAt, string Client, string ServiceLine, string ExternalReference);

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var since = clock.GetUtcNow().AddDays(-30);
            var latest = await db.Transactions.AsNoTracking()
                .OrderByDescending(t => t.OccurredAt)
                .Take(8)
                .Select(t => new LatestTransaction(
                    t.Id,
                    t.OccurredAt,
                    db.Clients.Where(c => c.Id == t.ClientId).Select(c => c.Name).First(),
                    db.ServiceLines.Where(s => s.Id == t.ServiceLineId).Select(s => s.Name).First(),
                    t.ExternalReference))
                .ToListAsync(cancellationToken);
            return new Model(
                await db.Transactions.CountAsync(t => t.OccurredAt >= since, cancellationToken),
                await db.Clients.CountAsync(cancellationToken),
                await db.Contacts.CountAsync(cancellationToken),
                await db.ServiceLines.CountAsync(cancellationToken),
                latest);
        }
    }
}
