using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.ApiKeys;

public static class ListApiKeys
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(
        Guid Id, string Name, string SourceSystem, string Prefix, DateTimeOffset CreatedAt, string? CreatedBy,
        DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, bool IsDemo)
    {
        public bool IsRevoked => RevokedAt is not null;
    }

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rows = await db.ApiKeys.AsNoTracking()
                .Select(k => new Row(
                    k.Id, k.Name, k.SourceSystem, k.Prefix, k.CreatedAt,
                    db.People.Where(p => p.Id == k.CreatedById).Select(p => p.DisplayName).FirstOrDefault(),
                    k.LastUsedAt, k.RevokedAt, k.IsDemo))
                .ToListAsync(cancellationToken);

            // Active keys first, newest first (sorted here: SQLite stores the instants as ticks either way).
            return rows.OrderBy(r => r.IsRevoked).ThenByDescending(r => r.CreatedAt).ToList();
        }
    }
}
