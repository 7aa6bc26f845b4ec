using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Insight;

namespace ServiceExcellence.Application.Insight;

/// <summary>
/// Alert figures of a scope over a range, added up from the daily alert rollups (<see cref="InsightAlertDay"/>):
/// alerts raised, how many were acknowledged and how long that took on average, how many were resolved (the client
/// recovered) and how long that took, and SLA compliance. An alert counts towards an SLA once it is done or its due
/// time has passed, so alerts still within their time neither help nor hurt; the overdue unresolved alerts are
/// counted with SQL per provider because SQLite stores instants as UTC ticks, which EF cannot compare to days.
/// </summary>
public static class AlertFigures
{
    /// <summary>One UTC day's sums (day as <see cref="DateOnly.DayNumber"/>); see <see cref="Totals"/> for the figures.</summary>
    public sealed class DayRow
    {
        public int Day { get; set; }
        public long Raised { get; set; }
        public long? Acknowledged { get; set; }
        public double? HoursToAcknowledge { get; set; }
        public long? Resolved { get; set; }
        public double? HoursToResolve { get; set; }
        public long? AcknowledgeDue { get; set; }
        public long? AcknowledgedInTime { get; set; }
        public long? ResolveDue { get; set; }
        public long? ResolvedInTime { get; set; }
        public double? RevenueAtRisk { get; set; }
    }

    public sealed record Totals(
        long Raised, long Acknowledged, double? HoursToAcknowledge, long Resolved, double? HoursToRecover,
        long AcknowledgeDue, long AcknowledgedInTime, long ResolveDue, long ResolvedInTime, decimal RevenueAtRisk)
    {
        public static readonly Totals None = new(0, 0, null, 0, null, 0, 0, 0, 0, 0m);

        public double? AcknowledgeSlaPercent => Percent(AcknowledgedInTime, AcknowledgeDue);

        public double? ResolveSlaPercent => Percent(ResolvedInTime, ResolveDue);

        /// <summary>Adds up days: averages are the summed hours over the summed counts.</summary>
        public static Totals Of(IEnumerable<DayRow> days)
        {
            var rows = days.ToList();
            long Sum(Func<DayRow, long?> f) => rows.Sum(r => f(r) ?? 0);
            double? Mean(Func<DayRow, double?> hours, long count) => count == 0 ? null : Math.Round(rows.Sum(r => hours(r) ?? 0) / count, 1);
            var (acknowledged, resolved) = (Sum(r => r.Acknowledged), Sum(r => r.Resolved));
            return new Totals(Sum(r => r.Raised), acknowledged, Mean(r => r.HoursToAcknowledge, acknowledged), resolved, Mean(r => r.HoursToResolve, resolved),
                Sum(r => r.AcknowledgeDue), Sum(r => r.AcknowledgedInTime), Sum(r => r.ResolveDue), Sum(r => r.ResolvedInTime),
                Math.Round((decimal)rows.Sum(r => r.RevenueAtRisk ?? 0), 2));
        }
    }

