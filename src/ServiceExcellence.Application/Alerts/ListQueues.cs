using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Alerts;

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

            // The open alerts' routes, counted per team from their own index (each route keeps a copy of its
            // alert's status): a few thousand index entries instead of every route of every alert.
            var routes = db.AlertRoutes.AsNoTracking()
                .Where(r => r.AlertStatus == AlertStatus.New || r.AlertStatus == AlertStatus.Acknowledged || r.AlertStatus == AlertStatus.Recovering);
            if (!access.SeesAll)
            {
                routes = routes.Where(r => mine.Contains(r.TeamId));
            }

            var counts = await routes
                .GroupBy(r => r.TeamId)
                .Select(g => new { TeamId = g.Key, Open = g.Count() })
                .ToDictionaryAsync(c => c.TeamId, c => c.Open, cancellationToken);
            return list.Select(t => new Queue(t.Id, t.Name, counts.GetValueOrDefault(t.Id))).ToList();
        }
    }
}
