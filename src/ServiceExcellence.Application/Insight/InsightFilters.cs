using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Guarantees;
using ServiceExcellence.Domain.Insight;
using ServiceExcellence.Domain.Ratings;

namespace ServiceExcellence.Application.Insight;

/// <summary>The one definition of what a scope covers, applied to each kind of record the dashboards read.</summary>
public static class InsightFilters
{
    public static IQueryable<T> InScope<T>(this IQueryable<T> rows, ResolvedScope scope)
        where T : IInsightRow
    {
        // The company reads its own rows (client Guid.Empty); every other scope reads the per-client rows only.
        var (id, clients, lines) = (scope.Id ?? Guid.Empty, scope.TeamClientIds, scope.TeamLineIds);
        return scope.Kind switch
        {
            ScopeKind.Team => rows.Where(r => r.ClientId != Guid.Empty && (r.TeamId == id || clients.Contains(r.ClientId) || lines.Contains(r.ServiceLineId))),
            ScopeKind.Client => rows.Where(r => r.ClientId == id),
            ScopeKind.ServiceLine => rows.Where(r => r.ClientId != Guid.Empty && r.ServiceLineId == id),
            _ => rows.Where(r => r.ClientId == Guid.Empty),
        };
    }

    public static IQueryable<T> Between<T>(this IQueryable<T> rows, int fromDay, int toDay)
        where T : IInsightRow => rows.Where(r => r.Day >= fromDay && r.Day <= toDay);

    public static IQueryable<Rating> InScope(this IQueryable<Rating> ratings, ResolvedScope scope)
    {
        var (id, clients, lines) = (scope.Id ?? Guid.Empty, scope.TeamClientIds, scope.TeamLineIds);
        return scope.Kind switch
        {
            ScopeKind.Team => ratings.Where(r => r.TeamId == id || clients.Contains(r.ClientId) || lines.Contains(r.ServiceLineId)),
            ScopeKind.Client => ratings.Where(r => r.ClientId == id),
            ScopeKind.ServiceLine => ratings.Where(r => r.ServiceLineId == id),
            _ => ratings,
        };
    }

    /// <summary>Alerts as the queues scope them: a team's are those routed to it.</summary>
    public static IQueryable<Alert> InScope(this IQueryable<Alert> alerts, IAppDbContext db, ResolvedScope scope)
    {
        var id = scope.Id ?? Guid.Empty;
        return scope.Kind switch
        {
            ScopeKind.Team => alerts.Where(a => db.AlertRoutes.Any(r => r.AlertId == a.Id && r.TeamId == id)),
            ScopeKind.Client => alerts.Where(a => a.ClientId == id),
            ScopeKind.ServiceLine => alerts.Where(a => a.ServiceLineId == id),
            _ => alerts,
        };
    }

    /// <summary>A team's invocations: its clients', and those about transactions it performed or on its service lines.</summary>
    public static IQueryable<GuaranteeInvocation> InScope(this IQueryable<GuaranteeInvocation> invocations, IAppDbContext db, ResolvedScope scope)
    {
        var (id, clients, lines) = (scope.Id ?? Guid.Empty, scope.TeamClientIds, scope.TeamLineIds);
        return scope.Kind switch
        {
            ScopeKind.Team => invocations.Where(g => clients.Contains(g.ClientId)
                || db.Transactions.Any(t => t.Id == g.TransactionId && (t.PerformedByTeamId == id || lines.Contains(t.ServiceLineId)))),
            ScopeKind.Client => invocations.Where(g => g.ClientId == id),
            ScopeKind.ServiceLine => invocations.Where(g => db.Transactions.Any(t => t.Id == g.TransactionId && t.ServiceLineId == id)),
            _ => invocations,
        };
    }
}
