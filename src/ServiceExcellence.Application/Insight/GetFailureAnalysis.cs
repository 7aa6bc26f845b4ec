using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Initiatives;
using ServiceExcellence.Domain.Insight;

namespace ServiceExcellence.Application.Insight;

/// <summary>
/// When and why service fails, for a scope and range: what went wrong (the failure categories customers chose) by
/// service line; poor ratings (overall 1–2) by weekday and hour of submission (UTC); and "return on satisfaction":
/// failure categories and improvement initiatives ranked by the revenue at risk behind the alerts of the range.
/// </summary>
public static class GetFailureAnalysis
{
    public const string CategoryFormula =
        "category revenue at risk = sum over distinct clients of the largest revenue at risk among the period's alerts raised on ratings that named the category";

    public sealed record Query(ScopeKind Scope, Guid? Id = null, DateOnly? From = null, DateOnly? To = null) : IQuery<Model>;

    public sealed record Model(
        InsightRange Range, IReadOnlyList<string> Categories, IReadOnlyList<LineFailures> ByServiceLine,
        long[][] PoorByWeekdayHour, long PoorRatings, IReadOnlyList<Ranked> CategoriesAtRisk, IReadOnlyList<Ranked> InitiativesAtRisk,
        string InitiativeFormula);

    /// <summary>One service line's count of ratings naming each category, in the order of <c>Categories</c>.</summary>
    public sealed record LineFailures(string ServiceLine, IReadOnlyList<long> Counts)
    {
        public long Total => Counts.Sum();
    }

    public sealed record Ranked(Guid Id, string Name, int Alerts, int Clients, decimal RevenueAtRisk);

