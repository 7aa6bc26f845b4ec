using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.RoutingRules;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.People;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.IntegrationTests.Surveys;

namespace ServiceExcellence.IntegrationTests.Pages;

/// <summary>Administrators add, change and delete routing rules, and alerts go where the rules say.</summary>
public sealed class RoutingRulesTests : IAsyncLifetime
{
    private const string Form = "#routing-rule-form";

    private readonly AppFactory _app = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync() => _data = await TestData.SeedAsync(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_page_explains_the_default_routing_and_warns_that_there_is_no_fallback()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var page = await admin.GetPageAsync("/Admin/RoutingRules");

        var explained = page.QuerySelector("#routing-explained")!.TextContent;
        Assert.Contains("client team", explained, StringComparison.Ordinal);
        Assert.Contains("operations team", explained, StringComparison.Ordinal);
        Assert.Contains("replaces the defaults", explained, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#no-fallback"));
        Assert.Contains("No routing rules", page.QuerySelector(".empty-state")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_sends_a_service_lines_alerts_to_a_key_success_team_instead_of_the_defaults()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/RoutingRules/Edit?match=ServiceLine", new()
        {
            ["Input.Value"] = "repair",
            ["Input.TeamId"] = _data.KeySuccess.Id.ToString(),
            ["Input.ReplacesDefaults"] = "true",
        }, Form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await _app.QueryAsync(db => db.RoutingRules.SingleAsync());
        Assert.Equal((RoutingMatch.ServiceLine, "REPAIR", _data.KeySuccess.Id, true), (saved.Match, saved.Value, saved.TeamId, saved.ReplacesDefaults));
        var row = (await admin.GetPageAsync("/Admin/RoutingRules")).QuerySelector($"#rule-{saved.Id}")!;
        Assert.Contains("The service line is REPAIR (Field repair)", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Service Excellence Council", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Replaced by this team", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_changes_a_rule_to_add_a_team_rather_than_replace_the_defaults()
    {
        var id = await AddRuleAsync(RoutingMatch.ServiceLine, "REPAIR", _data.KeySuccess.Id, replacesDefaults: true);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync($"/Admin/RoutingRules/Edit/{id}", new() { ["Input.ReplacesDefaults"] = "false" }, Form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False((await _app.QueryAsync(db => db.RoutingRules.SingleAsync())).ReplacesDefaults);
    }

    [Fact]
    public async Task A_rule_for_an_unknown_service_line_code_is_refused_next_to_the_value()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/RoutingRules/Edit?match=ServiceLine", new()
        {
            ["Input.Value"] = "PLUMBING",
            ["Input.TeamId"] = _data.KeySuccess.Id.ToString(),
        }, Form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("There is no service line with the code “PLUMBING”.", StaffSession.FieldError(page, "Input.Value"));
        Assert.Equal(0, await _app.QueryAsync(db => db.RoutingRules.CountAsync()));
    }

    [Theory]
    [InlineData("ClientSegment", "", "Input.Value", "Enter the client segment, such as Enterprise.")]
    [InlineData("FailureCategory", "Arrived late", "Input.Value", "There is no failure category named “Arrived late”.")]
    [InlineData("ClientSegment", "Enterprise", "Input.TeamId", "Choose the team that receives the alerts.")]
    public async Task A_rule_needs_a_value_its_match_knows_and_a_team(string match, string value, string field, string message)
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync($"/Admin/RoutingRules/Edit?match={match}", new()
        {
            ["Input.Value"] = value,
            ["Input.TeamId"] = field == "Input.TeamId" ? string.Empty : _data.KeySuccess.Id.ToString(),
        }, Form);

        var page = await StaffSession.ParseAsync(response);
        Assert.Equal(message, StaffSession.FieldError(page, field));
        Assert.Equal(0, await _app.QueryAsync(db => db.RoutingRules.CountAsync()));
    }

    [Fact]
    public async Task A_second_fallback_rule_is_refused()
    {
        await AddRuleAsync(RoutingMatch.Fallback, null, _data.Operations.Id);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/RoutingRules/Edit?match=Fallback", new() { ["Input.TeamId"] = _data.KeySuccess.Id.ToString() }, Form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("There is already a fallback rule; edit it to send the unrouted alerts to another team.", StaffSession.FieldError(page, "Input.Match"));
        Assert.Equal(1, await _app.QueryAsync(db => db.RoutingRules.CountAsync()));
    }

    [Fact]
    public async Task An_administrator_deletes_a_routing_rule()
    {
        var id = await AddRuleAsync(RoutingMatch.ClientSegment, "Enterprise", _data.KeySuccess.Id);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        var list = await admin.GetPageAsync("/Admin/RoutingRules");
        Assert.Contains("Delete this rule?", list.QuerySelector($"#delete-{id}")!.TextContent, StringComparison.Ordinal);

        var response = await admin.PostFormAsync("/Admin/RoutingRules", [], $"#delete-{id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(0, await _app.QueryAsync(db => db.RoutingRules.CountAsync()));
        Assert.Equal(1, await _app.QueryAsync(db => db.Teams.CountAsync(t => t.Id == _data.KeySuccess.Id)));
    }

    [Fact]
    public async Task Without_rules_an_alert_goes_to_the_client_team_and_the_operations_team()
    {
        await CustomerRatings.RateAsync(_app, _data, "T-1", overall: 1);

        Assert.Equal(new[] { _data.ClientTeam.Id, _data.Operations.Id }.Order(), (await RoutedTeamsAsync()).Order());
    }

    [Fact]
    public async Task A_service_line_rule_that_replaces_the_defaults_routes_the_alert_only_to_its_team()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        await admin.PostFormAsync("/Admin/RoutingRules/Edit?match=ServiceLine", new()
        {
            ["Input.Value"] = "REPAIR",
            ["Input.TeamId"] = _data.KeySuccess.Id.ToString(),
            ["Input.ReplacesDefaults"] = "true",
        }, Form);

        await CustomerRatings.RateAsync(_app, _data, "T-1", overall: 1);

        Assert.Equal([_data.KeySuccess.Id], await RoutedTeamsAsync());
    }

    [Fact]
    public async Task A_segment_rule_that_adds_a_team_routes_the_alert_to_the_defaults_and_its_team()
    {
        await AddRuleAsync(RoutingMatch.ClientSegment, "enterprise", _data.KeySuccess.Id);

        await CustomerRatings.RateAsync(_app, _data, "T-1", overall: 1);

        Assert.Equal(new[] { _data.ClientTeam.Id, _data.Operations.Id, _data.KeySuccess.Id }.Order(), (await RoutedTeamsAsync()).Order());
    }

    [Theory]
    [InlineData(StaffRole.TeamMember, "/Admin/RoutingRules")]
    [InlineData(StaffRole.Manager, "/Admin/RoutingRules/Edit")]
    [InlineData(StaffRole.President, "/Admin/RoutingRules")]
    public async Task Routing_rules_are_forbidden_to_everyone_but_administrators(StaffRole role, string url)
    {
        using var session = await _app.SignInAsync(role);

        var response = await session.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/Account/AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private Task<Guid> AddRuleAsync(RoutingMatch match, string? value, Guid teamId, bool replacesDefaults = false) =>
        _app.SendAsAdministratorAsync<Guid>(new SaveRoutingRule.Command { Match = match, Value = value, TeamId = teamId, ReplacesDefaults = replacesDefaults });

    private Task<List<Guid>> RoutedTeamsAsync() =>
        _app.QueryAsync(db => db.AlertRoutes.Select(r => r.TeamId).ToListAsync());
}
