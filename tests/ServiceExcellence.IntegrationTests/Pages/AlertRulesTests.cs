using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.People;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.IntegrationTests.Surveys;

namespace ServiceExcellence.IntegrationTests.Pages;

/// <summary>Administrators edit the alert rules seeded at start-up, add keyword and threshold rules, and ratings honour them.</summary>
public sealed class AlertRulesTests : IAsyncLifetime
{
    private const string Form = "#alert-rule-form";
    private const string PoorOverall = "Poor overall score";
    private const string SpanishComment = "Alarming comment (Spanish)";

    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_list_groups_the_default_rules_and_says_in_words_what_each_checks()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var page = await admin.GetPageAsync("/Admin/AlertRules");

        Assert.Equal(["Rating rules", "Guarantee", "Trend rules"], page.QuerySelectorAll("main section h2").Select(h => h.TextContent));
        Assert.Equal(10, page.QuerySelectorAll("tbody tr").Length);
        var checks = page.QuerySelectorAll("td.rule-checks").Select(c => c.TextContent).ToList();
        Assert.Contains("Overall ≤ 2", checks);
        Assert.Contains("Comment (de) mentions: kündigen, anwalt…", checks);
        Assert.Contains("Client's 30-day average falls ≥ 0.8 below its previous 90 days", checks);
        var overall = await RuleAsync(PoorOverall);
        var row = page.QuerySelector($"#rule-{overall.Id}")!;
        Assert.Equal("High", row.QuerySelector(".badge.text-bg-warning")!.TextContent);
        Assert.Contains("4 h", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("3 days", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("Enabled", row.QuerySelector(".rule-status")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_administrator_changes_a_rules_threshold_severity_and_service_level()
    {
        var rule = await RuleAsync(PoorOverall);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync($"/Admin/AlertRules/Edit/{rule.Id}", new()
        {
            ["Input.Threshold"] = "3",
            ["Input.Severity"] = "Critical",
            ["Input.AcknowledgeWithinHours"] = "2",
            ["Input.ResolveWithinHours"] = "24",
        }, Form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await RuleAsync(PoorOverall);
        Assert.Equal((3m, AlertSeverity.Critical, 2, 24, true), (saved.Threshold, saved.Severity, saved.AcknowledgeWithinHours, saved.ResolveWithinHours, saved.IsEnabled));
        var list = await admin.GetPageAsync("/Admin/AlertRules");
        Assert.Contains("Overall ≤ 3", list.QuerySelector($"#rule-{rule.Id}")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Name_hours_and_threshold_out_of_range_are_refused_next_to_their_fields()
    {
        var rule = await RuleAsync(PoorOverall);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync($"/Admin/AlertRules/Edit/{rule.Id}", new()
        {
            ["Input.Name"] = " ",
            ["Input.AcknowledgeWithinHours"] = "0",
            ["Input.ResolveWithinHours"] = "2161",
            ["Input.Threshold"] = "6",
        }, Form);

        var page = await StaffSession.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Enter the rule's name.", StaffSession.FieldError(page, "Input.Name"));
        Assert.Equal("Enter from 1 to 720 hours (30 days).", StaffSession.FieldError(page, "Input.AcknowledgeWithinHours"));
        Assert.Equal("Enter at most 2,160 hours (90 days).", StaffSession.FieldError(page, "Input.ResolveWithinHours"));
        Assert.Equal("Enter a whole score from 1 to 5.", StaffSession.FieldError(page, "Input.Threshold"));
        await AssertUnchangedAsync(rule);
    }

    [Fact]
    public async Task A_long_name_resolving_before_acknowledging_and_a_missing_threshold_are_refused()
    {
        var rule = await RuleAsync(PoorOverall);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync($"/Admin/AlertRules/Edit/{rule.Id}", new()
        {
            ["Input.Name"] = new string('x', 101),
            ["Input.AcknowledgeWithinHours"] = "10",
            ["Input.ResolveWithinHours"] = "5",
            ["Input.Threshold"] = string.Empty,
        }, Form);

        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("The name must be at most 100 characters.", StaffSession.FieldError(page, "Input.Name"));
        Assert.Equal("Resolve no sooner than acknowledge: enter at least 10 hours.", StaffSession.FieldError(page, "Input.ResolveWithinHours"));
        Assert.Equal("Enter a whole score from 1 to 5.", StaffSession.FieldError(page, "Input.Threshold"));
        await AssertUnchangedAsync(rule);
    }

    [Theory]
    [InlineData(" , ,", "es", "Input.Keywords", "Enter at least one keyword; separate keywords with commas.")]
    [InlineData("queja", "spanish", "Input.Language", "Enter a language code of 2 or 3 letters, such as en, es or de, or leave it empty for every language.")]
    [InlineData("1001", "es", "Input.Keywords", "The keywords must be at most 1,000 characters.")]
    public async Task A_keyword_rule_needs_keywords_and_a_short_language_code(string keywords, string language, string field, string message)
    {
        var rule = await RuleAsync(SpanishComment);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync($"/Admin/AlertRules/Edit/{rule.Id}", new()
        {
            ["Input.Keywords"] = keywords == "1001" ? string.Join(", ", Enumerable.Repeat("inaceptable", 84)) : keywords,
            ["Input.Language"] = language,
        }, Form);

        var page = await StaffSession.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, StaffSession.FieldError(page, field));
        await AssertUnchangedAsync(rule);
    }

    [Theory]
    [InlineData("Client's average is falling", "Input.Threshold", "5", "Enter a drop from 0.1 to 4 points.")]
    [InlineData("Team CSAT below target", "Input.Threshold", "0", "Enter a CSAT target from 1 to 100 %.")]
    [InlineData("Client's response rate collapsed", "Input.Threshold", "101", "Enter a drop from 1 to 100 percentage points.")]
    [InlineData("Client's average is falling", "Input.WindowDays", "6", "Enter a window from 7 to 180 days.")]
    [InlineData("Client's average is falling", "Input.BaselineDays", "366", "Enter a baseline from 14 to 365 days.")]
    [InlineData("Client's response rate collapsed", "Input.BaselineDays", "30", "The baseline must be longer than the window (30 days).")]
    public async Task A_trend_rules_threshold_window_and_baseline_are_checked_for_its_kind(string name, string field, string value, string message)
    {
        var rule = await RuleAsync(name);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync($"/Admin/AlertRules/Edit/{rule.Id}", new() { [field] = value }, Form);

        var page = await StaffSession.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, StaffSession.FieldError(page, field));
        await AssertUnchangedAsync(rule);
    }

    [Fact]
    public async Task The_form_shows_only_the_fields_of_the_rules_kind()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var overall = await admin.GetPageAsync($"/Admin/AlertRules/Edit/{(await RuleAsync(PoorOverall)).Id}");
        var comment = await admin.GetPageAsync($"/Admin/AlertRules/Edit/{(await RuleAsync(SpanishComment)).Id}");
        var teamCsat = await admin.GetPageAsync($"/Admin/AlertRules/Edit/{(await RuleAsync("Team CSAT below target")).Id}");
        var clientAverage = await admin.GetPageAsync($"/Admin/AlertRules/Edit/{(await RuleAsync("Client's average is falling")).Id}");

        static string[] Fields(AngleSharp.Dom.IDocument page) =>
            page.QuerySelectorAll($"{Form} [name^='Input.']").Where(e => e.GetAttribute("type") != "hidden").Select(e => e.GetAttribute("name")!).Distinct().ToArray();
        string[] common = ["Input.Name", "Input.IsEnabled", "Input.Severity", "Input.AcknowledgeWithinHours", "Input.ResolveWithinHours"];
        Assert.Equal(common.Append("Input.Threshold").Order(), Fields(overall).Order());
        Assert.Equal(common.Concat(["Input.Keywords", "Input.Language"]).Order(), Fields(comment).Order());
        Assert.Equal(common.Concat(["Input.Threshold", "Input.WindowDays"]).Order(), Fields(teamCsat).Order());
        Assert.Equal(common.Concat(["Input.Threshold", "Input.WindowDays", "Input.BaselineDays"]).Order(), Fields(clientAverage).Order());
        Assert.Null(overall.QuerySelector("#kind-form"));
        Assert.Contains("highest severity", overall.QuerySelector("#severityHelp")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("escalates to the managers", overall.QuerySelector("#slaHelp")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_a_rule_offers_only_the_kinds_that_may_have_more_than_one_rule_and_shows_the_chosen_kinds_fields()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var page = await admin.GetPageAsync("/Admin/AlertRules/Edit?kind=CommentKeyword");

        Assert.Equal(["OverallAtOrBelow", "DimensionAtOrBelow", "CommentKeyword"], page.QuerySelectorAll("#kind option").Select(o => o.GetAttribute("value")));
        Assert.Equal("CommentKeyword", page.QuerySelector("#kind option[selected]")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector($"{Form} [name='Input.Keywords']"));
        Assert.Null(page.QuerySelector($"{Form} [name='Input.Threshold']"));
    }

    [Fact]
    public async Task A_second_rule_of_a_kind_that_exists_once_is_refused()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/AlertRules/Edit", new()
        {
            ["Input.Kind"] = nameof(AlertRuleKind.GuaranteeInvoked),
            ["Input.Name"] = "Another guarantee rule",
        }, Form);

        var page = await StaffSession.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("A new rule checks the overall score, a dimension or the comment; the other kinds exist once.", StaffSession.FieldError(page, "Input.Kind"));
        Assert.Equal(10, await _app.QueryAsync(db => db.AlertRules.CountAsync()));
    }

    [Fact]
    public async Task An_administrator_adds_a_spanish_keyword_rule_and_a_spanish_comment_with_its_keyword_raises_an_alert()
    {
        var data = await TestData.SeedAsync(_app);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/AlertRules/Edit?kind=CommentKeyword", new()
        {
            ["Input.Name"] = "Billing complaint (Spanish)",
            ["Input.Keywords"] = " factura incorrecta,, cobro doble ",
            ["Input.Language"] = "ES",
            ["Input.Severity"] = "Medium",
            ["Input.AcknowledgeWithinHours"] = "8",
            ["Input.ResolveWithinHours"] = "96",
        }, Form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var added = await RuleAsync("Billing complaint (Spanish)");
        Assert.Equal(
            (AlertRuleKind.CommentKeyword, "factura incorrecta, cobro doble", "es", AlertSeverity.Medium, 8, 96, true, (decimal?)null),
            (added.Kind, added.Keywords, added.Language, added.Severity, added.AcknowledgeWithinHours, added.ResolveWithinHours, added.IsEnabled, added.Threshold));
        var list = await admin.GetPageAsync("/Admin/AlertRules");
        Assert.Equal("Comment (es) mentions: factura incorrecta, cobro doble", list.QuerySelector($"#rule-{added.Id} .rule-checks")!.TextContent);

        await CustomerRatings.RateAsync(_app, data, "T-1", overall: 4, comment: "Nos hicieron un cobro doble.", language: "es");

        var trigger = await _app.QueryAsync(db => db.AlertTriggers.SingleAsync());
        Assert.Equal((added.Id, "comment mentions “cobro doble”"), (trigger.RuleId, trigger.Detail));
    }

    [Fact]
    public async Task A_disabled_rule_is_listed_as_disabled_and_raises_nothing()
    {
        var data = await TestData.SeedAsync(_app);
        var rule = await RuleAsync(PoorOverall);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync($"/Admin/AlertRules/Edit/{rule.Id}", new() { ["Input.IsEnabled"] = "false" }, Form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False((await RuleAsync(PoorOverall)).IsEnabled);
        var list = await admin.GetPageAsync("/Admin/AlertRules");
        Assert.Equal("Disabled", list.QuerySelector($"#rule-{rule.Id} .rule-status")!.TextContent.Trim());

        await CustomerRatings.RateAsync(_app, data, "T-1", overall: 1);

        Assert.Equal(0, await _app.QueryAsync(db => db.Alerts.CountAsync()));
    }

    [Fact]
    public async Task Under_the_default_threshold_a_rating_of_3_raises_nothing()
    {
        var data = await TestData.SeedAsync(_app);

        await CustomerRatings.RateAsync(_app, data, "T-1", overall: 3);

        Assert.Equal(0, await _app.QueryAsync(db => db.Alerts.CountAsync()));
    }

    [Fact]
    public async Task After_the_overall_threshold_is_raised_to_3_a_rating_of_3_raises_an_alert_with_the_rules_severity_and_service_level()
    {
        var data = await TestData.SeedAsync(_app);
        var rule = await RuleAsync(PoorOverall);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        await admin.PostFormAsync($"/Admin/AlertRules/Edit/{rule.Id}", new()
        {
            ["Input.Threshold"] = "3",
            ["Input.Severity"] = "Critical",
            ["Input.AcknowledgeWithinHours"] = "2",
            ["Input.ResolveWithinHours"] = "24",
        }, Form);

        await CustomerRatings.RateAsync(_app, data, "T-1", overall: 3);

        var alert = await _app.QueryAsync(db => db.Alerts.SingleAsync());
        var now = _app.Clock.GetUtcNow();
        Assert.Equal((AlertSeverity.Critical, now.AddHours(2), now.AddHours(24)), (alert.Severity, alert.AcknowledgeBy, alert.ResolveBy));
        var trigger = await _app.QueryAsync(db => db.AlertTriggers.SingleAsync());
        Assert.Equal((rule.Id, "overall 3 ≤ 3"), (trigger.RuleId, trigger.Detail));
    }

    [Theory]
    [InlineData(StaffRole.TeamMember, "/Admin/AlertRules")]
    [InlineData(StaffRole.Manager, "/Admin/AlertRules/Edit")]
    [InlineData(StaffRole.President, "/Admin/AlertRules")]
    public async Task Alert_rules_are_forbidden_to_everyone_but_administrators(StaffRole role, string url)
    {
        using var session = await _app.SignInAsync(role);

        var response = await session.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/Account/AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private Task<AlertRule> RuleAsync(string name) => _app.QueryAsync(db => db.AlertRules.AsNoTracking().SingleAsync(r => r.Name == name));

    /// <summary>Nothing was stored: the rule still has the version it had, so it was not saved, and no rule was added.</summary>
    private async Task AssertUnchangedAsync(AlertRule before)
    {
        var after = await RuleAsync(before.Name);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(10, await _app.QueryAsync(db => db.AlertRules.CountAsync()));
    }
}
