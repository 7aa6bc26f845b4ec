using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.AlertRules;

/// <summary>Every alert rule, grouped by when it runs, with what it checks in words.</summary>
public static class ListAlertRules
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query : IQuery<IReadOnlyList<Group>>;

    public sealed record Group(string Title, string Explanation, IReadOnlyList<Row> Rules);

    public sealed record Row(
        Guid Id, string Name, AlertRuleKind Kind, string Checks, string? AllKeywords, AlertSeverity Severity,
        int AcknowledgeWithinHours, int ResolveWithinHours, bool IsEnabled);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, IReadOnlyList<Group>>
    {
        public async ValueTask<IReadOnlyList<Group>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rules = await db.AlertRules.AsNoTracking().ToListAsync(cancellationToken);
            var rows = rules
                .OrderBy(r => r.Kind).ThenBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)
                .Select(r => new Row(
                    r.Id, r.Name, r.Kind, Checks(r), r.Kind == AlertRuleKind.CommentKeyword ? r.Keywords : null, r.Severity,
                    r.AcknowledgeWithinHours, r.ResolveWithinHours, r.IsEnabled))
                .ToList();
            return
            [
                new("Rating rules", "Run on every rating the moment it is submitted, in the same transaction; a rating raises at most one alert, however many of them it trips.",
                    rows.Where(r => !r.Kind.IsTrend() && r.Kind != AlertRuleKind.GuaranteeInvoked).ToList()),
                new("Guarantee", "Runs when a client invokes the unconditional guarantee.",
                    rows.Where(r => r.Kind == AlertRuleKind.GuaranteeInvoked).ToList()),
                new("Trend rules", "Compare a recent window of days with what came before, to catch a slow decline that no single rating shows.",
                    rows.Where(r => r.Kind.IsTrend()).ToList()),
            ];
        }
    }

    /// <summary>What a rule checks, in words: “Overall ≤ 2”, “Comment (de) mentions: kündigen, anwalt…”.</summary>
    public static string Checks(AlertRule rule)
    {
        var threshold = rule.Threshold?.ToString("0.##", CultureInfo.InvariantCulture) ?? "?";
        return rule.Kind switch
        {
            AlertRuleKind.OverallAtOrBelow => $"Overall ≤ {threshold}",
            AlertRuleKind.DimensionAtOrBelow => $"Any dimension ≤ {threshold}",
            AlertRuleKind.CriticalCategory => "A failure category marked critical is chosen",
            AlertRuleKind.CommentKeyword => $"Comment ({rule.Language ?? "any language"}) mentions: {FirstKeywords(rule)}",
            AlertRuleKind.GuaranteeInvoked => "The client invokes the guarantee",
            AlertRuleKind.ClientAverageDrop =>
                $"Client's {rule.WindowDays}-day average falls ≥ {threshold} below its previous {rule.BaselineDays} days",
            AlertRuleKind.TeamCsatBelowTarget => $"Team's {rule.WindowDays}-day CSAT is below {threshold} %",
            AlertRuleKind.ResponseRateCollapse =>
                $"Client's {rule.WindowDays}-day response rate falls ≥ {threshold} points below its previous {rule.BaselineDays} days",
            _ => rule.Kind.Describe(),
        };
    }

    private static string FirstKeywords(AlertRule rule)
    {
        const int Shown = 2;
        var keywords = rule.KeywordList.ToList();
        return string.Join(", ", keywords.Take(Shown)) + (keywords.Count > Shown ? "…" : string.Empty);
    }
}
