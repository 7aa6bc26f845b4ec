using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Domain.People;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Pages;

public sealed class OutboxTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private OutboxMessage _pending = default!;
    private OutboxMessage _sent = default!;
    private OutboxMessage _failed = default!;

    public async ValueTask InitializeAsync()
    {
        var now = _app.Clock.GetUtcNow();
        _sent = Email("anna@northwind.example", "Anna Andersen", now.AddHours(-3));
        _sent.MarkSent(now.AddHours(-3));
        _failed = Email("ben@contoso.example", "Ben Becker", now.AddHours(-2));
        _failed.MarkAttemptFailed("SmtpCommandException: Mailbox unavailable", now.AddHours(-2), maxAttempts: 1, TimeSpan.FromSeconds(30));
        _pending = Email("carla@fabrikam.example", "Carla Costa", now.AddHours(-1));
        await _app.ExecuteAsync(db =>
        {
            db.OutboxMessages.AddRange(_sent, _failed, _pending);
            return Task.CompletedTask;
        });
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Administrators_see_every_email_newest_first_with_the_counts_per_status()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var page = await admin.GetPageAsync("/Admin/Outbox");

        Assert.Equal(
            [_pending.Id.ToString(), _failed.Id.ToString(), _sent.Id.ToString()],
            page.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-id")).ToArray());
        Assert.Equal(("1", "1", "1"), (Count(page, OutboxStatus.Pending), Count(page, OutboxStatus.Sent), Count(page, OutboxStatus.Failed)));
        var failedRow = page.QuerySelector($"tr[data-id='{_failed.Id}']")!;
        Assert.Contains("Mailbox unavailable", failedRow.TextContent, StringComparison.Ordinal);
        Assert.Equal("Failed", failedRow.QuerySelector(".badge")!.TextContent);
        Assert.Single(page.QuerySelectorAll("tbody form"));
        Assert.NotNull(failedRow.QuerySelector("form button"));
    }

    [Fact]
    public async Task The_list_filters_by_status_and_searches_by_recipient()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var failed = await admin.GetPageAsync("/Admin/Outbox?status=Failed");
        var byName = await admin.GetPageAsync("/Admin/Outbox?search=carla");
        var nothing = await admin.GetPageAsync("/Admin/Outbox?search=nobody@nowhere");

        Assert.Equal([_failed.Id.ToString()], failed.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-id")).ToArray());
        Assert.Equal([_pending.Id.ToString()], byName.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-id")).ToArray());
        Assert.Equal("0", Count(byName, OutboxStatus.Failed));
        Assert.Contains("No email matches", nothing.QuerySelector(".empty-state")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fifty_emails_are_shown_per_page()
    {
        var now = _app.Clock.GetUtcNow();
        await _app.ExecuteAsync(db =>
        {
            db.OutboxMessages.AddRange(Enumerable.Range(1, 50).Select(i => Email($"old{i}@example.com", "Old", now.AddDays(-i))));
            return Task.CompletedTask;
        });
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var first = await admin.GetPageAsync("/Admin/Outbox");
        var second = await admin.GetPageAsync("/Admin/Outbox?page=2");

        Assert.Equal(50, first.QuerySelectorAll("tbody tr").Length);
        Assert.Equal(3, second.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("old50@example.com", second.QuerySelector("tbody tr:last-child")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_again_puts_a_failed_email_back_to_pending()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/Outbox?status=Failed", [], $"tr[data-id='{_failed.Id}'] form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Admin/Outbox?status=Failed", response.Headers.Location!.ToString());
        Assert.Equal(OutboxStatus.Pending, await _app.QueryAsync(db => db.OutboxMessages.Where(m => m.Id == _failed.Id).Select(m => m.Status).SingleAsync()));
        var page = await admin.GetPageAsync("/Admin/Outbox");
        Assert.Contains("sent again", page.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(("2", "0"), (Count(page, OutboxStatus.Pending), Count(page, OutboxStatus.Failed)));
    }

    [Fact]
    public async Task Send_again_on_an_email_that_is_no_longer_failed_is_refused_with_a_clear_message()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        var stale = await admin.GetPageAsync("/Admin/Outbox");
        var form = stale.QuerySelector<IHtmlFormElement>($"tr[data-id='{_failed.Id}'] form")!;
        await _app.SendAsAdministratorAsync<Mediator.Unit>(new RetryEmail.Command(_failed.Id));

        var response = await admin.Client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(
            form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden").ToDictionary(i => i.Name!, i => i.Value)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Contains("is still waiting to be sent. Only a failed email can be sent again.", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, page.QuerySelectorAll("tbody tr").Length);
    }

    [Fact]
    public async Task A_sent_email_cannot_be_sent_again()
    {
        var error = await Assert.ThrowsAsync<ServiceExcellence.Domain.Common.DomainException>(
            () => _app.SendAsAdministratorAsync<Mediator.Unit>(new RetryEmail.Command(_sent.Id)));

        Assert.Contains("was already sent", error.Message, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Sent, await _app.QueryAsync(db => db.OutboxMessages.Where(m => m.Id == _sent.Id).Select(m => m.Status).SingleAsync()));
    }

    [Theory]
    [InlineData(StaffRole.TeamMember)]
    [InlineData(StaffRole.Manager)]
    [InlineData(StaffRole.President)]
    public async Task The_outbox_is_forbidden_to_everyone_but_administrators(StaffRole role)
    {
        using var session = await _app.SignInAsync(role);

        var response = await session.Client.GetAsync("/Admin/Outbox");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/Account/AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private static OutboxMessage Email(string to, string name, DateTimeOffset createdAt) =>
        new(EmailKinds.SurveyInvitation, to, name, "How did we do?", "Hello", "<p>Hello</p>", createdAt);

    private static string? Count(IDocument page, OutboxStatus status) =>
        page.QuerySelector($"[data-count='{status}']")?.TextContent;
}
