using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.Infrastructure.Seeding;

/// <summary>
/// The default alert rules, created once in a database that has none. From then on they are data that
/// administrators edit.
/// </summary>
public sealed class AlertRuleSeeder(AppDbContext db)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.AlertRules.AnyAsync(cancellationToken))
        {
            return;
        }

        db.AlertRules.AddRange(Defaults());
        await db.SaveChangesAsync(cancellationToken);
    }

    public static IEnumerable<AlertRule> Defaults()
    {
        yield return Rule("Poor overall score", AlertRuleKind.OverallAtOrBelow, AlertSeverity.High, 4, 72, threshold: 2);
        yield return Rule("Poor score on a dimension", AlertRuleKind.DimensionAtOrBelow, AlertSeverity.Medium, 8, 120, threshold: 2);
        yield return Rule("Critical failure category", AlertRuleKind.CriticalCategory, AlertSeverity.Critical, 2, 48);
        yield return Rule("Alarming comment (English)", AlertRuleKind.CommentKeyword, AlertSeverity.High, 4, 72,
            keywords: "cancel, lawyer, legal action, complaint, unacceptable, never again, switch supplier", language: "en");
        yield return Rule("Alarming comment (Spanish)", AlertRuleKind.CommentKeyword, AlertSeverity.High, 4, 72,
            keywords: "cancelar, abogado, inaceptable, queja, nunca más", language: "es");
        yield return Rule("Alarming comment (German)", AlertRuleKind.CommentKeyword, AlertSeverity.High, 4, 72,
            keywords: "kündigen, anwalt, inakzeptabel, beschwerde, nie wieder", language: "de");
        yield return Rule("Guarantee invoked", AlertRuleKind.GuaranteeInvoked, AlertSeverity.Critical, 2, 48);
        yield return Rule("Client's average is falling", AlertRuleKind.ClientAverageDrop, AlertSeverity.High, 24, 168, threshold: 0.8m);
        yield return Rule("Team CSAT below target", AlertRuleKind.TeamCsatBelowTarget, AlertSeverity.Medium, 48, 336, threshold: 80m);
        yield return Rule("Client's response rate collapsed", AlertRuleKind.ResponseRateCollapse, AlertSeverity.Medium, 48, 336, threshold: 30m);
    }

    private static AlertRule Rule(string name, AlertRuleKind kind, AlertSeverity severity, int acknowledgeHours, int resolveHours,
        decimal? threshold = null, string? keywords = null, string? language = null)
    {
        var rule = new AlertRule(name, kind, severity, acknowledgeHours, resolveHours);
        rule.Update(name, true, severity, acknowledgeHours, resolveHours, threshold, keywords, language, 30, 90);
        return rule;
    }
}
