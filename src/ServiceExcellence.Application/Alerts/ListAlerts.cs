using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Domain.Alerts;

namespace ServiceExcellence.Application.Alerts;

/// <summary>An alert queue: overdue first, then by priority (severity × revenue at risk), then oldest first.</summary>
public static class ListAlerts
{
    public enum Scope
    {
        /// <summary>Alerts assigned to me.</summary>
        Mine,

        /// <summary>One team's queue.</summary>
        Team,

        /// <summary>Every alert I may see (all of them for the president and administrators).</summary>
        All,
    }

    public enum StatusFilter
    {
        Open,
        New,
        Acknowledged,
        Recovering,
        Resolved,
        Closed,
        Any,
    }

    public sealed record Query(
        Scope In = Scope.All,
        Guid? TeamId = null,
        StatusFilter Status = StatusFilter.Open,
        AlertSeverity? Severity = null,
        Guid? ClientId = null,
        Guid? ServiceLineId = null,
        bool OverdueOnly = false,
        int Page = 1,
        int PageSize = 25) : IQuery<PagedList<Row>>;

    public sealed record Row(
        Guid Id, string Title, AlertSeverity Severity, AlertStatus Status, string? Client, string? ServiceLine,
        string? Assignee, DateTimeOffset CreatedAt, DateTimeOffset AcknowledgeBy, DateTimeOffset ResolveBy, bool Overdue,
        int EscalationLevel, decimal RevenueAtRisk, decimal Priority)
    {
        public IReadOnlyList<string> Teams { get; init; } = [];
    }

    public sealed class Handler(IAppDbContext db, AlertAccess access, TimeProvider clock) : IQueryHandler<Query, PagedList<Row>>
    {
        public async ValueTask<PagedList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var open = new[] { AlertStatus.New, AlertStatus.Acknowledged, AlertStatus.Recovering };
            var openOnly = query.Status is not StatusFilter.Any and not StatusFilter.Resolved and not StatusFilter.Closed;
            var alerts = (openOnly ? await access.VisibleOpenAsync(cancellationToken) : await access.VisibleAsync(cancellationToken)).AsNoTracking();
            switch (query.In)
            {
                case Scope.Mine:
                    var me = access.ActorId;
                    alerts = alerts.Where(a => a.AssigneeId == me);
                    break;
                case Scope.Team when query.TeamId is { } teamId:
                    if (!access.SeesAll && !(await access.MyTeamIdsAsync(cancellationToken)).Contains(teamId))
                    {
                        throw new NotFoundException("The team's queue");
                    }

                    // Every alert routed to one of my teams is visible to me: the team's routes alone decide.
                    alerts = openOnly
                        ? db.OpenAlertsRoutedTo([teamId]).AsNoTracking()
                        : db.Alerts.AsNoTracking().Where(a => db.AlertRoutes.Any(r => r.AlertId == a.Id && r.TeamId == teamId));
                    break;
            }

            if (query.Status == StatusFilter.Open)
            {
                alerts = alerts.Where(a => open.Contains(a.Status));
            }
            else if (query.Status != StatusFilter.Any)
            {
                var wanted = Enum.Parse<AlertStatus>(query.Status.ToString());
                alerts = alerts.Where(a => a.Status == wanted);
            }

            if (query.Severity is { } severity)
            {
                alerts = alerts.Where(a => a.Severity == severity);
            }

            if (query.ClientId is { } clientId)
            {
                alerts = alerts.Where(a => a.ClientId == clientId);
            }

            if (query.ServiceLineId is { } lineId)
            {
                alerts = alerts.Where(a => a.ServiceLineId == lineId);
            }

            if (query.OverdueOnly)
            {
                alerts = alerts.Where(a => (a.Status == AlertStatus.New && a.AcknowledgeBy < now) || (open.Contains(a.Status) && a.ResolveBy < now));
            }

            var pageSize = Math.Clamp(query.PageSize, 1, 200);
            var pageNumber = Math.Max(query.Page, 1);
            var total = await KnownTotalAsync(query, cancellationToken) ?? await alerts.CountAsync(cancellationToken);

            // The page's ids first: ordering reads the alert index alone (no table rows of the thousands of open
            // alerts), then only the page's rows are read.
            var pageIds = PagedList<Row>.OffsetOf(pageNumber, pageSize, total) is { } offset
                ? await alerts
                    .OrderByDescending(a => (a.Status == AlertStatus.New && a.AcknowledgeBy < now) || (open.Contains(a.Status) && a.ResolveBy < now))
                    .ThenByDescending(a => a.Priority)
                    .ThenBy(a => a.CreatedAt)
                    .Select(a => a.Id)
                    .Skip(offset)
                    .Take(pageSize)
                    .ToListAsync(cancellationToken)
                : [];
            var rows = await db.Alerts.AsNoTracking()
                .Where(a => pageIds.Contains(a.Id))
                .Select(a => new Row(
                    a.Id, a.Title, a.Severity, a.Status,
                    db.Clients.Where(c => c.Id == a.ClientId).Select(c => c.Name).FirstOrDefault(),
                    db.ServiceLines.Where(s => s.Id == a.ServiceLineId).Select(s => s.Name).FirstOrDefault(),
                    db.People.Where(p => p.Id == a.AssigneeId).Select(p => p.DisplayName).FirstOrDefault(),
                    a.CreatedAt, a.AcknowledgeBy, a.ResolveBy,
                    (a.Status == AlertStatus.New && a.AcknowledgeBy < now) || (open.Contains(a.Status) && a.ResolveBy < now),
                    a.EscalationLevel, a.RevenueAtRisk, a.Priority))
                .ToListAsync(cancellationToken);
            var page = new PagedList<Row>([.. rows.OrderBy(r => pageIds.IndexOf(r.Id))], pageNumber, pageSize, total);

            var ids = page.Items.Select(r => r.Id).ToList();
            var teams = await (
                from r in db.AlertRoutes
                where ids.Contains(r.AlertId)
                join t in db.Teams on r.TeamId equals t.Id
                select new { r.AlertId, t.Name })
                .ToListAsync(cancellationToken);
            var withTeams = page.Items
                .Select(r => r with { Teams = teams.Where(t => t.AlertId == r.Id).Select(t => t.Name).Order().ToList() })
                .ToList();
            return page with { Items = withTeams };
        }

        /// <summary>
        /// The plain views — all open alerts, the overdue ones, my open ones — have the same totals as the
        /// navigation badge, and a team's open queue the total of its tab, which the request counts anyway; any
        /// other filter is counted with the page.
        /// </summary>
        private async Task<int?> KnownTotalAsync(Query query, CancellationToken cancellationToken)
        {
            if (query.Status != StatusFilter.Open || query.Severity is not null || query.ClientId is not null || query.ServiceLineId is not null)
            {
                return null;
            }

            return (query.In, query.OverdueOnly) switch
            {
                (Scope.All, false) => (await access.OpenCountsAsync(cancellationToken)).Open,
                (Scope.All, true) => (await access.OpenCountsAsync(cancellationToken)).Overdue,
                (Scope.Mine, false) => (await access.OpenCountsAsync(cancellationToken)).Mine,
                (Scope.Team, false) when query.TeamId is { } teamId => (await access.OpenCountsByTeamAsync(cancellationToken)).GetValueOrDefault(teamId),
                _ => null,
            };
        }
    }
}
