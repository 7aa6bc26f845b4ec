using System.Globalization;
using FluentValidation;
using ServiceExcellence.Application.AlertRules;
using ServiceExcellence.Domain.Alerts;

namespace ServiceExcellence.UnitTests.AlertRules;

/// <summary>The edges of each kind's threshold, and what a rule says it checks. The pages are covered by the integration tests.</summary>
public sealed class SaveAlertRuleValidatorTests
{
    [Theory]
    [InlineData(AlertRuleKind.OverallAtOrBelow, "1")]
    [InlineData(AlertRuleKind.OverallAtOrBelow, "5")]
    [InlineData(AlertRuleKind.DimensionAtOrBelow, "3")]
    [InlineData(AlertRuleKind.ClientAverageDrop, "0.1")]
    [InlineData(AlertRuleKind.ClientAverageDrop, "4")]
    [InlineData(AlertRuleKind.ClientAverageDrop, "0.75")]
    [InlineData(AlertRuleKind.TeamCsatBelowTarget, "100")]
    [InlineData(AlertRuleKind.TeamCsatBelowTarget, "82.5")]
    [InlineData(AlertRuleKind.ResponseRateCollapse, "1")]
    public async Task Thresholds_within_their_kinds_range_are_accepted(AlertRuleKind kind, string threshold)
    {
        Assert.Empty(await ThresholdErrorsAsync(kind, decimal.Parse(threshold, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(AlertRuleKind.OverallAtOrBelow, "0")]
    [InlineData(AlertRuleKind.OverallAtOrBelow, "2.5")]
    [InlineData(AlertRuleKind.DimensionAtOrBelow, "6")]
    [InlineData(AlertRuleKind.ClientAverageDrop, "0.05")]
    [InlineData(AlertRuleKind.ClientAverageDrop, "4.01")]
    [InlineData(AlertRuleKind.TeamCsatBelowTarget, "0.5")]
    [InlineData(AlertRuleKind.ResponseRateCollapse, "100.5")]
    [InlineData(AlertRuleKind.ResponseRateCollapse, null)]
    public async Task Thresholds_outside_their_kinds_range_or_missing_are_refused(AlertRuleKind kind, string? threshold)
    {
        var errors = await ThresholdErrorsAsync(kind, threshold is null ? null : decimal.Parse(threshold, CultureInfo.InvariantCulture));

        Assert.Equal([SaveAlertRule.ThresholdOf(kind)!.Message], errors);
    }

    [Fact]
    public async Task The_category_and_guarantee_rules_have_no_threshold_to_check()
    {
        Assert.Empty(await ThresholdErrorsAsync(AlertRuleKind.CriticalCategory, null));
        Assert.Empty(await ThresholdErrorsAsync(AlertRuleKind.GuaranteeInvoked, null));
    }

    [Fact]
    public async Task A_team_csat_rule_has_no_baseline_to_check()
    {
        var command = new SaveAlertRule.Command { Id = Guid.NewGuid(), Kind = AlertRuleKind.TeamCsatBelowTarget, WindowDays = 60, BaselineDays = 30 };

        var result = await new SaveAlertRule.Validator().ValidateAsync(command, options => options.IncludeProperties(nameof(command.BaselineDays)));

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Each_default_rule_says_in_words_what_it_checks()
    {
        AlertRule Rule(AlertRuleKind kind, decimal? threshold = null, string? keywords = null, string? language = null)
        {
            var rule = new AlertRule("Rule", kind, AlertSeverity.High, 4, 72);
            rule.Update("Rule", true, AlertSeverity.High, 4, 72, threshold, keywords, language, 30, 90);
            return rule;
        }

        Assert.Equal("Overall ≤ 2", ListAlertRules.Checks(Rule(AlertRuleKind.OverallAtOrBelow, 2)));
        Assert.Equal("Any dimension ≤ 2", ListAlertRules.Checks(Rule(AlertRuleKind.DimensionAtOrBelow, 2.00m)));
        Assert.Equal("Comment (de) mentions: kündigen, anwalt…", ListAlertRules.Checks(Rule(AlertRuleKind.CommentKeyword, keywords: "kündigen, anwalt, inakzeptabel", language: "de")));
        Assert.Equal("Comment (any language) mentions: refund", ListAlertRules.Checks(Rule(AlertRuleKind.CommentKeyword, keywords: "refund")));
        Assert.Equal("Client's 30-day average falls ≥ 0.8 below its previous 90 days", ListAlertRules.Checks(Rule(AlertRuleKind.ClientAverageDrop, 0.8m)));
        Assert.Equal("Team's 30-day CSAT is below 80 %", ListAlertRules.Checks(Rule(AlertRuleKind.TeamCsatBelowTarget, 80m)));
        Assert.Equal("Client's 30-day response rate falls ≥ 30 points below its previous 90 days", ListAlertRules.Checks(Rule(AlertRuleKind.ResponseRateCollapse, 30m)));
    }

    private static async Task<List<string>> ThresholdErrorsAsync(AlertRuleKind kind, decimal? threshold)
    {
        var command = new SaveAlertRule.Command { Id = Guid.NewGuid(), Kind = kind, Threshold = threshold };
        var result = await new SaveAlertRule.Validator().ValidateAsync(command, options => options.IncludeProperties(nameof(command.Threshold)));
        return result.Errors.Select(e => e.ErrorMessage).ToList();
    }
}