    /// <summary>Weekdays of the heat map, Monday first.</summary>
    public static readonly IReadOnlyList<string> Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(TimeProvider clock) => InsightRange.Validate(this, q => q.From, q => q.To, clock);
    }

    public sealed class Handler(IAppDbContext db, InsightAccess access, TimeProvider clock) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var scope = await access.ResolveAsync(query.Scope, query.Id, cancellationToken);
            var range = InsightRange.Of(query.From, query.To, clock);
            var (from, to) = (range.From.DayNumber, range.To.DayNumber);

            var failures = await db.InsightFailures.AsNoTracking().InScope(scope).Between(from, to)
                .GroupBy(f => new { f.ServiceLineId, f.FailureCategoryId })
                .Select(g => new { g.Key.ServiceLineId, g.Key.FailureCategoryId, Ratings = g.Sum(f => f.Ratings) })
                .Where(g => g.Ratings != 0)
                .ToListAsync(cancellationToken);
            var categoryNames = await db.FailureCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
            var lineNames = await db.ServiceLines.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
            var categories = failures.GroupBy(f => f.FailureCategoryId)
                .OrderByDescending(g => g.Sum(f => f.Ratings)).ThenBy(g => categoryNames.GetValueOrDefault(g.Key), StringComparer.CurrentCulture)
                .Select(g => g.Key).ToList();
            var byLine = failures.GroupBy(f => f.ServiceLineId)
                .Select(g => new LineFailures(lineNames.GetValueOrDefault(g.Key, "Unknown service line"),
                    categories.Select(c => g.Where(f => f.FailureCategoryId == c).Sum(f => f.Ratings)).ToList()))
                .OrderByDescending(l => l.Total).ThenBy(l => l.ServiceLine, StringComparer.CurrentCulture)
                .ToList();

            var slots = await db.InsightPoorHours.AsNoTracking().InScope(scope).Between(from, to)
                .GroupBy(h => new { h.Day, h.Hour })
                .Select(g => new { g.Key.Day, g.Key.Hour, Ratings = g.Sum(h => h.Ratings) })
                .ToListAsync(cancellationToken);
            var heat = Enumerable.Range(0, 7).Select(_ => new long[24]).ToArray();
            foreach (var slot in slots)
            {
                // Monday = 0: DayOfWeek counts from Sunday.
                heat[((int)DateOnly.FromDayNumber(slot.Day).DayOfWeek + 6) % 7][slot.Hour] += slot.Ratings;
            }

            var perCategory = await AlertsPerCategoryAsync(scope, range, cancellationToken);
            // Alerts linked to an initiative are few: read them through the initiative index (all dates) and keep the
            // range here, rather than let the planner scan a year of alerts by date.
            var initiatives = await db.Initiatives.AsNoTracking().Select(i => (Guid?)i.Id).ToListAsync(cancellationToken);
            var linked = await db.Alerts.AsNoTracking().InScope(db, scope)
                .Where(a => initiatives.Contains(a.InitiativeId) && a.ClientId != null)
                .Select(a => new { Id = a.InitiativeId!.Value, a.ClientId, a.CreatedAt, a.RevenueAtRisk })
                .ToListAsync(cancellationToken);
            var perInitiative = linked.Where(a => a.CreatedAt >= range.Start && a.CreatedAt < range.End)
                .GroupBy(a => new { a.Id, a.ClientId })
                .Select(g => new { g.Key.Id, g.Key.ClientId, Alerts = g.Count(), Largest = g.Max(a => a.RevenueAtRisk) })
                .ToList();
            var initiativeIds = perInitiative.Select(i => i.Id).Distinct().ToList();
            var titles = await db.Initiatives.AsNoTracking().Where(i => initiativeIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Title, cancellationToken);

            var categoriesAtRisk = Rank(perCategory, id => categoryNames.GetValueOrDefault(id, "Unknown category"));
            var initiativesAtRisk = Rank(perInitiative.Select(i => (i.Id, i.Alerts, i.Largest)), id => titles.GetValueOrDefault(id, "Unknown initiative"));
            return new Model(range, categories.Select(c => categoryNames.GetValueOrDefault(c, "Unknown category")).ToList(), byLine,
                heat, heat.Sum(d => d.Sum()), categoriesAtRisk, initiativesAtRisk, InitiativeFigures.Formula);
        }

        /// <summary>
        /// Per failure category and client, the alerts of the range raised on ratings that named the category and the
        /// largest revenue at risk among them, from the alert rollups: whole months inside the range from the month
        /// rows, the days before and after them from the day rows.
        /// </summary>
        private async Task<List<(Guid Id, int Alerts, decimal Largest)>> AlertsPerCategoryAsync(ResolvedScope scope, InsightRange range, CancellationToken cancellationToken)
        {
            var (kind, id) = AlertFigures.RollupScope(scope);
            var (from, to) = (range.From.DayNumber, range.To.DayNumber);
            var firstMonth = range.From.Day == 1 ? range.From : new DateOnly(range.From.Year, range.From.Month, 1).AddMonths(1);
            var (monthsFrom, monthsTo) = (firstMonth.DayNumber, firstMonth.DayNumber - 1);
            for (var month = firstMonth; month.AddMonths(1).DayNumber - 1 <= to; month = month.AddMonths(1))
            {
                monthsTo = month.AddMonths(1).DayNumber - 1;
            }

            var (lastMonth, months) = (monthsTo >= monthsFrom ? InsightAlertCategory.MonthOf(monthsTo) : monthsFrom - 1, monthsTo >= monthsFrom);
            var (daysBefore, daysAfter) = months ? (monthsFrom - 1, monthsTo + 1) : (to, to + 1);
            var rows = await db.InsightAlertCategories.AsNoTracking()
                .Where(c => c.Scope == kind && c.ScopeId == id
                    && ((c.Period == InsightAlertCategory.MonthPeriod && c.Day >= monthsFrom && c.Day <= lastMonth)
                        || (c.Period == InsightAlertCategory.DayPeriod && ((c.Day >= from && c.Day <= daysBefore) || (c.Day >= daysAfter && c.Day <= to)))))
                .GroupBy(c => new { c.FailureCategoryId, c.ClientId, c.RevenueAtRisk })
                .Select(g => new { g.Key.FailureCategoryId, g.Key.ClientId, g.Key.RevenueAtRisk, Alerts = g.Sum(c => c.Alerts) })
                .ToListAsync(cancellationToken);
            return rows.Where(r => r.Alerts > 0)
                .GroupBy(r => new { r.FailureCategoryId, r.ClientId })
                .Select(g => (g.Key.FailureCategoryId, (int)g.Sum(r => r.Alerts), g.Max(r => r.RevenueAtRisk)))
                .ToList();
        }

        /// <summary>Each row is one client's alerts under one category or initiative: a client counts once, with its largest alert.</summary>
        private static List<Ranked> Rank(IEnumerable<(Guid Id, int Alerts, decimal Largest)> perClient, Func<Guid, string> name) =>
            perClient.GroupBy(x => x.Id)
                .Select(g => new Ranked(g.Key, name(g.Key), g.Sum(x => x.Alerts), g.Count(), Math.Round(g.Sum(x => x.Largest), 2)))
                .OrderByDescending(r => r.RevenueAtRisk).ThenByDescending(r => r.Alerts).ThenBy(r => r.Name, StringComparer.CurrentCulture)
                .ToList();
    }
}
