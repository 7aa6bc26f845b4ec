using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Ratings;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Domain.Ratings;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Surveys;

/// <summary>The loop's steps 2 and 3 end to end: record → email over real SMTP → link → rating.</summary>
public sealed class SurveyFlowTests : IAsyncLifetime
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
        await _app.ExecuteAsync(db =>
        {
            db.FailureCategories.AddRange(new FailureCategory("Late", null, isCritical: false, 1), new FailureCategory("Rude staff", null, isCritical: true, 2));
            return Task.CompletedTask;
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_recorded_transaction_emails_the_contact_whose_link_records_a_rating()
    {
        using var staff = await _app.SignInAsync(Domain.People.StaffRole.TeamMember);
        var recorded = await staff.PostFormAsync("/Transactions/Create", new()
        {
            ["Input.ClientId"] = _data.Northwind.Id.ToString(),
            ["Input.ContactId"] = _data.Anna.Id.ToString(),
            ["Input.ServiceLineId"] = _data.Repair.Id.ToString(),
            ["Input.OccurredAt"] = "2026-06-15T08:00",
            ["Input.InvoicedAmount"] = "480",
            ["Input.Currency"] = "EUR",
            ["Input.ExternalReference"] = "WO-1001",
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);

        Assert.Equal(1, await _app.ProcessOutboxAsync());
        var email = Assert.Single(await _smtp.WaitForAsync(1));
        Assert.Equal("anna@northwind.example", email.To.Single().Address);
        Assert.Contains("Field repair", email.Subject, StringComparison.Ordinal);
        Assert.Contains("?score=1", email.Html, StringComparison.Ordinal);
        Assert.StartsWith("<https://localhost/u/", email.Header("List-Unsubscribe"), StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", email.Header("List-Unsubscribe-Post"));

        using var customer = _app.NewSession();
        var link = SurveyLinks.ScoreLink(email, 2);
        var page = await customer.GetPageAsync(link);
        Assert.NotNull(page.QuerySelector("input[name='Input.Overall'][value='2'][checked]"));
        var posted = await customer.PostFormAsync(link, new()
        {
            ["Input.Overall"] = "2",
            ["Input.Reliability"] = "1",
            ["Input.LikelihoodToRecommend"] = "3",
            ["Input.Comment"] = "The engineer came a day late.",
            ["Input.FailureCategoryIds"] = await _app.QueryAsync(db => db.FailureCategories.Where(c => c.Name == "Late").Select(c => c.Id.ToString()).SingleAsync()),
        }, "#rating-form");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var thanks = await customer.GetPageAsync(posted.Headers.Location!.ToString());
        Assert.Contains("someone will contact you", thanks.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var rating = await _app.QueryAsync(db => db.Ratings.Include(r => r.FailureCategories).SingleAsync());
        Assert.Equal(2, rating.Overall);
        Assert.Equal(1, rating.Reliability);
        Assert.Equal(3, rating.LikelihoodToRecommend);
        Assert.Equal("The engineer came a day late.", rating.Comment);
        Assert.Single(rating.FailureCategories);
        Assert.Equal(InvitationStatus.Responded, await _app.QueryAsync(db => db.SurveyInvitations.Select(i => i.Status).SingleAsync()));
    }

    [Fact]
    public async Task Opening_a_score_link_records_nothing()
    {
        await SurveyLinks.RecordAsync(_app, _data, "WO-1");
        await _app.ProcessOutboxAsync();
        var email = Assert.Single(await _smtp.WaitForAsync(1));
        using var scanner = _app.NewSession();

        foreach (var score in new[] { 1, 5 })
        {
            await scanner.GetPageAsync(SurveyLinks.ScoreLink(email, score));
        }

        Assert.Equal(0, await _app.QueryAsync(db => db.Ratings.CountAsync()));
        Assert.Equal(InvitationStatus.Sent, await _app.QueryAsync(db => db.SurveyInvitations.Select(i => i.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_tampered_link_shows_one_friendly_page_and_stores_nothing()
    {
        await SurveyLinks.RecordAsync(_app, _data, "WO-2");
        await _app.ProcessOutboxAsync();
        var link = SurveyLinks.SurveyLink(Assert.Single(await _smtp.WaitForAsync(1)));
        var token = SurveyLinks.TokenOf(link);
        var tampered = "/r/" + (token[0] == 'A' ? 'B' : 'A') + token[1..];
        using var customer = _app.NewSession();

        var page = await customer.GetPageAsync(tampered, HttpStatusCode.NotFound);
        var post = await customer.Client.PostAsync(tampered, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Overall"] = "1" }));

        Assert.Equal("This link cannot be used", page.QuerySelector("h1")!.TextContent);
        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(0, await _app.QueryAsync(db => db.Ratings.CountAsync()));
    }

    [Fact]
    public async Task A_tampered_link_with_an_incomplete_answer_still_gets_the_bad_link_page()
    {
        await SurveyLinks.RecordAsync(_app, _data, "WO-2B");
        await _app.ProcessOutboxAsync();
        var link = SurveyLinks.SurveyLink(Assert.Single(await _smtp.WaitForAsync(1)));
        var token = SurveyLinks.TokenOf(link);
        var tampered = "/r/" + (token[0] == 'A' ? 'B' : 'A') + token[1..];
        using var customer = _app.NewSession();
        var form = await customer.GetPageAsync(link);
        var antiforgery = form.QuerySelector("#rating-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var post = await customer.Client.PostAsync(tampered, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Comment"] = "No score given",
            ["__RequestVerificationToken"] = antiforgery,
        }));

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal("This link cannot be used", (await StaffSession.ParseAsync(post)).QuerySelector("h1")!.TextContent);
        Assert.Equal(0, await _app.QueryAsync(db => db.Ratings.CountAsync()));
    }

    [Fact]
    public async Task Submitting_twice_keeps_one_rating_with_the_first_submission_time()
    {
        await SurveyLinks.RecordAsync(_app, _data, "WO-3");
        await _app.ProcessOutboxAsync();
        var link = SurveyLinks.SurveyLink(Assert.Single(await _smtp.WaitForAsync(1)));
        using var customer = _app.NewSession();

        await customer.PostFormAsync(link, new() { ["Input.Overall"] = "4" }, "#rating-form");
        var firstSubmission = await _app.QueryAsync(db => db.Ratings.Select(r => r.SubmittedAt).SingleAsync());
        _app.Clock.Advance(TimeSpan.FromHours(2));
        var again = await customer.PostFormAsync(link, new() { ["Input.Overall"] = "5", ["Input.Comment"] = "Even better on reflection" }, "#rating-form");

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var rating = await _app.QueryAsync(db => db.Ratings.SingleAsync());
        Assert.Equal(5, rating.Overall);
        Assert.Equal(firstSubmission, rating.SubmittedAt);
        Assert.Equal(_app.Clock.GetUtcNow(), rating.LastEditedAt);
    }

    [Fact]
    public async Task After_the_edit_window_the_answer_can_no_longer_change()
    {
        await SurveyLinks.RecordAsync(_app, _data, "WO-4");
        await _app.ProcessOutboxAsync();
        var link = SurveyLinks.SurveyLink(Assert.Single(await _smtp.WaitForAsync(1)));
        using var customer = _app.NewSession();
        await customer.PostFormAsync(link, new() { ["Input.Overall"] = "3" }, "#rating-form");

        _app.Clock.Advance(TimeSpan.FromHours(25));
        var page = await customer.GetPageAsync(link);

        Assert.Contains("The time to change it has passed", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#rating-form"));
    }

    [Fact]
    public async Task An_answer_without_an_overall_score_is_refused_beside_the_field()
    {
        await SurveyLinks.RecordAsync(_app, _data, "WO-5");
        await _app.ProcessOutboxAsync();
        var link = SurveyLinks.SurveyLink(Assert.Single(await _smtp.WaitForAsync(1)));
        using var customer = _app.NewSession();

        var response = await customer.PostFormAsync(link, new() { ["Input.Comment"] = new string('x', 2_001), ["Input.LikelihoodToRecommend"] = "11" }, "#rating-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("Choose a score from 1 to 5.", page.QuerySelector("#overall-error")!.TextContent);
        Assert.Contains("Choose a number from 0 to 10.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("under 2,000 characters", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await _app.QueryAsync(db => db.Ratings.CountAsync()));
    }

    [Fact]
    public async Task A_retired_failure_category_stays_on_an_answer_that_named_it_but_cannot_be_chosen_anew()
    {
        var (late, rude) = await _app.QueryAsync(async db => (
            await db.FailureCategories.Where(c => c.Name == "Late").Select(c => c.Id).SingleAsync(),
            await db.FailureCategories.Where(c => c.Name == "Rude staff").Select(c => c.Id).SingleAsync()));
        var first = await SurveyLinks.MintAsync(_app, (await SurveyLinks.RecordAsync(_app, _data, "WO-6")).Id);
        await _app.SendAsync<SubmitRating.Result>(new SubmitRating.Command { Token = first, Overall = 2, FailureCategoryIds = [late] });
        await _app.ExecuteAsync(async db => (await db.FailureCategories.SingleAsync(c => c.Id == late)).Update("Late", null, isCritical: false, isActive: false, sortOrder: 1));

        await _app.SendAsync<SubmitRating.Result>(new SubmitRating.Command { Token = first, Overall = 1, FailureCategoryIds = [late, rude] });
        Assert.Equal(
            new HashSet<Guid> { late, rude },
            (await _app.QueryAsync(db => db.RatingFailureCategories.Select(c => c.FailureCategoryId).ToListAsync())).ToHashSet());

        _app.Clock.Advance(TimeSpan.FromDays(15));
        var next = await SurveyLinks.MintAsync(_app, (await SurveyLinks.RecordAsync(_app, _data, "WO-7")).Id);
        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            _app.SendAsync<SubmitRating.Result>(new SubmitRating.Command { Token = next, Overall = 2, FailureCategoryIds = [late] }));
        Assert.Equal(nameof(SubmitRating.Command.FailureCategoryIds), Assert.Single(refused.Errors).PropertyName);
        Assert.Equal(1, await _app.QueryAsync(db => db.Ratings.CountAsync()));
    }

    [Fact]
    public async Task Emails_wait_while_the_mail_server_is_down_and_each_is_delivered_once_when_it_returns()
    {
        await _smtp.StopAsync();
        var contacts = new List<Guid>();
        await _app.ExecuteAsync(async db =>
        {
            var client = await db.Clients.Include(c => c.Contacts).SingleAsync(c => c.Id == _data.Northwind.Id);
            contacts.AddRange(Enumerable.Range(1, 3).Select(i => client.AddContact($"Contact {i}", $"contact{i}@northwind.example", "en").Id));
        });
        for (var i = 0; i < contacts.Count; i++)
        {
            await SurveyLinks.RecordAsync(_app, _data, $"DOWN-{i}", contacts[i]);
        }

        Assert.Equal(3, await _app.ProcessOutboxAsync());
        var waiting = await _app.QueryAsync(db => db.OutboxMessages.ToListAsync());
        Assert.All(waiting, m => Assert.Equal((OutboxStatus.Pending, 1), (m.Status, m.Attempts)));
        Assert.All(waiting, m => Assert.NotNull(m.LastError));
        Assert.Equal(0, await _app.ProcessOutboxAsync());

        await _smtp.StartAsync();
        _app.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(3, await _app.ProcessOutboxAsync());
        Assert.Equal(0, await _app.ProcessOutboxAsync());

        var received = await _smtp.WaitForAsync(3);
        Assert.Equal(3, received.Count);
        Assert.Equal(3, received.Select(e => e.MessageId).Distinct().Count());
        Assert.All(await _app.QueryAsync(db => db.OutboxMessages.ToListAsync()), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task After_the_last_attempt_an_email_is_failed_with_its_error_and_the_invitation_says_so()
    {
        await _smtp.StopAsync();
        await SurveyLinks.RecordAsync(_app, _data, "DEAD-1");

        for (var attempt = 0; attempt < 8; attempt++)
        {
            await _app.ProcessOutboxAsync();
            _app.Clock.Advance(TimeSpan.FromHours(1));
        }

        var message = await _app.QueryAsync(db => db.OutboxMessages.SingleAsync());
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Equal(8, message.Attempts);
        Assert.False(string.IsNullOrEmpty(message.LastError));
        Assert.Equal(InvitationStatus.Failed, await _app.QueryAsync(db => db.SurveyInvitations.Select(i => i.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_unsubscribe_link_opts_the_contact_out_of_further_surveys()
    {
        await SurveyLinks.RecordAsync(_app, _data, "WO-6");
        await _app.ProcessOutboxAsync();
        var link = SurveyLinks.UnsubscribeLink(Assert.Single(await _smtp.WaitForAsync(1)));
        using var customer = _app.NewSession();

        await customer.GetPageAsync(link);
        Assert.False(await _app.QueryAsync(db => db.Contacts.Where(c => c.Id == _data.Anna.Id).Select(c => c.OptedOut).SingleAsync()));
        var done = await customer.PostFormAsync(link, []);

        Assert.Contains("You are unsubscribed", (await StaffSession.ParseAsync(done)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.True(await _app.QueryAsync(db => db.Contacts.Where(c => c.Id == _data.Anna.Id).Select(c => c.OptedOut).SingleAsync()));
    }

    [Fact]
    public async Task One_click_unsubscribe_from_the_mail_client_opts_the_contact_out()
    {
        await SurveyLinks.RecordAsync(_app, _data, "WO-7");
        await _app.ProcessOutboxAsync();
        var header = Assert.Single(await _smtp.WaitForAsync(1)).Header("List-Unsubscribe")!.Trim('<', '>');
        using var mailClient = _app.NewSession();

        var response = await mailClient.Client.PostAsync(new Uri(header).PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await _app.QueryAsync(db => db.Contacts.Where(c => c.Id == _data.Anna.Id).Select(c => c.OptedOut).SingleAsync()));
    }

    [Fact]
    public async Task A_bad_link_with_an_unreadable_form_is_still_a_bad_link()
    {
        using var guesser = _app.NewSession();
        var page = await guesser.GetPageAsync("/Account/Login");
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            var response = await guesser.Client.PostAsync("/r/" + new string((char)('c' + i), 43), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Overall"] = "not a number",
                ["__RequestVerificationToken"] = token ?? string.Empty,
            }));
            statuses.Add(response.StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.OK, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Repeated_bad_links_from_one_address_are_refused_with_429()
    {
        using var guesser = _app.NewSession();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await guesser.Client.GetAsync("/r/" + new string((char)('a' + i), 43))).StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[11]);
    }

    [Fact]
    public async Task One_reminder_follows_when_there_is_no_answer_and_both_links_work()
    {
        await SurveyLinks.RecordAsync(_app, _data, "WO-8");
        await _app.ProcessOutboxAsync();
        _app.Clock.Advance(TimeSpan.FromDays(5) + TimeSpan.FromMinutes(1));

        Assert.Equal(1, await _app.SendAsync<int>(new Application.Surveys.SendSurveyReminders.Command()));
        Assert.Equal(0, await _app.SendAsync<int>(new Application.Surveys.SendSurveyReminders.Command()));
        await _app.ProcessOutboxAsync();

        var emails = await _smtp.WaitForAsync(2);
        Assert.Equal(2, emails.Count);
        Assert.Single(emails, e => e.Subject.StartsWith("Reminder:", StringComparison.Ordinal));
        var links = emails.Select(SurveyLinks.SurveyLink).ToList();
        Assert.NotEqual(links[0], links[1]);
        using var customer = _app.NewSession();
        foreach (var link in links)
        {
            await customer.GetPageAsync(link);
        }
    }

    [Fact]
    public async Task A_Spanish_contact_is_asked_in_Spanish_and_can_switch_the_page_to_English()
    {
        Guid maria = default;
        await _app.ExecuteAsync(async db =>
        {
            var client = await db.Clients.Include(c => c.Contacts).SingleAsync(c => c.Id == _data.Northwind.Id);
            maria = client.AddContact("María López", "maria@northwind.example", "es").Id;
        });
        await SurveyLinks.RecordAsync(_app, _data, "WO-9", maria);
        await _app.ProcessOutboxAsync();
        var email = Assert.Single(await _smtp.WaitForAsync(1));
        using var customer = _app.NewSession();

        var spanish = await customer.GetPageAsync(SurveyLinks.SurveyLink(email));
        var english = await customer.GetPageAsync(SurveyLinks.SurveyLink(email) + "?lang=en");

        Assert.StartsWith("¿Qué tal lo hicimos?", email.Subject, StringComparison.Ordinal);
        Assert.Equal("es", spanish.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Valore su experiencia", spanish.QuerySelector("h1")!.TextContent);
        Assert.Equal("Rate your experience", english.QuerySelector("h1")!.TextContent);
    }
}
