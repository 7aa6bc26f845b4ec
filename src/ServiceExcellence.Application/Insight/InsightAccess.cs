using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.Insight;

/// <summary>What a dashboard is about: the whole company, one team, one client or one service line.</summary>
public enum ScopeKind
{
    Company,
    Team,
    Client,
    ServiceLine,
}

/// <summary>
/// A scope the caller may see, with what it covers. A team covers the ratings of the transactions it performed,
/// of the clients it owns (a client team) and of the service lines it owns (an operations team) — the same two
/// teams an alert is routed to — and the alerts routed to it.
/// </summary>
public sealed record ResolvedScope(ScopeKind Kind, Guid? Id, string Name, IReadOnlyList<Guid> TeamClientIds, IReadOnlyList<Guid> TeamLineIds);

/// <summary>
/// Who may see which dashboard, by the same rule as the alert queues: the president and administrators see the
/// company and every team, client and service line; anyone else sees the teams they belong to (a manager belongs
/// to the teams they lead), the clients those teams own and the service lines those teams own. The company
/// dashboard refused is 403 (a function of the role); a team, client or service line one may not see is 404,
/// as an alert is, so that ids reveal nothing.
/// </summary>
public sealed class InsightAccess(IAppDbContext db, ICurrentUser user)
{
    public bool SeesAll => user.IsInRole(StaffRoles.President) || user.IsInRole(StaffRoles.Administrator);

    public async Task<List<Guid>> MyTeamIdsAsync(CancellationToken cancellationToken) =>
        user.PersonId is { } me
            ? await db.TeamMemberships.Where(m => m.PersonId == me).Select(m => m.TeamId).ToListAsync(cancellationToken)
            : [];

    public async Task<ResolvedScope> ResolveAsync(ScopeKind kind, Guid? id, CancellationToken cancellationToken)
    {
        var mine = SeesAll ? null : await MyTeamIdsAsync(cancellationToken);
        switch (kind)
        {
            case ScopeKind.Company:
                return SeesAll
                    ? new ResolvedScope(kind, null, "The whole company", [], [])
                    : throw new ForbiddenException("Only the president and administrators see the company dashboard.");
            case ScopeKind.Team when id is { } teamId:
                var team = await db.Teams.AsNoTracking().Where(t => t.Id == teamId && (mine == null || mine.Contains(t.Id)))
                    .Select(t => new { t.Name }).SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("The team's dashboard");
                var clients = await db.Clients.Where(c => c.ClientTeamId == teamId).Select(c => c.Id).ToListAsync(cancellationToken);
                var lines = await db.ServiceLines.Where(s => s.OwnerTeamId == teamId).Select(s => s.Id).ToListAsync(cancellationToken);
                return new ResolvedScope(kind, teamId, team.Name, clients, lines);
            case ScopeKind.Client when id is { } clientId:
                var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId && (mine == null || mine.Contains(c.ClientTeamId)))
                    .Select(c => new { c.Name }).SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("The client's dashboard");
                return new ResolvedScope(kind, clientId, client.Name, [], []);
            case ScopeKind.ServiceLine when id is { } lineId:
                var line = await db.ServiceLines.AsNoTracking().Where(s => s.Id == lineId && (mine == null || mine.Contains(s.OwnerTeamId)))
                    .Select(s => new { s.Name }).SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("The service line's dashboard");
                return new ResolvedScope(kind, lineId, line.Name, [], []);
            default:
                throw new NotFoundException("The dashboard");
        }
    }
}
