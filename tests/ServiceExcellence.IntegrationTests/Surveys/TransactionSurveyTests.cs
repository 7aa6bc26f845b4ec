using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Ratings;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Surveys;

/// <summary>What staff see of a transaction's survey, and sending it again.</summary>
public sealed class TransactionSurveyTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync() => _data = await TestData.SeedAsync(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_transaction_page_shows_the_customers_answer()
    {
        var recorded = await SurveyLinks.RecordAsync(_app, _data, "T-1");
        var token = await SurveyLinks.MintAsync(_app, recorded.Id);
        await _app.SendAsync<SubmitRating.Result>(new SubmitRating.Command { Token = token, Overall = 2, Empathy = 1, Comment = "Nobody called back." });
        using var staff = await _app.SignInAsync(StaffRole.TeamMember);

        var page = await staff.GetPageAsync($"/Transactions/Details/{recorded.Id}");

        Assert.Equal("Responded", page.QuerySelector("#survey-status")!.TextContent);
        Assert.Equal("2", page.QuerySelector("#rating-overall")!.TextContent);
        Assert.Equal("Nobody called back.", page.QuerySelector("#rating-comment")!.TextContent);
        Assert.Null(page.QuerySelector("#survey form"));
    }

    [Fact]
    public async Task The_transaction_page_says_why_no_survey_was_sent()
    {
        await SurveyLinks.RecordAsync(_app, _data, "T-1");
        var throttled = await SurveyLinks.RecordAsync(_app, _data, "T-2");
        using var staff = await _app.SignInAsync(StaffRole.TeamMember);

        var page = await staff.GetPageAsync($"/Transactions/Details/{throttled.Id}");

        Assert.Equal("Suppressed", page.QuerySelector("#survey-status")!.TextContent);
        Assert.Contains("surveyed recently", page.QuerySelector("#suppression-reason")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_send_an_expired_survey_again_and_it_is_open_for_a_new_lifetime()
    {
        var recorded = await SurveyLinks.RecordAsync(_app, _data, "T-1");
        var token = await SurveyLinks.MintAsync(_app, recorded.Id);
        _app.Clock.Advance(TimeSpan.FromDays(31));
        await _app.SendAsync<int>(new ExpireInvitations.Command());
        Assert.Null(await _app.SendAsync<OpenSurvey.Survey?>(new OpenSurvey.Query(token)));
        using var staff = await _app.SignInAsync(StaffRole.TeamMember);

        var response = await staff.PostFormAsync($"/Transactions/Details/{recorded.Id}", [], "#survey form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(InvitationStatus.Pending, await _app.QueryAsync(db => db.SurveyInvitations.Select(i => i.Status).SingleAsync()));
        Assert.Equal(2, await _app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == Application.Email.EmailKinds.SurveyInvitation)));
        Assert.NotNull(await _app.SendAsync<OpenSurvey.Survey?>(new OpenSurvey.Query(token)));
    }

    [Fact]
    public async Task A_survey_for_a_contact_who_opted_out_is_not_sent_again()
    {
        var recorded = await SurveyLinks.RecordAsync(_app, _data, "T-1");
        await _app.ExecuteAsync(async db => (await db.Contacts.SingleAsync(c => c.Id == _data.Anna.Id)).OptOut());
        using var staff = await _app.SignInAsync(StaffRole.TeamMember);

        var response = await staff.PostFormAsync($"/Transactions/Details/{recorded.Id}", [], "#survey form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Contains("opted out", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await _app.QueryAsync(db => db.OutboxMessages.CountAsync()));
    }
}
