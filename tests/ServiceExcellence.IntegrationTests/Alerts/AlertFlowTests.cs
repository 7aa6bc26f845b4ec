using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.People;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.IntegrationTests.Surveys;
using SubmitRating = ServiceExcellence.Application.Ratings.SubmitRating;

namespace ServiceExcellence.IntegrationTests.Alerts;

/// <summary>The loop's steps 4 to 6: a poor rating warns both teams at once; they work the alert; overdue alerts climb.</summary>
public sealed class AlertFlowTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private readonly SmtpServer _smtp = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync()
    {
        SmtpServer.SkipIfUnavailable();
        await _smtp.StartAsync();
        _app.Settings["Email:Smtp:Port"] = _smtp.SmtpPort.ToString();
        _data = await TestData.SeedAsync(_app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_poor_rating_raises_an_alert_in_both_teams_queues_and_emails_their_members()
    {
        var accountRep = await RatingKit.MemberOfAsync(_app, _data.ClientTeam);
        var engineer = await RatingKit.MemberOfAsync(_app, _data.Operations);
        await RatingKit.MemberOfAsync(_app, _data.KeySuccess);

        await RatingKit.SubmitAsync(_app, _data, "WO-1", overall: 2, comment: "Late again.");

        var alert = await _app.QueryAsync(db => db.Alerts.Include(a => a.Routes).Include(a => a.Triggers).SingleAsync());
        Assert.Equal(AlertSeverity.High, alert.Severity);
        Assert.Equal(2_500_000m * 0.3m, alert.RevenueAtRisk);
        Assert.Equal(_app.Clock.GetUtcNow().AddHours(4), alert.AcknowledgeBy);
        Assert.Equal(new HashSet<Guid> { _data.ClientTeam.Id, _data.Operations.Id }, alert.Routes.Select(r => r.TeamId).ToHashSet());
        Assert.Contains(alert.Triggers, t => t.Detail == "overall 2 ≤ 2");

        while (await _app.ProcessOutboxAsync() > 0)
        {
        }

        var notices = (await _smtp.WaitForAsync(2)).Where(e => e.Subject.StartsWith("[High]", StringComparison.Ordinal)).ToList();
        Assert.Equal(new HashSet<string> { accountRep.Email, engineer.Email }, notices.Select(e => e.To.Single().Address).ToHashSet());

        foreach (var (person, team) in new[] { (accountRep, _data.ClientTeam), (engineer, _data.Operations) })
        {
            using var session = _app.NewSession();
            await session.SignInAsync(person.Email, AppFactory.Password);
            var queue = await session.GetPageAsync($"/Alerts?scope=Team&teamId={team.Id}");
            Assert.Contains("Northwind Traders: rated Field repair 2/5", queue.QuerySelector("#alerts")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_member_of_a_third_team_cannot_see_or_change_the_alert_even_by_id()
    {
        var outsider = await RatingKit.MemberOfAsync(_app, _data.KeySuccess);
        await RatingKit.SubmitAsync(_app, _data, "WO-1", overall: 1);
        var alert = await _app.QueryAsync(db => db.Alerts.SingleAsync());
        using var session = _app.NewSession();
        await session.SignInAsync(outsider.Email, AppFactory.Password);

        var all = await session.GetPageAsync("/Alerts?scope=All");
        await session.GetPageAsync($"/Alerts/Details/{alert.Id}", HttpStatusCode.NotFound);
        var foreignQueue = await session.Client.GetAsync($"/Alerts?scope=Team&teamId={_data.ClientTeam.Id}");
        var post = await session.Client.PostAsync($"/Alerts/Details/{alert.Id}?handler=Acknowledge", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Version"] = alert.Version.ToString(),
            ["__RequestVerificationToken"] = all.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
        }));

        Assert.Null(all.QuerySelector("#alerts"));
        Assert.Equal(HttpStatusCode.NotFound, foreignQueue.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(AlertStatus.New, await _app.QueryAsync(db => db.Alerts.Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_clients_alert_export_leaves_out_alerts_routed_only_to_other_teams()
    {
        await _app.ExecuteAsync(db =>
        {
            db.RoutingRules.Add(new RoutingRule(RoutingMatch.ClientSegment, "Enterprise", _data.KeySuccess.Id, replacesDefaults: true));
            return Task.CompletedTask;
        });
        await RatingKit.SubmitAsync(_app, _data, "WO-1", overall: 1, comment: "Broken again.");
        var accountRep = await RatingKit.MemberOfAsync(_app, _data.ClientTeam);
        var export = $"/Dashboard/Client/{_data.Northwind.Id}?handler=Export&what=alerts";

        using var president = await _app.SignInAsync(StaffRole.President);
        using var member = _app.NewSession();
        await member.SignInAsync(accountRep.Email, AppFactory.Password);

        Assert.Contains("Northwind Traders: rated Field repair 1/5", await president.Client.GetStringAsync(export), StringComparison.Ordinal);
        var theirs = await member.Client.GetAsync(export);
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        Assert.DoesNotContain("rated Field repair", await theirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_president_sees_every_alert()
    {
        await RatingKit.SubmitAsync(_app, _data, "WO-1", overall: 1);
        using var president = await _app.SignInAsync(StaffRole.President);

        var all = await president.GetPageAsync("/Alerts?scope=All");

        Assert.Single(all.QuerySelectorAll("#alerts tbody tr"));
    }

    [Fact]
    public async Task A_team_member_works_the_alert_from_acknowledgement_to_close_and_every_step_is_audited()
    {
        var (engineer, url, session) = await AlertWorkedByAnEngineerAsync();
        using var signedIn = session;

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync(url, [], "form[action*='handler=Acknowledge']")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync(url, new() { ["Recovery.Action"] = "Called the client, sent an engineer the same day.", ["Recovery.Reaction"] = "Relieved" }, "#recovery-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync(url, new() { ["RootCause.SystemicCause"] = "Dispatch plans without travel time.", ["RootCause.NewInitiativeTitle"] = "Plan travel time into dispatch" }, "#root-cause-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync(url, [], "form[action*='handler=Resolve']")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync(url, [], "form[action*='handler=Close']")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync(url, new() { ["Comment.Text"] = "Client confirmed the fix holds." }, "#comment-form")).StatusCode);

        var page = await session.GetPageAsync(url);
        Assert.Equal("Closed", page.QuerySelector("#alert-status")!.TextContent);
        var who = page.QuerySelectorAll("#audit strong").Select(s => s.TextContent).ToList();
        Assert.Equal("system", who[0]);
        Assert.All(who.Skip(1), name => Assert.Equal(engineer.DisplayName, name));
        Assert.Equal(engineer.DisplayName, page.QuerySelector("#comments strong")!.TextContent);
        var alert = await _app.QueryAsync(db => db.Alerts.Include(a => a.Audit).SingleAsync());
        Assert.Equal(engineer.Id, alert.AssigneeId);
        Assert.Equal("Relieved", alert.ClientReaction);
        Assert.NotNull(alert.InitiativeId);
        Assert.Equal(["New → Acknowledged", "Acknowledged → Recovering", "Recovering → Resolved", "Resolved → Closed"],
            alert.Audit.Where(e => e.Field == "Status").OrderBy(e => e.Id).Select(e => $"{e.Before} → {e.After}").ToArray());
        Assert.All(alert.Audit.Where(e => e.Field != "Raised"), e => Assert.Equal(engineer.Id, e.ActorId));
        Assert.Equal("Plan travel time into dispatch", await _app.QueryAsync(db => db.Initiatives.Select(i => i.Title).SingleAsync()));
    }

    [Fact]
    public async Task A_teams_queue_and_its_count_follow_the_alert_through_resolve_close_and_reopen()
    {
        var (engineer, url, session) = await AlertWorkedByAnEngineerAsync();
        using var signedIn = session;
        var queue = $"/Alerts?scope=Team&teamId={_data.Operations.Id}";

        async Task<(string Count, int Rows)> QueueAsync()
        {
            var page = await session.GetPageAsync(queue);
            var tab = page.QuerySelector($"a[href='?scope=Team&teamId={_data.Operations.Id}'] .badge")!.TextContent;
            return (tab, page.QuerySelectorAll("#alerts tbody tr").Length);
        }

        Assert.Equal(("1", 1), await QueueAsync());
        Assert.Contains("1 in all", (await session.GetPageAsync(queue)).Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty((await session.GetPageAsync($"{queue}&page=100000000")).QuerySelectorAll("#alerts tbody tr"));
        await session.PostFormAsync(url, [], "form[action*='handler=Acknowledge']");
        await session.PostFormAsync(url, new() { ["Recovery.Action"] = "Called the client.", ["Recovery.Reaction"] = "Relieved" }, "#recovery-form");
        Assert.Equal(("1", 1), await QueueAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync(url, [], "form[action*='handler=Resolve']")).StatusCode);
        Assert.Equal(("0", 0), await QueueAsync());
        var resolved = await session.GetPageAsync($"{queue}&status=Resolved");
        Assert.Single(resolved.QuerySelectorAll("#alerts tbody tr"));

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync(url, [], "form[action*='handler=Close']")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync(url, [], "form[action*='handler=Reopen']")).StatusCode);
        Assert.Equal(("1", 1), await QueueAsync());
        var reopened = await _app.QueryAsync(db => db.Alerts.Select(a => a.Status).SingleAsync());
        Assert.All(await _app.QueryAsync(db => db.AlertRoutes.ToListAsync()), r => Assert.Equal(reopened, r.AlertStatus));
    }

    [Fact]
    public async Task Resolving_before_recording_the_recovery_is_refused_with_a_message()
    {
        var engineer = await RatingKit.MemberOfAsync(_app, _data.Operations);
        await RatingKit.SubmitAsync(_app, _data, "WO-1", overall: 2);
        var id = await _app.QueryAsync(db => db.Alerts.Select(a => a.Id).SingleAsync());
        using var session = _app.NewSession();
        await session.SignInAsync(engineer.Email, AppFactory.Password);

        var response = await session.PostFormAsync($"/Alerts/Details/{id}", [], "form[action*='handler=Resolve']");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Record what was done", (await StaffSession.ParseAsync(response)).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_people_saving_the_same_alert_get_a_conflict_and_the_second_keeps_what_they_typed()
    {
        var first = await RatingKit.MemberOfAsync(_app, _data.ClientTeam);
        var second = await RatingKit.MemberOfAsync(_app, _data.ClientTeam);
        await RatingKit.SubmitAsync(_app, _data, "WO-1", overall: 2);
        var url = $"/Alerts/Details/{await _app.QueryAsync(db => db.Alerts.Select(a => a.Id).SingleAsync())}";
        using var one = _app.NewSession();
        using var two = _app.NewSession();
        await one.SignInAsync(first.Email, AppFactory.Password);
        await two.SignInAsync(second.Email, AppFactory.Password);
        var stale = (await two.GetPageAsync(url)).QuerySelector("#recovery-form input[name='Version']")!.GetAttribute("value")!;

        await one.PostFormAsync(url, new() { ["Recovery.Action"] = "Apologised by phone." }, "#recovery-form");
        var response = await two.PostFormAsync(url, new() { ["Recovery.Action"] = "Offered a free service visit.", ["Version"] = stale }, "#recovery-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Contains("Someone else changed this alert", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Offered a free service visit.", page.QuerySelector("#Recovery_Action")!.TextContent.Trim());
        Assert.NotEqual(stale, page.QuerySelector("#recovery-form input[name='Version']")!.GetAttribute("value"));
        Assert.Equal("Apologised by phone.", await _app.QueryAsync(db => db.Alerts.Select(a => a.RecoveryAction).SingleAsync()));
    }

    [Fact]
    public async Task An_unacknowledged_alert_escalates_to_the_team_managers_and_then_to_the_president()
    {
        var manager = await _app.CreatePersonAsync(StaffRole.Manager);
        var president = await _app.CreatePersonAsync(StaffRole.President);
        await _app.ExecuteAsync(async db => (await db.Teams.Include(t => t.Members).SingleAsync(t => t.Id == _data.ClientTeam.Id)).AppointManager(manager.Id));
        await RatingKit.SubmitAsync(_app, _data, "WO-1", overall: 2);
        while (await _app.ProcessOutboxAsync() > 0)
        {
        }

        _app.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await _app.SendAsync<int>(new EscalateOverdueAlerts.Command()));
        _app.Clock.Advance(TimeSpan.FromHours(1.5));
        Assert.Equal(1, await _app.SendAsync<int>(new EscalateOverdueAlerts.Command()));
        Assert.Equal(0, await _app.SendAsync<int>(new EscalateOverdueAlerts.Command()));
        Assert.Equal(1, await _app.QueryAsync(db => db.Alerts.Select(a => a.EscalationLevel).SingleAsync()));
        _app.Clock.Advance(TimeSpan.FromHours(4));
        Assert.Equal(1, await _app.SendAsync<int>(new EscalateOverdueAlerts.Command()));
        while (await _app.ProcessOutboxAsync() > 0)
        {
        }

        var escalations = (await _smtp.WaitForAsync(3)).Where(e => e.Subject.StartsWith("[Escalated]", StringComparison.Ordinal)).ToList();
        Assert.Equal([manager.Email, president.Email], escalations.Select(e => e.To.Single().Address).ToArray());
        Assert.Equal(2, await _app.QueryAsync(db => db.Alerts.Select(a => a.EscalationLevel).SingleAsync()));
    }

    [Fact]
    public async Task A_changed_answer_that_turns_poor_raises_one_alert_and_changing_it_again_keeps_that_one()
    {
        var recorded = await SurveyLinks.RecordAsync(_app, _data, "WO-1");
        var token = await SurveyLinks.MintAsync(_app, recorded.Id);
        await _app.SendAsync<SubmitRating.Result>(new SubmitRating.Command { Token = token, Overall = 5 });
        Assert.Equal(0, await _app.QueryAsync(db => db.Alerts.CountAsync()));

        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        await _app.SendAsync<SubmitRating.Result>(new SubmitRating.Command { Token = token, Overall = 1, Comment = "On second thought: it broke again." });
        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        await _app.SendAsync<SubmitRating.Result>(new SubmitRating.Command { Token = token, Overall = 2 });

        var alert = await _app.QueryAsync(db => db.Alerts.Include(a => a.Triggers).SingleAsync());
        Assert.Contains(alert.Triggers, t => t.Detail == "overall 1 ≤ 2");
    }

    [Fact]
    public async Task A_good_rating_raises_no_alert()
    {
        await RatingKit.SubmitAsync(_app, _data, "WO-1", overall: 4);
        Assert.Equal(0, await _app.QueryAsync(db => db.Alerts.CountAsync()));
    }

    /// <summary>A poor rating's alert, and a member of its operations team signed in to work it.</summary>
    private async Task<(Person Engineer, string Url, StaffSession Session)> AlertWorkedByAnEngineerAsync()
    {
        var engineer = await RatingKit.MemberOfAsync(_app, _data.Operations);
        await RatingKit.SubmitAsync(_app, _data, "WO-1", overall: 2);
        var id = await _app.QueryAsync(db => db.Alerts.Select(a => a.Id).SingleAsync());
        var session = _app.NewSession();
        await session.SignInAsync(engineer.Email, AppFactory.Password);
        return (engineer, $"/Alerts/Details/{id}", session);
    }
}
