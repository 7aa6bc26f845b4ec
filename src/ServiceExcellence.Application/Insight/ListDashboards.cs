using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Models;

namespace ServiceExcellence.Application.Insight;

/// <summary>The dashboards the signed-in person may open (<see cref="InsightAccess"/>), for the chooser and the home page.</summary>
public static class ListDashboards
{
    public sealed record Query : IQuery<Model>;

    public sealed record Model(bool Company, IReadOnlyList<Option> Teams, IReadOnlyList<Option> Clients, IReadOnlyList<Option> ServiceLines);

    public sealed class Handler(IAppDbContext db, InsightAccess access) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var all = access.SeesAll;
            var mine = all ? [] : await access.MyTeamIdsAsync(cancellationToken);
            var teams = await db.Teams.AsNoTracking().Where(t => all || mine.Contains(t.Id))
                .OrderBy(t => t.Name).Select(t => new Option(t.Id, t.Name)).ToListAsync(cancellationToken);
            var clients = await db.Clients.AsNoTracking().Where(c => all || mine.Contains(c.ClientTeamId))
                .OrderBy(c => c.Name).Select(c => new Option(c.Id, c.Name)).ToListAsync(cancellationToken);
            var lines = await db.ServiceLines.AsNoTracking().Where(s => all || mine.Contains(s.OwnerTeamId))
                .OrderBy(s => s.Name).Select(s => new Option(s.Id, s.Name)).ToListAsync(cancellationToken);
            return new Model(all, teams, clients, lines);
        }
    }
}
