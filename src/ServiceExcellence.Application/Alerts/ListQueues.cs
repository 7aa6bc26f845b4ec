using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;

namespace ServiceExcellence.Application.Alerts;

/// <summary>The queues a person may open — their teams' (all teams for the president and administrators) — with open-alert counts.</summary>
public static class ListQueues
{
    public sealed record Query : IQuery<IReadOnlyList<Queue>>;

    public sealed record Queue(Guid TeamId, string Team, int Open);

    public sealed class Handler(IAppDbContext db, AlertAccess access) : IQueryHandler<Query, IReadOnlyList<Queue>>
    {
        public async ValueTask<IReadOnlyList<Queue>> Handle(Query query, CancellationToken cancellationToken)
        {
            var mine = await access.MyTeamIdsAsync(cancellationToken);
            var teams = db.Teams.AsNoTracking();
            if (!access.SeesAll)
            {
                teams = teams.Where(t => mine.Contains(t.Id));
            }

            var list = await teams.OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);

            var counts = await access.OpenCountsByTeamAsync(cancellationToken);
            return list.Select(t => new Queue(t.Id, t.Name, counts.GetValueOrDefault(t.Id))).ToList();
        }
    }
}
