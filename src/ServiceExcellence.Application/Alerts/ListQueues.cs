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

            // One pass from the open alerts (the status index) to their routes (the routes' key starts with the
            // alert), counted per team. A count per team from the routes instead reads every route of every
            // alert ever raised and looks up each alert: hundreds of milliseconds with 100,000 alerts.
            var openIds = db.Alerts
                .Where(a => a.Status == AlertStatus.New || a.Status == AlertStatus.Acknowledged || a.Status == AlertStatus.Recovering)
                .Select(a => a.Id);
            var routes = db.AlertRoutes.AsNoTracking().Where(r => openIds.Contains(r.AlertId));
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
