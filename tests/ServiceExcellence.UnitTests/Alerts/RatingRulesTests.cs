using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Ratings;

namespace ServiceExcellence.UnitTests.Alerts;

public sealed class RatingRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 9, 0, 0, TimeSpan.Zero);

    private static AlertRule Rule(AlertRuleKind kind, decimal? threshold = null, string? keywords = null, string? language = null, bool enabled = true)
    {
        var rule = new AlertRule(kind.ToString(), kind, AlertSeverity.High, 4, 72);
        rule.Update(kind.ToString(), enabled, AlertSeverity.High, 4, 72, threshold, keywords, language, 30, 90);
        return rule;
    }

    private static Rating Rated(int overall, int? reliability = null, string? comment = null, string language = "en")
    {
        var rating = new Rating(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, Guid.NewGuid(), null, Now);
        rating.Answer(new RatingAnswer(overall, reliability, null, null, null, null, null, [], comment, language));
        return rating;
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(5, false)]
    public void The_overall_rule_fires_at_or_below_its_threshold(int overall, bool fires)
    {
        var fired = RatingRules.Evaluate(Rated(overall), [Rule(AlertRuleKind.OverallAtOrBelow, 2)], []);

        Assert.Equal(fires, fired.Count == 1);
        if (fires)
        {
            Assert.Equal($"overall {overall} ≤ 2", fired[0].Detail);
        }
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(null, false)]
    public void The_dimension_rule_fires_when_any_answered_dimension_is_at_or_below_its_threshold(int? reliability, bool fires)
    {
        var fired = RatingRules.Evaluate(Rated(4, reliability), [Rule(AlertRuleKind.DimensionAtOrBelow, 2)], []);

        Assert.Equal(fires, fired.Count == 1);
    }

    [Fact]
    public void A_critical_category_fires_whatever_the_score()
    {
        var critical = new FailureCategory("Rude staff", null, isCritical: true, 1);
        var ordinary = new FailureCategory("Late", null, isCritical: false, 2);

        var fired = RatingRules.Evaluate(Rated(4), [Rule(AlertRuleKind.CriticalCategory)], [critical, ordinary]);
        var notFired = RatingRules.Evaluate(Rated(4), [Rule(AlertRuleKind.CriticalCategory)], [ordinary]);

        Assert.Equal("critical category: Rude staff", Assert.Single(fired).Detail);
        Assert.Empty(notFired);
    }

    [Theory]
    [InlineData("We will CANCEL the contract", "en", true)]
    [InlineData("Wir werden kündigen", "en", false)]
    [InlineData("All good", "en", false)]
    public void A_keyword_rule_fires_on_a_keyword_in_its_language_whatever_the_case(string comment, string language, bool fires)
    {
        var fired = RatingRules.Evaluate(Rated(4, comment: comment, language: language), [Rule(AlertRuleKind.CommentKeyword, keywords: "cancel, lawyer", language: "en")], []);

        Assert.Equal(fires, fired.Count == 1);
    }

    [Fact]
    public void Disabled_and_trend_rules_do_not_run_on_a_rating()
    {
        var fired = RatingRules.Evaluate(Rated(1), [Rule(AlertRuleKind.OverallAtOrBelow, 2, enabled: false), Rule(AlertRuleKind.ClientAverageDrop, 0.5m)], []);

        Assert.Empty(fired);
    }
}
