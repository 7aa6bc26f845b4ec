using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.Alerts;

/// <summary>Open alerts a person may see: all, overdue (to acknowledge or to resolve), and assigned to them.</summary>
public sealed record OpenAlertCounts(int Open, int Overdue, int Mine);

/// <summary>
/// Who may see and work which alerts: the members of the teams an alert is routed to (a manager is a
/// member of the teams they lead), and the president and administrators, who see all. Every query that lists
/// alerts (queues, details, exports) and every alert command goes through here; an alert the caller may not see
/// is "not found", also by id. The dashboards' alert figures are counts over their scope, not alerts.
/// </summary>
public sealed class AlertAccess(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    private List<Guid>? _myTeamIds;
    private OpenAlertCounts? _openCounts;
    private Dictionary<Guid, int>? _openByTeam;

    public bool SeesAll => user.IsInRole(StaffRoles.President) || user.IsInRole(StaffRoles.Administrator);

    public Guid ActorId => user.PersonId ?? throw new NotFoundException("The alert");

    /// <summary>The teams the caller is a member of (read once per request).</summary>
    public async Task<List<Guid>> MyTeamIdsAsync(CancellationToken cancellationToken) =>
        _myTeamIds ??= user.PersonId is { } me
            ? await db.TeamMemberships.Where(m => m.PersonId == me).Select(m => m.TeamId).ToListAsync(cancellationToken)
            : [];

    /// <summary>
    /// How many open alerts the caller may see, how many of them are overdue and how many are assigned to them:
    /// one pass over the open alerts, counted once per request and shared by the navigation badge and the queue's pager.
    /// </summary>
    public async Task<OpenAlertCounts> OpenCountsAsync(CancellationToken cancellationToken)
    {
        if (_openCounts is { } known)
        {
            return known;
        }

        var now = clock.GetUtcNow();
        var me = user.PersonId;
        var counts = await (await VisibleOpenAsync(cancellationToken)).AsNoTracking()
            .Where(a => a.Status == AlertStatus.New || a.Status == AlertStatus.Acknowledged || a.Status == AlertStatus.Recovering)
            .GroupBy(a => 1)
            .Select(g => new OpenAlertCounts(
                g.Count(),
                g.Count(a => (a.Status == AlertStatus.New && a.AcknowledgeBy < now) || a.ResolveBy < now),
                g.Count(a => me != null && a.AssigneeId == me)))
            .ToListAsync(cancellationToken); // one row, or none when nothing is open
        return _openCounts = counts.SingleOrDefault() ?? new OpenAlertCounts(0, 0, 0);
    }

    /// <summary>
    /// Open alerts per team, for the teams whose queues the caller may open (all teams for the president and
    /// administrators): counted once per request from the open routes' index (each route keeps a copy of its
    /// alert's status), and shared by the queue tabs and a team queue's pager.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, int>> OpenCountsByTeamAsync(CancellationToken cancellationToken)
    {
        if (_openByTeam is { } known)
        {
            return known;
        }

        var routes = db.AlertRoutes.AsNoTracking()
            .Where(r => r.AlertStatus == AlertStatus.New || r.AlertStatus == AlertStatus.Acknowledged || r.AlertStatus == AlertStatus.Recovering);
        if (!SeesAll)
        {
            var mine = await MyTeamIdsAsync(cancellationToken);
            routes = routes.Where(r => mine.Contains(r.TeamId));
        }

        return _openByTeam = await routes
            .GroupBy(r => r.TeamId)
            .Select(g => new { TeamId = g.Key, Open = g.Count() })
            .ToDictionaryAsync(c => c.TeamId, c => c.Open, cancellationToken);
    }

    /// <summary>The alerts the caller may see (for one alert by id, or any status: a probe of each alert's routes).</summary>
    public async Task<IQueryable<Alert>> VisibleAsync(CancellationToken cancellationToken)
    {
        if (SeesAll)
        {
            return db.Alerts;
        }

        var teams = await MyTeamIdsAsync(cancellationToken);
        return db.Alerts.Where(a => db.AlertRoutes.Any(r => r.AlertId == a.Id && teams.Contains(r.TeamId)));
    }

    /// <summary>
    /// The same for a caller that keeps only open alerts: the ids routed to my teams are read once from the open
    /// routes' index (each route keeps a copy of its alert's status), instead of probing the routes once for
    /// each of thousands of open alerts.
    /// </summary>
    public async Task<IQueryable<Alert>> VisibleOpenAsync(CancellationToken cancellationToken)
    {
        if (SeesAll)
        {
            return db.Alerts;
        }

        return db.OpenAlertsRoutedTo(await MyTeamIdsAsync(cancellationToken));
    }

    /// <summary>
    /// The alert to change, tracked, with the version the person saw: if someone else saved it since, the
    /// save is a conflict and nothing of theirs is overwritten.
    /// </summary>
    public async Task<Alert> LoadForChangeAsync(Guid id, Guid version, CancellationToken cancellationToken)
    {
        var visible = await VisibleAsync(cancellationToken);
        var alert = await visible.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException("The alert");
        if (alert.Version != version)
        {
            throw new ConflictException("Someone else changed this alert while you were looking at it. Their change is shown now; make yours again if it is still needed.");
        }

        db.Alerts.Entry(alert).Property(a => a.Version).OriginalValue = version;
        return alert;
    }
}
