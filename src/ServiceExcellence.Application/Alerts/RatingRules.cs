using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Ratings;

namespace ServiceExcellence.Application.Alerts;

/// <summary>Which rating rules a rating trips, and with which values. Pure: no database, no clock.</summary>
public static class RatingRules
{
    public static List<(AlertRule Rule, string Detail)> Evaluate(Rating rating, IReadOnlyCollection<AlertRule> rules, IReadOnlyCollection<FailureCategory> chosenCategories)
    {
        var fired = new List<(AlertRule, string)>();
        foreach (var rule in rules.Where(r => r.IsEnabled))
        {
            var detail = rule.Kind switch
            {
                AlertRuleKind.OverallAtOrBelow when rule.Threshold is { } t && rating.Overall <= t =>
                    $"overall {rating.Overall} ≤ {t:0.##}",
                AlertRuleKind.DimensionAtOrBelow when rule.Threshold is { } t => LowDimensions(rating, t),
                AlertRuleKind.CriticalCategory => chosenCategories.Where(c => c.IsCritical).Select(c => c.Name).ToList() is { Count: > 0 } names
                    ? "critical category: " + string.Join(", ", names)
                    : null,
                AlertRuleKind.CommentKeyword => MatchedKeyword(rule, rating),
                _ => null,
            };
            if (detail is not null)
            {
                fired.Add((rule, detail));
            }
        }

        return fired;
    }

    private static string? LowDimensions(Rating rating, decimal threshold)
    {
        (string Name, int? Score)[] dimensions =
        [
            ("reliability", rating.Reliability), ("responsiveness", rating.Responsiveness), ("feeling valued", rating.FeelingValued),
            ("empathy", rating.Empathy), ("competency", rating.Competency),
        ];
        var low = dimensions.Where(d => d.Score <= threshold).Select(d => $"{d.Name} {d.Score}").ToList();
        return low.Count == 0 ? null : $"{string.Join(", ", low)} ≤ {threshold:0.##}";
    }

    private static string? MatchedKeyword(AlertRule rule, Rating rating)
    {
        if (rating.Comment is not { } comment || (rule.Language is { } language && language != rating.Language))
        {
            return null;
        }

        var keyword = rule.KeywordList.FirstOrDefault(k => comment.Contains(k, StringComparison.OrdinalIgnoreCase));
        return keyword is null ? null : $"comment mentions “{keyword}”";
    }
}