    /// <summary>
    /// Per UTC day raised in <paramref name="range"/>: counts, summed hours to acknowledge and to resolve, SLA counts
    /// (an alert is due once done or past its due time at <paramref name="now"/>) and revenue at risk. What does not
    /// depend on the moment comes from the alert rollups (one row per day of the scope); only the unresolved alerts
    /// are read, to count those past their due time at <paramref name="now"/>.
    /// </summary>
    public static async Task<List<DayRow>> PerDayAsync(IAppDbContext db, ResolvedScope scope, InsightRange range, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (kind, id) = RollupScope(scope);
        var (from, to) = (range.From.DayNumber, range.To.DayNumber);
        var rows = await db.InsightAlertDays.AsNoTracking()
            .Where(d => d.Scope == kind && d.ScopeId == id && d.Day >= from && d.Day <= to)
            .ToDictionaryAsync(d => d.Day, cancellationToken);

        // Unresolved alerts past their due time: resolving acknowledges, so every alert that is not yet
        // acknowledged is among them, and the filtered index holds only these (the open queue).
        var sql = new Sql(db);
        string Count(string condition) => sql.Big($"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)");
        var nowParameter = sql.P(now);
        var day = sql.DayNumber("a.\"CreatedAt\"");
        var text = $"""
            SELECT {day} AS "Day",
              {Count($"a.\"AcknowledgedAt\" IS NULL AND a.\"AcknowledgeBy\" < {nowParameter}")} AS "AcknowledgeOverdue",
              {Count($"a.\"ResolveBy\" < {nowParameter}")} AS "ResolveOverdue"
            FROM "Alerts" AS a
            WHERE a."ResolvedAt" IS NULL AND {sql.Where(scope, range)}
            GROUP BY {day}
            """;
        var overdue = (await db.Database.SqlQueryRaw<OverdueRow>(text, sql.Parameters.ToArray()).ToListAsync(cancellationToken))
            .ToDictionary(o => o.Day);

        return rows.Keys.Union(overdue.Keys).Order().Select(d =>
        {
            var r = rows.GetValueOrDefault(d) ?? new InsightAlertDay { Day = d };
            var o = overdue.GetValueOrDefault(d);
            return new DayRow
            {
                Day = d,
                Raised = r.Raised,
                Acknowledged = r.Acknowledged,
                HoursToAcknowledge = r.AcknowledgeMilliseconds / 3_600_000.0,
                Resolved = r.Resolved,
                HoursToResolve = r.ResolveMilliseconds / 3_600_000.0,
                AcknowledgeDue = r.Acknowledged + (o?.AcknowledgeOverdue ?? 0),
                AcknowledgedInTime = r.AcknowledgedInTime,
                ResolveDue = r.Resolved + (o?.ResolveOverdue ?? 0),
                ResolvedInTime = r.ResolvedInTime,
                RevenueAtRisk = (double)r.RevenueAtRisk,
            };
        }).ToList();
    }

    /// <summary>The rollup rows that count a scope's alerts: the company's, a team's (the alerts routed to it), a client's or a service line's.</summary>
    public static (AlertRollupScope Kind, Guid Id) RollupScope(ResolvedScope scope) => scope.Kind switch
    {
        ScopeKind.Team => (AlertRollupScope.Team, scope.Id!.Value),
        ScopeKind.Client => (AlertRollupScope.Client, scope.Id!.Value),
        ScopeKind.ServiceLine => (AlertRollupScope.ServiceLine, scope.Id!.Value),
        _ => (AlertRollupScope.Company, Guid.Empty),
    };

    private sealed class OverdueRow
    {
        public int Day { get; set; }
        public long AcknowledgeOverdue { get; set; }
        public long ResolveOverdue { get; set; }
    }

    private static double? Percent(long part, long whole) => whole == 0 ? null : Math.Round(part * 100.0 / whole, 1);

    /// <summary>Builds provider-specific SQL with positional parameters.</summary>
    private sealed class Sql(IAppDbContext db)
    {
        private readonly bool _sqlite = db.Database.ProviderName?.EndsWith(".Sqlite", StringComparison.Ordinal) == true;

        public List<object> Parameters { get; } = [];

        /// <summary>A parameter bound as the column stores it: on SQLite instants are UTC ticks and ids upper-case text.</summary>
        public string P(object value)
        {
            Parameters.Add(value switch
            {
                DateTimeOffset instant when _sqlite => instant.UtcTicks,
                Guid id when _sqlite => id.ToString().ToUpperInvariant(),
                _ => value,
            });
            return "{" + (Parameters.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        }

        public string Big(string expression) => _sqlite ? expression : $"CAST({expression} AS bigint)";

        public string DayNumber(string column) =>
            _sqlite ? $"({column} / 864000000000)" : $"DATEDIFF(day, CAST('0001-01-01' AS date), CAST(SWITCHOFFSET({column}, '+00:00') AS date))";

        public string Where(ResolvedScope scope, InsightRange range)
        {
            var where = $"a.\"CreatedAt\" >= {P(range.Start)} AND a.\"CreatedAt\" < {P(range.End)}";
            return scope.Kind switch
            {
                ScopeKind.Team => where + $" AND EXISTS (SELECT 1 FROM \"AlertRoutes\" AS r WHERE r.\"AlertId\" = a.\"Id\" AND r.\"TeamId\" = {P(scope.Id!.Value)})",
                ScopeKind.Client => where + $" AND a.\"ClientId\" = {P(scope.Id!.Value)}",
                ScopeKind.ServiceLine => where + $" AND a.\"ServiceLineId\" = {P(scope.Id!.Value)}",
                _ => where,
            };
        }
    }
}
